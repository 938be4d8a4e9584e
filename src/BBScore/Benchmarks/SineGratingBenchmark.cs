using BBScore.Datasets.SineGratings;

namespace BBScore.Benchmarks;

/// <summary><c>V1StaticFullFieldSineGratings</c> (alias <c>V1SineGratings</c>): generated gratings,
/// no neural data; the targets are the label columns [angle, sf, phase, colour], so tuning metrics
/// (orientation_selectivity) and label regressions can run on it offline.</summary>
public static class SineGratingBenchmark
{
    public static readonly BenchmarkSpec Spec = new(
        Name: "V1StaticFullFieldSineGratings",
        Aliases: ["V1SineGratings"],
        Family: "SineGratings",
        Kind: BenchmarkKind.Offline,
        Description: "Synthetic full-field sine gratings (8 orientations x 8 spatial frequencies x 4 phases x bw/colour), generated offline; targets are the grating labels.",
        SuggestedMetric: "orientation_selectivity",
        Load: _ =>
        {
            var stimuli = new SineGratingStimulusSet();
            return new BenchmarkData(stimuli, stimuli.Labels ?? throw new InvalidOperationException("Grating labels missing."));
        });
}
