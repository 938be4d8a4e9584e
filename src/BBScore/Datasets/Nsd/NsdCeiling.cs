using BBScore.Metrics;

namespace BBScore.Datasets.Nsd;

/// <summary>Per-vertex ceilings from NSD's noise-ceiling SNR (ncsnr). Fixed (our documented fix): the
/// correlation a noise-free model could reach with the average of n trials,
/// <c>sqrt(ncsnr² / (ncsnr² + 1/n))</c>. Compat (<c>--compat bbscore</c>): the raw ncsnr, as the original
/// divides by it.</summary>
public static class NsdCeiling
{
    /// <summary>The fixed ceiling of one vertex for <paramref name="trials"/> averaged trials.</summary>
    public static double Fixed(double ncsnr, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        double s2 = ncsnr * ncsnr;
        return s2 == 0 ? 0 : Math.Sqrt(s2 / (s2 + 1.0 / trials));
    }

    /// <summary>Ceilings of all <paramref name="ncsnr"/> values for the given mode.</summary>
    public static double[] Compute(IReadOnlyList<double> ncsnr, int trials, CompatMode mode = CompatMode.Fixed) =>
        mode == CompatMode.BBScore ? ncsnr.ToArray() : ncsnr.Select(v => Fixed(v, trials)).ToArray();
}
