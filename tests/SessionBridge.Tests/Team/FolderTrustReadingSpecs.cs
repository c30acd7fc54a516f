using SessionBridge.Screens;
using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>
/// The folder-trust dialog as Claude Code 2.1.331 draws it (Fixtures/screens-2.1.331/folder-trust-*.txt): read with the
/// menu reading respond uses, its folder found, and the cursor read on "No, exit", where --trust must never press Enter.
/// </summary>
public sealed class FolderTrustReadingSpecs
{
    [Theory]
    [InlineData("folder-trust-80x24.txt", "/tmp/e2e-BePAMq/downloads")]
    [InlineData("folder-trust-120x30.txt", "/tmp/e2e-5wZAfp/downloads")]
    [InlineData("folder-trust-200x50.txt", "/tmp/e2e-jDnRLC/downloads")]
    public void The_dialog_is_read_with_its_folder_and_its_cursor_on_No_exit_one_Down_from_Yes(string file, string folder)
    {
        // Arrange
        var screen = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "screens-2.1.331", file));

        // Act
        var reading = ScreenClassifier.Classify(screen);
        var trust = FolderTrust.Read(reading, screen);

        // Assert
        trust.Should().Be(new FolderTrust(folder));
        reading.SelectedOption!.Label.Should().Be("No, exit");
        var yes = MenuChoice.Find(reading, "Yes, I trust this folder");
        MenuChoice.KeysTo(reading, yes).Select(k => k.Value).Should().Equal("Down", "Enter");
    }
}
