namespace BBScore.Metrics.Tuning;

/// <summary>
/// Ringach circular variance of orientation tuning curves, CV = 1 − |Σ r_k e^{2iθ_k}| / Σ r_k,
/// and each unit's preferred angle index, computed without per-unit allocations.
/// </summary>
internal static class CircularVariance
{
    const int UnitBlock = 8192;

    /// <param name="curves">Tuning curves, angle-major.</param>
    /// <param name="thetaRadians">The angle θ_k used for curve entry k.</param>
    /// <param name="cv">Output per unit; NaN where the shifted curve sums to 0.</param>
    /// <param name="preferredIndex">Output per unit: argmax of the curve (first maximum; a NaN
    /// wins, as numpy's argmax does).</param>
    public static void Compute(OrientationTuningCurves curves, double[] thetaRadians, double[] cv, int[] preferredIndex)
    {
        int angles = curves.AnglesDeg.Length;
        int units = curves.UnitCount;
        double[] means = curves.Means;
        var cos2 = thetaRadians.Select(t => Math.Cos(2 * t)).ToArray();
        var sin2 = thetaRadians.Select(t => Math.Sin(2 * t)).ToArray();

        int blockCount = (units + UnitBlock - 1) / UnitBlock;
        Parallel.For(0, blockCount, block =>
        {
            int end = Math.Min(units, (block + 1) * UnitBlock);
            for (int u = block * UnitBlock; u < end; u++)
            {
                double min = means[u];
                int best = 0;
                for (int k = 1; k < angles; k++)
                {
                    double r = means[k * units + u];
                    min = Math.Min(min, r); // propagates NaN, like numpy's min
                    double current = means[best * units + u];
                    if (!double.IsNaN(current) && (double.IsNaN(r) || r > current)) best = k;
                }

                // As the original: add |min| to the whole curve. This lifts a negative minimum
                // to 0, but it also adds |min| when the minimum is already positive, which makes
                // a positive-baseline unit look less selective. Kept for comparability.
                double shift = Math.Abs(min);
                double sum = 0, re = 0, im = 0;
                for (int k = 0; k < angles; k++)
                {
                    double r = means[k * units + u] + shift;
                    sum += r;
                    re += r * cos2[k];
                    im += r * sin2[k];
                }
                cv[u] = sum == 0 ? double.NaN : 1 - Math.Sqrt(re * re + im * im) / sum;
                preferredIndex[u] = best;
            }
        });
    }
}
