using SessionBridge.Tmux;

namespace SessionBridge.Tests.Tmux;

public sealed class PasteTextSpecs
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\r\nb\rc", "a\nb\nc")]
    [InlineData("end\u001b[201~rest", "end[201~rest")]
    [InlineData("nul\0byte", "nulbyte")]
    [InlineData("bell\u0007 and c1 \u009b", "bell and c1 ")]
    [InlineData("tab\tkept\n", "tab\tkept")]
    [InlineData("trailing\n\n\n", "trailing")]
    [InlineData("emoji 🎉", "emoji 🎉")]
    public void Text_is_made_safe_to_paste(string input, string expected)
    {
        PasteText.Clean(input).Should().Be(expected);
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        var input = "lone " + '\ud800' + " surrogate";

        PasteText.Clean(input).Should().Be("lone \ufffd surrogate");
    }
}
