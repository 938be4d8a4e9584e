using BBScore.Stimuli;

namespace BBScore.Datasets.SineGratings;

/// <summary>
/// Renders a full-field, full-contrast sine grating as 8-bit RGB. The grating is
/// cos(2π·f·u/size + φ) with u the signed distance from the image centre along the orientation's
/// normal, so phase is defined at the centre and the pattern is symmetric under the image size.
/// </summary>
public static class SineGratingRenderer
{
    public static RgbImage Render(SineGratingParameters p, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        double theta = p.AngleDeg * Math.PI / 180.0;
        double phase = p.PhaseDeg * Math.PI / 180.0;
        double radiansPerPixel = 2 * Math.PI * p.CyclesPerImage / size;
        double centre = (size - 1) / 2.0;

        // cos(a(x) + b(y)) = cos a·cos b − sin a·sin b: two small tables instead of one
        // trigonometric call per pixel keep a 224² render well under a millisecond.
        var cosX = new double[size];
        var sinX = new double[size];
        var cosY = new double[size];
        var sinY = new double[size];
        for (int i = 0; i < size; i++)
        {
            double a = radiansPerPixel * Math.Cos(theta) * (i - centre) + phase;
            double b = radiansPerPixel * Math.Sin(theta) * (centre - i); // rows grow downwards; angles are counter-clockwise
            cosX[i] = Math.Cos(a);
            sinX[i] = Math.Sin(a);
            cosY[i] = Math.Cos(b);
            sinY[i] = Math.Sin(b);
        }

        var pixels = new byte[size * size * 3];
        bool chromatic = p.Colour == GratingColour.Colour;
        int o = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double s = cosX[x] * cosY[y] - sinX[x] * sinY[y];
                byte v = ToByte(s);
                pixels[o++] = v;
                // Red–cyan: green and blue run in antiphase to red, so every channel has full
                // contrast and the mean colour is the same mid-grey as the luminance grating.
                byte other = chromatic ? (byte)(255 - v) : v;
                pixels[o++] = other;
                pixels[o++] = other;
            }
        }
        return new RgbImage(size, size, pixels);
    }

    // Math.Round rounds halves to even; the content hash records that.
    static byte ToByte(double s) => (byte)Math.Clamp(Math.Round(127.5 + 127.5 * s), 0, 255);
}
