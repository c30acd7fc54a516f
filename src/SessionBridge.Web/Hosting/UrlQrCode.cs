using System.Text;
using QRCoder;

namespace SessionBridge.Web.Hosting;

/// <summary>
/// The board's URL as a QR code in a terminal, for a phone's camera: two module rows per text line with half blocks,
/// the light modules (and the quiet zone around the code) drawn, the dark ones left blank, as <c>qrencode -t UTF8</c>
/// does for the usual light-on-dark terminal.
/// </summary>
internal static class UrlQrCode
{
    public static string Render(string url)
    {
        // ECC level M: a code read off a screen, at an angle, still decodes with part of it unclear.
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // dark modules true, with its quiet zone of 4 light modules each side
        var text = new StringBuilder();
        for (var row = 0; row < matrix.Count; row += 2)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                var top = !matrix[row][column];
                var bottom = row + 1 < matrix.Count ? !matrix[row + 1][column] : true;
                text.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
