using BBScore.Numerics;
using BBScore.Numerics.Rdm;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>
/// The original's <c>rsa</c>: the correlation-distance RDM of the model features (flattened per stimulus) is
/// compared with the brain's by every method (spearman, corr, kendall = tau-b, tau_a, cosine), under
/// <c>rsa_scores.&lt;method&gt;</c>; headline <c>rsa_scores.spearman</c>. The stimuli are the test set when one
/// is given, else the training set; no cross-validation and no ceiling division (as the original).
/// </summary>
/// <remarks>
/// Brain RDMs come from the target responses (stimuli × values, correlation distance) or, when
/// <see cref="MetricInputs.TargetRdms"/> is given, from those precomputed per-subject RDMs over the same stimuli
/// (the responses are then not used). With subject RDMs the model is scored against each
/// (<c>rsa_scores_per_subject.&lt;method&gt;</c>, one value per subject), <c>rsa_scores.&lt;method&gt;</c> is the
/// mean over subjects (NaN skipped), and with 2 or more subjects the Nili et al. noise-ceiling bounds are added as
/// <c>noise_ceiling_lower.&lt;method&gt;</c> / <c>noise_ceiling_upper.&lt;method&gt;</c> (see
/// <see cref="RsaNoiseCeiling"/>).
/// </remarks>
/// <para>Error bars (<c>rsa_scores.&lt;method&gt;_se</c> / <c>_ci95</c>) come from rsatoolbox's bootstraps with
/// <paramref name="bootstrap"/> resamples (<see cref="RsaUncertainty"/>).</para>
public sealed class RsaMetric(int bootstrap = ScoreUncertainty.DefaultResamples) : IMetric
{
    public const string HeadlineKey = "rsa_scores.spearman";

    public string Key => "rsa";

    public ScoreSet Score(MetricInputs inputs)
    {
        var subjectRdms = inputs.TargetRdms;
        var stimuli = RsaStimuli.Select(inputs, Key, needTargets: subjectRdms is null);
        var modelRdm = DissimilarityMatrix.Condensed(stimuli.Features);
        var scores = new ScoreSet(HeadlineKey);
        if (subjectRdms is null)
        {
            var brainRdm = DissimilarityMatrix.Condensed(stimuli.Targets);
            RdmComparisons.AddScalars(scores, "rsa_scores", RdmComparisons.All(modelRdm, brainRdm));
            RsaUncertainty.Add(scores, "rsa_scores", modelRdm, [brainRdm], stimuli.Count, bootstrap, inputs.Seed);
            return scores;
        }

        CheckSubjectRdms(subjectRdms, stimuli.Count);
        var perSubject = subjectRdms.Select(rdm => RdmComparisons.All(modelRdm, rdm)).ToList();
        var mean = Enumerable.Range(0, perSubject[0].Length)
            .Select(m => NanStatistics.Mean(perSubject.Select(s => s[m]).ToArray())).ToArray();
        RdmComparisons.AddScalars(scores, "rsa_scores", mean);
        RdmComparisons.AddArrays(scores, "rsa_scores_per_subject", perSubject);
        RsaUncertainty.Add(scores, "rsa_scores", modelRdm, subjectRdms, stimuli.Count, bootstrap, inputs.Seed);
        if (subjectRdms.Length >= 2)
        {
            var (lower, upper) = RsaNoiseCeiling.Compute(subjectRdms);
            RdmComparisons.AddScalars(scores, "noise_ceiling_lower", lower);
            RdmComparisons.AddScalars(scores, "noise_ceiling_upper", upper);
        }
        return scores;
    }

    static void CheckSubjectRdms(double[][] subjectRdms, int stimuli)
    {
        if (subjectRdms.Length == 0) throw new ArgumentException("rsa: TargetRdms is empty; give at least one subject's RDM (or none, to use the responses).");
        long expected = CondensedRdm.Length(stimuli);
        for (int s = 0; s < subjectRdms.Length; s++)
        {
            long length = subjectRdms[s]?.Length ?? throw new ArgumentException($"rsa: the RDM of subject {s} is missing.");
            if (length != expected)
                throw new ArgumentException(
                    $"rsa: the RDM of subject {s} has {length} values, but the {stimuli} stimuli scored give a condensed RDM of " +
                    $"{stimuli}·{stimuli - 1}/2 = {expected} values; the target RDMs must cover exactly the scored stimuli, in order.");
        }
    }
}
