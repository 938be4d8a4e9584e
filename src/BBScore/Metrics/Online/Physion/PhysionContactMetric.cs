using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Metrics.Online.Classifier;

namespace BBScore.Metrics.Online.Physion;

/// <summary><c>physion_contact_detection</c> / <c>physion_contact_prediction</c> (spec §1.19): a binary read-out (one
/// logit), lr [1e-3], wd [0], then <see cref="PhysionContactComparison"/> against the task's human file; headline
/// <c>physion_contact_cohen_kappa</c>.</summary>
public sealed class PhysionContactMetric(ClassifierSettings settings, PhysionHumanTask task, MetricOptions options,
                                         PhysionHumanFiles? files = null, DownloadOptions? download = null)
    : PhysionHumanMetric(Checked(settings, task), task, options, files, download)
{
    /// <summary>The original's contact settings: <see cref="ClassifierSettings.Physion"/> with 2 classes, lr [1e-3], wd [0].</summary>
    public static ClassifierSettings Defaults { get; } = ClassifierSettings.Physion with { NumClasses = 2, LearningRates = [1e-3], WeightDecays = [0.0] };

    protected override string HeadlineKey => "physion_contact_cohen_kappa";

    protected override void Compare(ScoreSet scores, IReadOnlyList<string> testIds, int[] predicted, int[] labels, PhysionHumanResponses human,
                                    int resamples, int seed) =>
        PhysionUncertainty.AddContact(scores, PhysionContactComparison.AddTo(scores, testIds, predicted, labels, human), resamples, seed);

    static ClassifierSettings Checked(ClassifierSettings settings, PhysionHumanTask task) =>
        task.IsContact() ? settings : throw new ArgumentException($"{task} is a placement task; use {nameof(PhysionPlacementMetric)}.");
}
