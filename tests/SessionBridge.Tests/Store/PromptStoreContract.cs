using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class PromptStoreContract(NatsServer? nats) : StoreContract(nats)
{
    [Fact]
    public void A_saved_prompt_is_read_back_by_another_process()
    {
        // Arrange
        var writer = OpenStore("a");
        var reader = OpenStore("b");
        var saved = new SavedPrompt("dev", "You write the code.", DateTimeOffset.Parse("2026-12-01T10:00:00Z"));

        // Act
        writer.Prompts.Save(saved);

        // Assert
        reader.Prompts.Find(RoleName.Parse("dev")).Should().Be(saved);
        reader.Prompts.All().Should().Equal(saved);
    }

    [Fact]
    public void Deleting_a_prompt_says_whether_there_was_one()
    {
        // Arrange
        var store = OpenStore();
        store.Prompts.Save(new SavedPrompt("dev", "brief", DateTimeOffset.Parse("2026-12-01T10:00:00Z")));

        // Act
        var first = store.Prompts.Delete(RoleName.Parse("dev"));
        var second = store.Prompts.Delete(RoleName.Parse("dev"));

        // Assert
        first.Should().BeTrue();
        second.Should().BeFalse();
        store.Prompts.Find(RoleName.Parse("dev")).Should().BeNull();
    }
}

public sealed class PromptStoreOnFiles() : PromptStoreContract(null);

public sealed class PromptStoreOnNats(NatsServer nats) : PromptStoreContract(nats), IClassFixture<NatsServer>;
