using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Api;

/// <summary>How <c>session-bridge web</c> refuses to start: off loopback without TLS, or with options that contradict.</summary>
public sealed class WebStartSpecs : IDisposable
{
    private readonly TempDirectory _home = new("home");

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("--listen 0.0.0.0", "needs TLS")]
    [InlineData("--team alpha --all", "one or the other")]
    [InlineData("--cert cert.pem", "--cert and --key go together")]
    [InlineData("--port 70000", "--port")]
    public async Task A_board_that_would_be_unsafe_or_unclear_is_refused_before_it_serves(string arguments, string why)
    {
        // Arrange
        var cli = new CliProcess(_home.Combine("state"), _home.Path);

        // Act
        var result = await cli.RunAsync(["web", "--port", "0", .. arguments.Split(' ')]);

        // Assert
        result.ExitCode.Should().NotBe(0);
        result.StandardOutput.Should().BeEmpty("nothing is served, so no URL is printed");
        result.StandardError.Should().Contain(why);
    }

    public void Dispose() => _home.Dispose();
}
