using SessionBridge.Tmux;

namespace SessionBridge.Tests.Tmux;

public sealed class KeyTokenSpecs
{
    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("y", "y", true)]
    [InlineData(";", ";", true)]
    [InlineData("Enter", "Enter", false)]
    [InlineData("enter", "Enter", false)]
    [InlineData("Escape", "Escape", false)]
    [InlineData("Down", "Down", false)]
    [InlineData("BTab", "BTab", false)]
    [InlineData("BSpace", "BSpace", false)]
    [InlineData("PageDown", "PageDown", false)]
    [InlineData("C-c", "C-c", false)]
    [InlineData("C-C", "C-c", false)]
    public void Key_names_and_single_characters_are_accepted(string key, string value, bool literal)
    {
        var token = KeyToken.Parse(key);

        token.Value.Should().Be(value);
        token.IsLiteral.Should().Be(literal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Enter Enter")]
    [InlineData("C-cc")]
    [InlineData("M-x")]
    [InlineData("\u001b")]
    [InlineData("\n")]
    [InlineData("")]
    [InlineData("send-keys")]
    public void Words_and_control_characters_are_refused(string key)
    {
        var act = () => KeyToken.Parse(key);

        act.Should().Throw<BridgeException>().WithMessage("*key*");
    }
}
