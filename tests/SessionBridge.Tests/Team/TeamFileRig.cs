using SessionBridge.Team;

namespace SessionBridge.Tests.Team;

/// <summary>A team file written into a temp folder, loaded, and the error it gives checked for where it points.</summary>
public abstract class TeamFileRig : IDisposable
{
    private protected readonly TempDirectory _root = new("team");

    private protected string Folder => _root.Combine("shop");

    private protected string FilePath => Path.Combine(Folder, TeamFile.FileName);

    private protected string Write(string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(FilePath, text);
        return FilePath;
    }

    private protected TeamFileException LoadFails(string text)
    {
        Write(text);
        var load = () => TeamFile.Load(FilePath);
        return load.Should().Throw<TeamFileException>().Which;
    }

    private protected void ShouldPoint(TeamFileException error, int line, int column, string field)
    {
        error.Message.Should().StartWith($"{FilePath}, line {line}, column {column}: {field}: ");
        error.Path.Should().Be(FilePath);
        (error.Line, error.Column, error.Field).Should().Be((line, column, field));
        error.Code.Should().Be(ErrorCode.InvalidArgument);
    }

    public void Dispose()
    {
        _root.Dispose();
        GC.SuppressFinalize(this);
    }
}
