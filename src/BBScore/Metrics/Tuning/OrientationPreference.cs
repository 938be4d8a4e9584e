namespace BBScore.Metrics.Tuning;

/// <summary>How a population's preferred orientations are distributed: percentages per angle and
/// the cardinality index (share of units preferring 0° or 90° among those preferring 0/45/90/135°).</summary>
internal sealed record OrientationPreference(double[] OrientationsDeg, double[] PreferencePercent, double CardinalityIndex)
{
    const double AngleTolerance = 1e-9;

    /// <summary>Fixed behaviour: one entry per distinct angle (0° and 180° are never both
    /// counted), cardinality (n0 + n90) / (n0 + n45 + n90 + n135), NaN when any of those four
    /// angles is not in the grid or no unit prefers them.</summary>
    public static OrientationPreference Fixed(double[] anglesDeg, int[] unitsPerAngle, int unitCount)
    {
        double[] percent = unitsPerAngle.Select(n => Percent(n, unitCount)).ToArray();
        int i0 = Find(anglesDeg, 0), i45 = Find(anglesDeg, 45), i90 = Find(anglesDeg, 90), i135 = Find(anglesDeg, 135);
        double cardinality = double.NaN;
        if (i0 >= 0 && i45 >= 0 && i90 >= 0 && i135 >= 0)
        {
            int n0 = unitsPerAngle[i0], n45 = unitsPerAngle[i45], n90 = unitsPerAngle[i90], n135 = unitsPerAngle[i135];
            cardinality = Ratio(n0 + n90, n0 + n45 + n90 + n135);
        }
        return new OrientationPreference((double[])anglesDeg.Clone(), percent, cardinality);
    }

    /// <summary>The original's numbers: preferred angles are read on the grid 0, 22.5, …, 157.5
    /// (curve index k ↦ 22.5·k), orientations [0, 45, 90, 135, 180] where 180 reuses the 0°
    /// count, and cardinality (n0 + n90 + n0) / (n0 + n45 + n90 + n135 + n0).</summary>
    public static OrientationPreference Compat(int[] unitsPerIndex, int unitCount)
    {
        int n0 = unitsPerIndex[0], n45 = unitsPerIndex[2], n90 = unitsPerIndex[4], n135 = unitsPerIndex[6];
        double[] percent = [Percent(n0, unitCount), Percent(n45, unitCount), Percent(n90, unitCount),
                            Percent(n135, unitCount), Percent(n0, unitCount)];
        double cardinality = Ratio(n0 + n90 + n0, n0 + n45 + n90 + n135 + n0);
        return new OrientationPreference([0, 45, 90, 135, 180], percent, cardinality);
    }

    static int Find(double[] anglesDeg, double angle) =>
        Array.FindIndex(anglesDeg, a => Math.Abs(a - angle) <= AngleTolerance);

    static double Percent(int count, int total) => total == 0 ? double.NaN : 100.0 * count / total;

    static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
