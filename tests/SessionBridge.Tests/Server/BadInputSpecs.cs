using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

/// <summary>
/// The bad-input table (docs/reliability.md): every case is a tool error that says what to do, leaves every
/// state file byte for byte as it was, and leaves the server answering. Cases that are accepted with a
/// documented normalisation are at the end.
/// </summary>
public sealed class BadInputSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private static readonly string Long1000 = new('a', 1000);
    private static readonly string OneMegabyte = new('x', 1024 * 1024);

    // case name → (tool, arguments, what the error must say)
    private static readonly Dictionary<string, (string Tool, Dictionary<string, object?> Arguments, string Says)> Cases = new()
    {
        ["role with .."] = ("register", new() { ["role"] = "../x", ["pane"] = "%0" }, "not a valid role name"),
        ["role with /"] = ("set_prompt", new() { ["role"] = "/etc/passwd", ["prompt"] = "p" }, "not a valid role name"),
        ["role with spaces"] = ("get_prompt", new() { ["role"] = "two words" }, "not a valid role name"),
        ["role in upper case"] = ("get_prompt", new() { ["role"] = "Dev" }, "Did you mean \"dev\""),
        ["role of 1000 characters"] = ("set_prompt", new() { ["role"] = Long1000, ["prompt"] = "p" }, "not a valid role name"),
        ["role empty"] = ("delete_prompt", new() { ["role"] = "" }, "role"),
        ["role in unicode"] = ("inbox", new() { ["role"] = "rôle" }, "not a valid role name"),
        ["role with NUL"] = ("history", new() { ["role"] = "dev\0" }, "not a valid role name"),
        ["sender role invalid"] = ("send", new() { ["to"] = "dev", ["from"] = "../../etc", ["text"] = "hi" }, "not a valid role name"),
        ["target not registered"] = ("send", new() { ["to"] = "ghost", ["from"] = "gestor", ["text"] = "hi" }, "not registered"),
        ["text empty"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "" }, "'text' is empty"),
        ["text only control characters"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "\0\u001b\u0007" }, "'text' is empty"),
        ["text only blank lines and tabs"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = " \n\n\t\r\n" }, "nothing to send"),
        ["text of 1 MB"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = OneMegabyte }, "at most"),
        ["key that is a word"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "yes please" } }, "use the send tool"),
        ["key that is a shell string"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "$(reboot)" } }, "is not a key"),
        ["key with a command separator"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "; rm -rf ~" } }, "is not a key"),
        ["key that is a control character"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "\u0003" } }, "control character"),
        ["key empty"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "" } }, "A key is empty"),
        ["keys an empty array"] = ("respond", new() { ["role"] = "dev", ["keys"] = Array.Empty<string>() }, "'keys' is empty"),
        ["keys more than 50"] = ("respond", new() { ["role"] = "dev", ["keys"] = Enumerable.Repeat("Down", 51).ToArray() }, "50 at most"),
        ["lines negative"] = ("read_peer", new() { ["role"] = "dev", ["lines"] = -1 }, "'lines' is -1"),
        ["lines huge"] = ("detect_question", new() { ["role"] = "dev", ["lines"] = 1_000_000 }, "from 0 to 10000"),
        ["limit zero"] = ("history", new() { ["limit"] = 0 }, "'limit' is 0"),
        ["limit negative"] = ("inbox", new() { ["role"] = "dev", ["limit"] = -5 }, "'limit' is -5"),
        ["limit huge"] = ("history", new() { ["limit"] = int.MaxValue }, "from 1 to 1000"),
        ["pane without %"] = ("register", new() { ["role"] = "qa", ["pane"] = "3" }, "pane"),
        ["pane with a tmux command"] = ("register", new() { ["role"] = "qa", ["pane"] = "%3; kill-server" }, "pane"),
        ["pane as a target name"] = ("register", new() { ["role"] = "qa", ["pane"] = "dev:1.0" }, "pane"),
        ["pane that does not exist"] = ("register", new() { ["role"] = "qa", ["pane"] = "%99999" }, "%99999"),
        ["limit as a string"] = ("history", new() { ["limit"] = "ten" }, "'limit' must be a whole number"),
        ["role as a number"] = ("get_prompt", new() { ["role"] = 5 }, "'role' must be a string"),
        ["keys as a string"] = ("respond", new() { ["role"] = "dev", ["keys"] = "Enter" }, "'keys' must be an array of strings"),
        ["keys holding numbers"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { 1, 2 } }, "'keys' must be an array of strings"),
        ["submit as a string"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hi", ["submit"] = "yes" }, "'submit' must be true or false"),
        ["a required argument missing"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor" }, "'text' is required"),
        ["a misspelt argument"] = ("history", new() { ["rol"] = "dev" }, "'rol' is not an argument of history"),
        ["prompt empty"] = ("set_prompt", new() { ["role"] = "dev", ["prompt"] = "   " }, "'prompt' is empty"),
        ["prompt too long"] = ("set_prompt", new() { ["role"] = "dev", ["prompt"] = new string('p', 100_001) }, "at most"),
        ["option and keys together"] = ("respond", new() { ["role"] = "dev", ["keys"] = new[] { "1" }, ["option"] = "Yes" }, "either 'keys' or 'option'"),
        ["reply_to an unknown id"] = ("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "hi", ["reply_to"] = "no-such-id" }, "reply_to"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory(Timeout = Timeouts.Spec)]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_an_error_that_says_what_to_do_and_changes_nothing(string name)
    {
        // Arrange
        var (tool, arguments, says) = Cases[name];
        var (pane, received) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane })).IsError.Should().NotBe(true);
        (await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "You are dev." })).IsError.Should().NotBe(true);
        var before = Snapshot();

        // Act
        var result = await server.CallAsync(tool, arguments);

        // Assert
        result.IsError.Should().BeTrue(name);
        result.Text().Should().Contain(says, name).And.NotBe($"An error occurred invoking '{tool}'.");
        Snapshot().Should().Equal(before, "the state is left as it was");
        (await tmux.RecordedBeforeAMarkerAsync(pane, received)).Should().BeEmpty("nothing was typed");
        var prompts = (await server.CallAsync("get_prompt", new() { ["role"] = "dev" })).Json();
        prompts.GetProperty("prompt").GetString().Should().Be("You are dev.", "the server still answers");
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("nul\0byte", "nulbyte")]
    [InlineData("crlf\r\nline", "crlf\nline")]
    [InlineData("colour \u001b[31mred\u001b[0m", "colour [31mred[0m")]
    [InlineData("end \u001b[201~ of paste", "end [201~ of paste")]
    [InlineData("lone \ud800 surrogate", "lone \ufffd surrogate")]
    public async Task Text_with_control_characters_is_logged_and_typed_in_its_cleaned_form(string text, string cleaned)
    {
        // Arrange
        var (pane, received) = await tmux.StartRecorderAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = text })).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        var logged = (await server.CallAsync("history", [])).Json().GetProperty("messages")[0].GetProperty("text").GetString();
        // A lone surrogate may already be replaced on the wire (one U+FFFD per byte of its UTF-8 form).
        Regex.Replace(logged!, "\ufffd+", "\ufffd").Should().Be(cleaned);
        await Eventually.WaitAsync(() => Regex.Replace(File.ReadAllText(received), "\ufffd+", "\ufffd").Contains(cleaned.Split('\n')[^1], StringComparison.Ordinal), "the cleaned text to arrive");
    }

    private List<string> Snapshot() =>
        Directory
            .EnumerateFiles(_state.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            .Order()
            .Select(f => Path.GetRelativePath(_state.Path, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
            .ToList();

    public void Dispose() => _state.Dispose();
}
