namespace SessionBridge.Tests.Packaging;

/// <summary>The classes that test what users install share one build of it (<see cref="ShippedBuilds"/>).</summary>
[CollectionDefinition(Name)]
public sealed class OneShippedBuild : ICollectionFixture<ShippedBuilds>
{
    public const string Name = "Shipped builds";
}
