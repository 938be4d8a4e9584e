using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Metrics.Online.Classifier;

namespace BBScore.Metrics.Online.Physion;

/// <summary><c>physion_placement_detection</c> / <c>physion_placement_prediction</c> (spec §1.19): a 256-class read-out
/// (16 × 16 grid cells), lr [1e-3, 1e-4] × wd [0, 1e-2], then <see cref="PhysionPlacementComparison"/> against the
/// task's human file; headline <c>physion_placement_score</c>.</summary>
public sealed class PhysionPlacementMetric(ClassifierSettings settings, PhysionHumanTask task, MetricOptions options,
                                           PhysionHumanFiles? files = null, DownloadOptions? download = null)
    : PhysionHumanMetric(Checked(settings, task), task, options, files, download)
{
    /// <summary>The original's placement settings: <see cref="ClassifierSettings.Physion"/> with 256 classes, lr [1e-3, 1e-4],
    /// wd [0, 1e-2] (the original forces this grid whatever it is given; here --lr/--wd still override it).</summary>
    public static ClassifierSettings Defaults { get; } =
        ClassifierSettings.Physion with { NumClasses = 256, LearningRates = [1e-3, 1e-4], WeightDecays = [0.0, 1e-2] };

    protected override string HeadlineKey => "physion_placement_score";

    protected override void Compare(ScoreSet scores, IReadOnlyList<string> testIds, int[] predicted, int[] labels, PhysionHumanResponses human,
                                    int resamples, int seed) =>
        PhysionUncertainty.AddPlacement(scores, PhysionPlacementComparison.AddTo(scores, testIds, predicted, labels, human), resamples, seed);

    static ClassifierSettings Checked(ClassifierSettings settings, PhysionHumanTask task) =>
        task.IsContact() ? throw new ArgumentException($"{task} is a contact task; use {nameof(PhysionContactMetric)}.") : settings;
}
