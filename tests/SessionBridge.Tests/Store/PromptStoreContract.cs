using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Tests.Store;

public abstract class PromptStoreContract(NatsServer? nats) : StoreContract(nats)
{
    [Fact]
    public async Task A_saved_prompt_is_read_back_by_another_process()
    {
        // Arrange
        var writer = OpenStore("a");
        var reader = OpenStore("b");
        var saved = new SavedPrompt("dev", "You write the code.", DateTimeOffset.Parse("2026-12-01T10:00:00Z"));

        // Act
        await writer.Prompts.SaveAsync(saved, TestContext.Current.CancellationToken);

        // Assert
        (await reader.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(saved);
        (await reader.Prompts.AllAsync(TestContext.Current.CancellationToken)).Should().Equal(saved);
    }

    [Fact]
    public async Task Deleting_a_prompt_says_whether_there_was_one()
    {
        // Arrange
        var store = OpenStore();
        await store.Prompts.SaveAsync(new SavedPrompt("dev", "brief", DateTimeOffset.Parse("2026-12-01T10:00:00Z")), TestContext.Current.CancellationToken);

        // Act
        var first = await store.Prompts.DeleteAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken);
        var second = await store.Prompts.DeleteAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken);

        // Assert
        first.Should().BeTrue();
        second.Should().BeFalse();
        (await store.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task A_prompt_of_the_longest_length_allowed_is_kept_whole_even_when_every_character_is_escaped()
    {
        // Arrange: a control character is written \u0001, six bytes: the most a character can take.
        var store = OpenStore();
        var longest = new SavedPrompt("dev", new string('\u0001', Limits.MaxPromptLength), DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var wide = new SavedPrompt("reviewer", new string('é', Limits.MaxPromptLength), DateTimeOffset.Parse("2026-12-01T10:00:00Z"));

        // Act
        await store.Prompts.SaveAsync(longest, TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(wide, TestContext.Current.CancellationToken);

        // Assert
        (await OpenStore("b").Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken)).Should().Be(longest);
        (await OpenStore("b").Prompts.FindAsync(RoleName.Parse("reviewer"), TestContext.Current.CancellationToken)).Should().Be(wide);
    }

    [Fact]
    public async Task All_prompts_are_listed_by_role()
    {
        // Arrange
        var store = OpenStore();
        var at = DateTimeOffset.Parse("2026-12-01T10:00:00Z");
        await store.Prompts.SaveAsync(new SavedPrompt("reviewer", "Review.", at), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("dev", "Code.", at), TestContext.Current.CancellationToken);
        await store.Prompts.SaveAsync(new SavedPrompt("gestor", "Lead.", at), TestContext.Current.CancellationToken);

        // Act
        var all = await OpenStore("b").Prompts.AllAsync(TestContext.Current.CancellationToken);

        // Assert
        all.Select(p => p.Role).Should().Equal("dev", "gestor", "reviewer");
    }
}

public sealed class PromptStoreOnFiles() : PromptStoreContract(null);

public sealed class PromptStoreOnNats(NatsServer nats) : PromptStoreContract(nats), IClassFixture<NatsServer>;
