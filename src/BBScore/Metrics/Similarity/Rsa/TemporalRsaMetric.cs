using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;
using static TorchSharp.torch;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>
/// The original's <c>temporal_rsa</c>: targets are (stimuli, channels, time bins); one brain RDM per time bin
/// (correlation distance between the stimuli's channel patterns in that bin, rsatoolbox's <c>calc_rdm_movie</c>)
/// is compared with the model's RDM by every method, so <c>rsa_scores.&lt;method&gt;</c> is an array over time
/// bins. Added scalar summaries: <c>mean_rsa_scores.&lt;method&gt;</c>, the mean over bins (NaN bins skipped);
/// the headline is <c>mean_rsa_scores.spearman</c>, a single number comparable across runs, as
/// <c>temporal_ridge</c>'s <c>mean_final_pearson</c>. Test set used when given; no ceiling (as the original).
/// </summary>
public sealed class TemporalRsaMetric(int bootstrap = ScoreUncertainty.DefaultResamples) : IMetric
{
    public const string HeadlineKey = "mean_rsa_scores.spearman";

    public string Key => "temporal_rsa";

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.TargetUnitShape is not [int channels, int bins])
            throw new ArgumentException("temporal_rsa needs targets of shape (stimuli, channels, time bins); these targets have no time axis. Use 'rsa' for (stimuli, values).");
        if (inputs.TargetRdms is not null)
            throw new ArgumentException("temporal_rsa computes one brain RDM per time bin from the responses; precomputed target RDMs are not supported (use 'rsa').");
        var stimuli = RsaStimuli.Select(inputs, Key);
        if (stimuli.Targets.GetLength(1) != (long)channels * bins)
            throw new ArgumentException($"temporal_rsa: targets have {stimuli.Targets.GetLength(1)} values per stimulus, but the target shape ({channels}, {bins}) needs {(long)channels * bins}.");

        var modelRdm = DissimilarityMatrix.Condensed(stimuli.Features);
        var perBin = new List<double[]>(bins);
        var brainRdms = new List<double[]>(bins);
        TorchRuntime.EnsureLoaded();
        using (var scope = NewDisposeScope())
        {
            // Row-major (channels, bins) per stimulus → one (stimuli × channels) pattern matrix per bin.
            var byBin = from_array(stimuli.Targets).reshape(stimuli.Count, channels, bins).permute(2, 0, 1);
            for (int t = 0; t < bins; t++)
            {
                brainRdms.Add(DissimilarityMatrix.Condensed(byBin[t]));
                perBin.Add(RdmComparisons.All(modelRdm, brainRdms[t]));
            }
        }

        var scores = new ScoreSet(HeadlineKey);
        for (int m = 0; m < VectorComparison.All.Count; m++)
            scores.Add(RdmComparisons.Key("mean_rsa_scores", VectorComparison.All[m]), NanStatistics.Mean(perBin.Select(b => b[m]).ToArray()));
        RdmComparisons.AddArrays(scores, "rsa_scores", perBin);
        TemporalRsaUncertainty.Add(scores, modelRdm, brainRdms, stimuli.Count, bootstrap, inputs.Seed);
        return scores;
    }
}
