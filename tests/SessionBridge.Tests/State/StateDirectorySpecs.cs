using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Tests.State;

public sealed class StateDirectorySpecs : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _dir = new("statedir");

    [Fact]
    public void SESSION_BRIDGE_DIR_overrides_the_default_location()
    {
        var directory = new StateDirectory(BridgeSettings.Read(name => name == "SESSION_BRIDGE_DIR" ? _dir.Path : null).StateDirectory);

        directory.Root.Should().Be(_dir.Path);
    }

    [Fact]
    public void The_default_location_is_under_home()
    {
        var directory = new StateDirectory(BridgeSettings.Read(name => name == "HOME" ? "/home/someone" : null).StateDirectory);

        directory.Root.Should().Be("/home/someone/.claude/session-bridge");
    }

    [Fact]
    public void An_existing_directory_and_its_files_are_tightened_to_0700_and_0600()
    {
        // Regression: Directory.CreateDirectory(path, mode) leaves an existing directory's mode alone.
        var root = _dir.Combine("state");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var registry = Path.Combine(root, "registry.json");
        File.WriteAllText(registry, "{}");
        File.SetUnixFileMode(registry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        new StateDirectory(root).EnsureCreated();

        File.GetUnixFileMode(root).Should().Be(Private);
        File.GetUnixFileMode(registry).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void A_state_directory_that_cannot_be_created_is_an_error_naming_it()
    {
        var parent = _dir.Combine("readonly");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var root = Path.Combine(parent, "state");

        var act = () => new StateDirectory(root).EnsureCreated();

        if (Environment.UserName == "root")
        {
            // root ignores directory permissions; a path under a file fails for everyone.
            File.WriteAllText(_dir.Combine("file"), "");
            act = () => new StateDirectory(_dir.Combine("file", "state")).EnsureCreated();
        }

        act.Should().Throw<StateException>().WithMessage("*SESSION_BRIDGE_DIR*");
    }

    public void Dispose() => _dir.Dispose();
}
