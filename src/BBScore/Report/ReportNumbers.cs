using System.Globalization;

namespace BBScore.Report;

/// <summary>How numbers read on the page: four significant digits (scores are compared in their first
/// few digits), scientific notation only for very small or large magnitudes, invariant culture.</summary>
public static class ReportNumbers
{
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-3 || magnitude >= 1e6) return value.ToString("0.###e+0", CultureInfo.InvariantCulture);
        // "G4" would switch 12345 to 1.234E+04: round to 4 significant digits and print in plain notation.
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        int decimals = Math.Max(0, 3 - exponent);
        double rounded = exponent > 3 ? Math.Round(value / Math.Pow(10, exponent - 3)) * Math.Pow(10, exponent - 3) : Math.Round(value, decimals);
        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>The number as a sort key for the table's script: round-trip precision, NaN sorts as missing.</summary>
    public static string SortKey(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
