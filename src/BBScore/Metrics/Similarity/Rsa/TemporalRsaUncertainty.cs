using BBScore.Numerics;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>The error bars of <c>temporal_rsa</c>'s scalar summaries <c>mean_rsa_scores.&lt;method&gt;</c> (the
/// headline is the Spearman one): rsatoolbox's pattern bootstrap of each time bin's brain RDM against the model RDM
/// (<see cref="RsaBootstrap"/>), every bin given the same stimulus draws, so each resample's NaN-skipping mean over
/// bins is the summary recomputed on one set of drawn stimuli. The standard error carries the pattern bootstrap's
/// n/(n−1) correction, as <c>rsa</c>'s does with one subject; the interval is the resamples' percentiles.</summary>
internal static class TemporalRsaUncertainty
{
    public static void Add(ScoreSet scores, double[] modelRdm, IReadOnlyList<double[]> binRdms, int stimuli, int resamples, int seed)
    {
        RsaUncertainty.SkipKendall(scores, "mean_rsa_scores");
        string[] keys = RsaBootstrap.Methods.Select(m => $"mean_rsa_scores.{m}").ToArray();
        if (RsaUncertainty.WhyNot(modelRdm, binRdms, stimuli, resamples) is { } whyNot)
        {
            foreach (string key in keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var perBin = binRdms.Select(rdm => RsaBootstrap.Sample(modelRdm, [rdm], stimuli, new SeededResampler(resamples, seed, [stimuli]))).ToArray();
        for (int m = 0; m < keys.Length; m++)
        {
            var mean = new double[resamples];
            var column = new double[perBin.Length];
            for (int b = 0; b < resamples; b++)
            {
                for (int t = 0; t < perBin.Length; t++) column[t] = perBin[t].Both[m][b];
                mean[b] = NanStatistics.Mean(column);
            }
            double se = BootstrapSummary.Of(mean) is { } summary ? summary.StandardError * Math.Sqrt(stimuli / (stimuli - 1.0)) : double.NaN;
            ScoreUncertainty.Add(scores, keys[m], se, mean, "a constant RDM in almost every resample");
            ScoreUncertainty.KeepHeadlineSamples(scores, keys[m], mean);
        }
        ScoreUncertainty.Describe(scores, resamples, "stimuli (rsatoolbox's pattern bootstrap, the same draws in every time bin)", seed, [stimuli]);
    }
}
