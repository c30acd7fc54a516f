using SessionBridge.Bridge;
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

    [Fact]
    public void A_prompt_of_the_longest_length_allowed_is_kept_whole_even_when_every_character_is_escaped()
    {
        // Arrange: a control character is written \u0001, six bytes: the most a character can take.
        var store = OpenStore();
        var longest = new SavedPrompt("dev", new string('\u0001', Limits.MaxPromptLength), DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var wide = new SavedPrompt("reviewer", new string('é', Limits.MaxPromptLength), DateTimeOffset.Parse("2026-12-01T10:00:00Z"));

        // Act
        store.Prompts.Save(longest);
        store.Prompts.Save(wide);

        // Assert
        OpenStore("b").Prompts.Find(RoleName.Parse("dev")).Should().Be(longest);
        OpenStore("b").Prompts.Find(RoleName.Parse("reviewer")).Should().Be(wide);
    }

    [Fact]
    public void All_prompts_are_listed_by_role()
    {
        // Arrange
        var store = OpenStore();
        var at = DateTimeOffset.Parse("2026-12-01T10:00:00Z");
        store.Prompts.Save(new SavedPrompt("reviewer", "Review.", at));
        store.Prompts.Save(new SavedPrompt("dev", "Code.", at));
        store.Prompts.Save(new SavedPrompt("gestor", "Lead.", at));

        // Act
        var all = OpenStore("b").Prompts.All();

        // Assert
        all.Select(p => p.Role).Should().Equal("dev", "gestor", "reviewer");
    }
}

public sealed class PromptStoreOnFiles() : PromptStoreContract(null);

public sealed class PromptStoreOnNats(NatsServer nats) : PromptStoreContract(nats), IClassFixture<NatsServer>;
