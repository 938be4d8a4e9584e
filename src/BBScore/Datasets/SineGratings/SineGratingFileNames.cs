using System.Globalization;

namespace BBScore.Datasets.SineGratings;

/// <summary>
/// Grating ids in the original's file-name scheme, <c>grating_22.5deg_11.3cy_90phase_bw.jpg</c>,
/// and the original's label parser, so ids produced here parse to the same labels in BBScore.
/// </summary>
public static class SineGratingFileNames
{
    const string Prefix = "grating";

    public static string Format(SineGratingParameters p)
    {
        var inv = CultureInfo.InvariantCulture;
        string colour = p.Colour == GratingColour.BlackWhite ? "bw" : "color";
        // Suffix lengths matter: the parser strips exactly 3 ("deg"), 2 ("cy") and 5 ("phase") chars.
        return $"{Prefix}_{p.AngleDeg.ToString("0.###", inv)}deg_{p.CyclesPerImage.ToString("0.0##", inv)}cy_" +
               $"{p.PhaseDeg.ToString("0.###", inv)}phase_{colour}.jpg";
    }

    /// <summary>
    /// The original's parser: split the file name on <c>_</c>; field 1 minus its last 3 chars is
    /// the angle, field 2 minus its last 2 chars the spatial frequency, field 3 minus its last 5
    /// chars the phase, and field 4 up to <c>.jpg</c> the colour (<c>bw</c> → 0, anything else → 1).
    /// Returns [angle, sf, phase, colour].
    /// </summary>
    public static double[] ParseLabels(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        string name = Path.GetFileName(id);
        string[] fields = name.Split('_');
        if (fields.Length < 5 || fields[1].Length <= 3 || fields[2].Length <= 2 || fields[3].Length <= 5)
            throw new FormatException(
                $"'{name}' is not a grating file name of the form <prefix>_<angle>deg_<sf>cy_<phase>phase_<bw|color>.jpg.");

        double angle = ParseNumber(fields[1][..^3], "angle", name);
        double sf = ParseNumber(fields[2][..^2], "spatial frequency", name);
        double phase = ParseNumber(fields[3][..^5], "phase", name);
        int jpg = fields[4].IndexOf(".jpg", StringComparison.Ordinal);
        string colour = jpg >= 0 ? fields[4][..jpg] : fields[4];
        return [angle, sf, phase, colour == "bw" ? 0.0 : 1.0];
    }

    static double ParseNumber(string text, string what, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"Cannot read the {what} '{text}' in grating file name '{name}'.");
}
