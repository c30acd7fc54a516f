using SessionBridge.Bridge;
using SessionBridge.Errors;
using SessionBridge.Screens;
using SessionBridge.Server.Cli;

namespace SessionBridge.Tests.Bridge;

/// <summary>One message from the library, worded for each reader: the tools for a model, the command line for a person.</summary>
public sealed class WordingSpecs
{
    [Fact]
    public void A_missing_role_is_worded_as_tool_calls_for_the_model_and_as_commands_for_a_person()
    {
        // Arrange
        var error = Record.Exception(() => RoleName.Parse("Dev!", "to")) as SessionBridgeException;

        // Act
        var forModel = error!.MessageFor(Wording.Tools);
        var forPerson = error.MessageFor(CliWording.Instance);

        // Assert
        forModel.Should().StartWith("'to' \"Dev!\" is not a valid role name");
        forPerson.Should().StartWith("The recipient \"Dev!\" is not a valid role name");
        error.Message.Should().Be(forModel);
        error.Code.Should().Be(ErrorCode.InvalidArgument);
    }

    [Theory]
    [InlineData("{cmd:register dev} first; {cmd:list_peers}", "register(\"dev\") first; list_peers", "`session-bridge register dev` (in its pane) first; `session-bridge peers`")]
    [InlineData("leave {arg:pane} out", "leave 'pane' out", "leave --pane out")]
    [InlineData("send with {flag:force}", "send with force:true", "send with --force")]
    [InlineData("a {literal} brace stays", "a {literal} brace stays", "a {literal} brace stays")]
    public void Placeholders_become_each_front_ends_words(string template, string tools, string cli)
    {
        Wording.Tools.Render(template).Should().Be(tools);
        CliWording.Instance.Render(template).Should().Be(cli);
    }

    [Fact]
    public void Every_status_keeps_its_wire_name()
    {
        // The wire names are the contract with models and scripts: a rename here breaks them.
        WireNames.All(WireNamesJson.Default.DeliveryStatus)
            .Should().Equal("submitted", "queued", "typed", "unverified", "held", "handed_over", "not_delivered", "not_claude", "refused_rate", "refused_draft", "refused_menu");
        WireNames.All(WireNamesJson.Default.DeliveredVia).Should().Equal("post_tool_use", "user_prompt_submit", "typed", "session_start");
        WireNames.All(WireNamesJson.Default.PaneStatus).Should().Equal("alive", "gone", "stale", "dead", "copy_mode", "shell", "stopped", "unreachable");
        WireNames.All(WireNamesJson.Default.WaitCondition).Should().Equal("idle", "question", "idle_or_question", "message", "delivered");
        WireNames.All(WireNamesJson.Default.ScreenState)
            .Should().Equal("unknown", "busy", "waiting_select", "waiting_text", "idle");
        ScreenState.WaitingSelect.ToWireName().Should().Be("waiting_select");
    }

    [Fact]
    public void Every_hook_event_is_named_on_the_wire_as_its_member_and_read_back()
    {
        // The names are Claude Code's own (hook_event_name), spelled out in WireNames: a member added without its name fails here.
        foreach (var member in Enum.GetValues<HookEventName>())
        {
            member.ToWireName().Should().Be(member.ToString());
            WireNames.ParseHookEventName(member.ToString()).Should().Be(member);
        }

        WireNames.ParseHookEventName("SubagentStart").Should().BeNull();
        WireNames.ParseHookEventName("sessionstart").Should().BeNull();
        WireNames.ParseHookEventName(null).Should().BeNull();
    }
}
