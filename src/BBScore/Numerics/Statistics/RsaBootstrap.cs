namespace BBScore.Numerics.Statistics;

/// <summary>Bootstrap samples of an RSA evaluation (the model RDM compared with each subject's RDM, averaged over
/// subjects) for the methods of <see cref="RsaBootstrap.Methods"/>, indexed [method][resample]. A resample
/// with fewer than 3 distinct stimuli is NaN in all three, as in rsatoolbox.</summary>
/// <param name="Both">Stimuli and subjects resampled together (rsatoolbox's dual bootstrap's first column);
/// the stimulus-only samples when there is one subject.</param>
/// <param name="Subjects">Subjects resampled, stimuli fixed; null with one subject.</param>
/// <param name="Stimuli">Stimuli resampled, subjects fixed.</param>
public sealed record RsaBootstrapSamples(double[][] Both, double[][]? Subjects, double[][] Stimuli, int StimulusCount, int SubjectCount)
{
    /// <summary>rsatoolbox's standard error of the evaluation: with one subject its pattern bootstrap
    /// (variance × n/(n−1), n stimuli); with several its dual bootstrap, which combines the three variances
    /// with the small-sample correction of <c>inference_util._dual_bootstrap</c>.</summary>
    public double StandardError(int method)
    {
        double n = StimulusCount, s = SubjectCount;
        if (Subjects is null) return Math.Sqrt(Math.Max(0, Variance(Stimuli[method], Both[method]) * n / (n - 1)));
        double both = Variance(Both[method], Both[method]), rdm = Variance(Subjects[method], Both[method]), pattern = Variance(Stimuli[method], Both[method]);
        double variance = s / (s - 1) * rdm + n / (n - 1) * pattern - n * s / ((n - 1) * (s - 1)) * (both - rdm - pattern);
        variance = Math.Max(Math.Max(variance, s / (s - 1) * rdm), n / (n - 1) * pattern);
        variance = Math.Min(variance, both);
        return Math.Sqrt(Math.Max(variance, 0));
    }

    /// <summary>numpy's <c>cov</c> (ddof 1) of <paramref name="samples"/> over the resamples where
    /// <paramref name="mask"/> is finite (rsatoolbox's <c>eval_ok</c>).</summary>
    static double Variance(double[] samples, double[] mask)
    {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < samples.Length; b++)
            if (double.IsFinite(mask[b])) { sum += samples[b]; count++; }
        double mean = sum / count, squares = 0;
        for (int b = 0; b < samples.Length; b++)
            if (double.IsFinite(mask[b])) squares += (samples[b] - mean) * (samples[b] - mean);
        return count < 2 ? double.NaN : squares / (count - 1);
    }
}

/// <summary>
/// rsatoolbox's bootstraps of a fixed model RDM against subjects' RDMs (<c>eval_bootstrap_pattern</c>, and with
/// several subjects <c>eval_dual_bootstrap</c> without cross-validation): stimuli are resampled with
/// replacement (pairs of a stimulus with its own copies dropped, <see cref="ResampledRdmComparison"/>), subjects
/// with replacement, and each resample's evaluation is the mean over the drawn subjects of the model–subject
/// similarity. Draws: group 0 of the resampler is the stimuli, group 1 the subjects.
/// </summary>
public static class RsaBootstrap
{
    /// <summary>The methods bootstrapped, as the RSA metric names them (rsatoolbox: spearman, corr, cosine).</summary>
    public static readonly string[] Methods = ["spearman", "corr", "cosine"];

    public static RsaBootstrapSamples Sample(double[] modelRdm, IReadOnlyList<double[]> subjectRdms, int stimuli, IBootstrapResampler resampler,
        CancellationToken cancel = default)
    {
        int resamples = resampler.Resamples, subjects = subjectRdms.Count;
        var comparison = new ResampledRdmComparison(modelRdm, stimuli);
        var brains = subjectRdms.Select(comparison.Prepare).ToArray();
        // Draws are taken in order (the resampler's contract); the comparisons then run in parallel.
        var stimulusCounts = new double[resamples][];
        var subjectCounts = new double[resamples][];
        for (int b = 0; b < resamples; b++)
        {
            resampler.FillCounts(0, b, stimulusCounts[b] = new double[stimuli]);
            if (subjects > 1) resampler.FillCounts(1, b, subjectCounts[b] = new double[subjects]);
        }
        var fullWeights = new double[modelRdm.Length];
        comparison.Weights(Enumerable.Repeat(1.0, stimuli).ToArray(), fullWeights);
        // Subjects resampled with the stimuli fixed: the per-subject scores on all stimuli, reweighted.
        var fullScores = brains.Select(brain => comparison.Compare(brain, fullWeights, new double[2 * modelRdm.Length])).ToArray();

        double[][] New() => Methods.Select(_ => new double[resamples]).ToArray();
        var both = New();
        var byStimuli = New();
        var bySubjects = subjects > 1 ? New() : null;
        Parallel.For(0, resamples, new ParallelOptions { CancellationToken = cancel },
            () => (Weights: new double[modelRdm.Length], Scratch: new double[2 * modelRdm.Length]), (b, _, local) =>
            {
                if (stimulusCounts[b].Count(c => c > 0) < 3)
                {
                    foreach (var samples in new[] { both, byStimuli, bySubjects }.OfType<double[][]>())
                        foreach (var method in samples) method[b] = double.NaN;
                    return local;
                }
                comparison.Weights(stimulusCounts[b], local.Weights);
                var perSubject = brains.Select(brain => comparison.Compare(brain, local.Weights, local.Scratch)).ToArray();
                Average(byStimuli, b, perSubject, null);
                if (bySubjects is not null)
                {
                    Average(both, b, perSubject, subjectCounts[b]);
                    Average(bySubjects, b, fullScores, subjectCounts[b]);
                }
                else
                {
                    Average(both, b, perSubject, null);
                }
                return local;
            }, _ => { });
        return new RsaBootstrapSamples(both, bySubjects, byStimuli, stimuli, subjects);
    }

    /// <summary>The mean over subjects (each counted as often as drawn) into resample <paramref name="b"/>.</summary>
    static void Average(double[][] samples, int b, (double Spearman, double Pearson, double Cosine)[] perSubject, double[]? counts)
    {
        double total = 0, spearman = 0, pearson = 0, cosine = 0;
        for (int s = 0; s < perSubject.Length; s++)
        {
            double w = counts?[s] ?? 1;
            if (w == 0) continue;
            total += w;
            spearman += w * perSubject[s].Spearman;
            pearson += w * perSubject[s].Pearson;
            cosine += w * perSubject[s].Cosine;
        }
        samples[0][b] = spearman / total;
        samples[1][b] = pearson / total;
        samples[2][b] = cosine / total;
    }
}
