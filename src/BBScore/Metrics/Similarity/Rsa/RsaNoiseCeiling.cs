using BBScore.Numerics;
using BBScore.Numerics.Correlation;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>
/// The noise ceiling of RSA over subjects (Nili et al. 2014): how well the true model could at best score given
/// the subjects' disagreement. Upper bound: mean over subjects of comparison(subject RDM, mean RDM of all
/// subjects), which overfits because each subject is part of the mean. Lower bound: the same against the mean of
/// the other subjects (leave one out).
/// </summary>
/// <remarks>
/// The mean RDM is the plain per-pair mean of the condensed RDMs as given (NaN entries skipped; NaN where every
/// subject is NaN). Nili et al. (and rsatoolbox's <c>boot_noise_ceiling</c>) rank-transform the RDMs before
/// averaging for rank-based comparisons; we keep one mean for every method, so the bounds for spearman,
/// kendall and tau_a can differ slightly from rsatoolbox's when subjects' distance scales differ.
/// </remarks>
internal static class RsaNoiseCeiling
{
    /// <summary>(lower, upper) per method in <see cref="VectorComparison.All"/> order; needs at least 2 subjects.</summary>
    public static (double[] Lower, double[] Upper) Compute(IReadOnlyList<double[]> subjectRdms)
    {
        if (subjectRdms.Count < 2) throw new ArgumentException("A noise ceiling needs at least 2 subjects' RDMs.", nameof(subjectRdms));
        int subjects = subjectRdms.Count, methods = VectorComparison.All.Count;
        var all = MeanRdm(subjectRdms);
        var leaveOneOut = Enumerable.Range(0, subjects).Select(s => MeanRdm(subjectRdms.Where((_, i) => i != s).ToList())).ToArray();
        var lower = new double[methods];
        var upper = new double[methods];
        for (int m = 0; m < methods; m++)
        {
            var method = VectorComparison.All[m];
            upper[m] = NanStatistics.Mean(Enumerable.Range(0, subjects).Select(s => VectorComparison.Compare(method, subjectRdms[s], all)).ToArray());
            lower[m] = NanStatistics.Mean(Enumerable.Range(0, subjects).Select(s => VectorComparison.Compare(method, subjectRdms[s], leaveOneOut[s])).ToArray());
        }
        return (lower, upper);
    }

    /// <summary>Per-pair mean over RDMs, skipping NaN entries.</summary>
    public static double[] MeanRdm(IReadOnlyList<double[]> rdms)
    {
        int length = rdms[0].Length;
        var mean = new double[length];
        for (int k = 0; k < length; k++)
        {
            double sum = 0;
            int count = 0;
            foreach (var rdm in rdms)
            {
                if (double.IsNaN(rdm[k])) continue;
                sum += rdm[k];
                count++;
            }
            mean[k] = count == 0 ? double.NaN : sum / count;
        }
        return mean;
    }
}
