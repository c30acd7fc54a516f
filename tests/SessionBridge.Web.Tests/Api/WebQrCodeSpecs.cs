using SessionBridge.Web.Tests.Infrastructure;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace SessionBridge.Web.Tests.Api;

/// <summary>
/// The board prints its URL (with the token) as a QR code on stderr for a phone's camera: on --qr, and off loopback when
/// stderr is a terminal. The first stdout line stays the URL. The code is read back with a QR decoder (ZXing).
/// </summary>
public sealed class WebQrCodeSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_qr_the_board_prints_a_QR_code_of_its_URL_with_the_token_on_stderr_and_the_URL_stays_first_on_stdout()
    {
        // Act
        await using var board = await _rig.BoardAsync("--qr");
        var code = await Eventually.ReadAsync(() => Task.FromResult(CodeLines(board.Stderr)), IsWhole, "the whole QR code on stderr");

        // Assert
        board.Url.Should().Contain("token=" + board.Token);
        Decode(code).Should().Be(board.Url);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task On_loopback_without_qr_no_code_is_printed()
    {
        // Act
        await using var board = await _rig.BoardAsync();
        using var client = board.Client();
        (await client.GetAsync("/api/team", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // Assert: the board has served a request, so anything it prints at start is in stderr by now.
        CodeLines(board.Stderr).Should().BeEmpty();
    }

    /// <summary>The lines of the code: half blocks and spaces only, at least one block.</summary>
    private static List<string> CodeLines(string stderr) =>
        stderr.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && l.All(c => c is '█' or '▀' or '▄' or ' ') && l.Any(c => c != ' '))
            .ToList();

    /// <summary>
    /// Regression: the spec read the code as soon as 21 lines were there and, on a loaded machine, decoded half a code.
    /// A whole code is square: as many lines as half its width, all of one width.
    /// </summary>
    private static bool IsWhole(List<string> lines) =>
        lines.Count > 0 && lines.All(l => l.Length == lines[0].Length) && lines.Count == (lines[0].Length + 1) / 2;

    /// <summary>Draws the text as an image, light where a block is drawn (4 pixels a module), and decodes it.</summary>
    private static string? Decode(List<string> lines)
    {
        const int scale = 4;
        var width = lines.Max(l => l.Length);
        var height = lines.Count * 2;
        var pixels = new byte[width * scale * height * scale];
        for (var line = 0; line < lines.Count; line++)
        {
            for (var column = 0; column < lines[line].Length; column++)
            {
                var c = lines[line][column];
                var (top, bottom) = (c is '█' or '▀', c is '█' or '▄');
                for (var half = 0; half < 2; half++)
                {
                    var light = half == 0 ? top : bottom;
                    for (var y = 0; y < scale; y++)
                    {
                        for (var x = 0; x < scale; x++)
                            pixels[(((line * 2) + half) * scale + y) * width * scale + column * scale + x] = light ? (byte)255 : (byte)0;
                    }
                }
            }
        }

        var source = new RGBLuminanceSource(pixels, width * scale, height * scale, RGBLuminanceSource.BitmapFormat.Gray8);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))?.Text;
    }

    public void Dispose() => _rig.Dispose();
}
