using System.Text.Json.Nodes;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>The JSON Schema editors use (schema/session-bridge.schema.json) says what the loader accepts, no more, no less.</summary>
public sealed class TeamSchemaSpecs
{
    private static JsonObject Schema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", TeamFile.SchemaFileName)))!.AsObject();

    [Fact]
    public void The_schema_names_the_keys_the_loader_accepts_at_the_top()
    {
        // Act
        var keys = Schema()["properties"]!.AsObject().Select(p => p.Key);

        // Assert
        keys.Should().BeEquivalentTo(TeamFile.TeamKeys);
        Schema()["additionalProperties"]!.GetValue<bool>().Should().BeFalse("the loader refuses unknown keys");
    }

    [Fact]
    public void The_schema_names_the_keys_the_loader_accepts_for_a_role()
    {
        // Act
        var role = Schema()["$defs"]!["role"]!.AsObject();

        // Assert
        role["properties"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(TeamFile.RoleKeys);
        role["additionalProperties"]!.GetValue<bool>().Should().BeFalse("the loader refuses unknown keys");
    }

    [Fact]
    public void The_schema_offers_the_layouts_and_permission_modes_the_loader_accepts()
    {
        // Act
        var schema = Schema();
        var layouts = schema["properties"]!["layout"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        var modes = schema["$defs"]!["role"]!["properties"]!["permissionMode"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        // Assert
        layouts.Should().BeEquivalentTo("windows", "tiled");
        modes.Should().BeEquivalentTo(TeamFile.PermissionModes);
    }
}
