using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;

namespace BBScore.Datasets.LeBel;

/// <summary>Temporal RSA of one story (spec §3.7 step 6): the model's and the brain's RDMs over the story's TRs
/// (scipy's <c>pdist(metric='correlation')</c>), compared by Spearman's rho over the TR pairs where both are finite;
/// a story needs at least 3 TRs and 3 such pairs. The benchmark reports the median over stories.</summary>
public static class LeBelTemporalRsa
{
    public const int MinTrs = 3, MinPairs = 3;

    /// <summary>Rho for one story's (TRs, features) and (TRs, voxels) patterns; null when the story is too short.</summary>
    public static double? Story(double[,] model, double[,] brain)
    {
        int trs = model.GetLength(0);
        if (brain.GetLength(0) != trs) throw new ArgumentException($"{trs} model TRs against {brain.GetLength(0)} fMRI TRs.", nameof(brain));
        if (trs < MinTrs) return null;
        var (a, b) = FinitePairs.Keep(DissimilarityMatrix.Condensed(model), DissimilarityMatrix.Condensed(brain));
        return a.Length < MinPairs ? null : SpearmanCorrelation.Compute(a, b);
    }

    /// <summary>numpy's median of the stories that have a rho; NaN when none has.</summary>
    public static double Median(IEnumerable<double?> perStory) => NanStatistics.Median(perStory.Select(r => r ?? double.NaN).ToArray());
}
