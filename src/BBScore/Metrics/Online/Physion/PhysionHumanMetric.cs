using System.Runtime.CompilerServices;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Streams;

namespace BBScore.Metrics.Online.Physion;

/// <summary>The physion_* metrics (spec §1.19): the online transformer classifier (embed 252, 4 heads, depth 2, 50
/// epochs, patience 10, batches of 32, the cosine schedule), then a comparison of its test choices with the human
/// answers of the task's file, fetched from GCS (<see cref="PhysionHumanFiles"/>) into the data home. The test rows
/// must carry stimulus ids (<see cref="OnlineData.TestIds"/>): without them there is nothing to match the humans with,
/// so the metric refuses before training. The human file is fetched and read before training too, so a missing
/// (offline) or damaged file fails fast. The headline is the human-comparison score.</summary>
public abstract class PhysionHumanMetric(ClassifierSettings settings, PhysionHumanTask task, MetricOptions options,
                                         PhysionHumanFiles? files = null, DownloadOptions? download = null)
    : OnlineClassifierMetric(settings, options.Progress, options.Bootstrap)
{
    // The responses read for one Score call, keyed by its data (no state shared between calls or threads).
    readonly ConditionalWeakTable<OnlineData, PhysionHumanResponses> _human = new();

    public PhysionHumanTask Task => task;

    public override string Key => KeyOf(task);

    /// <summary>The headline key of the result.</summary>
    protected abstract string HeadlineKey { get; }

    /// <summary>Adds the human-comparison keys for the test rows' ids, predictions and labels, and the headline's error bar
    /// (<see cref="PhysionUncertainty"/>, <paramref name="resamples"/> seeded by <paramref name="seed"/>).</summary>
    protected abstract void Compare(ScoreSet scores, IReadOnlyList<string> testIds, int[] predicted, int[] labels, PhysionHumanResponses human,
                                    int resamples, int seed);

    /// <summary>The registry key of <paramref name="task"/>'s metric, e.g. <c>physion_contact_detection</c>.</summary>
    public static string KeyOf(PhysionHumanTask task) => task switch
    {
        PhysionHumanTask.ContactDetection => "physion_contact_detection",
        PhysionHumanTask.ContactPrediction => "physion_contact_prediction",
        PhysionHumanTask.PlacementDetection => "physion_placement_detection",
        PhysionHumanTask.PlacementPrediction => "physion_placement_prediction",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    protected override void BeforeTraining(OnlineData data, CancellationToken cancel)
    {
        if (data.TestIds is null)
            throw new ArgumentException(
                $"{Key} compares the model's test choices with human answers stimulus by stimulus, so it takes behavioural data only with the test " +
                "stimuli's ids; these data have none (in-memory arrays, or a benchmark that does not name its test stimuli). Run it on an online " +
                "Physion benchmark, or use online_transformer_classifier for the classification scores alone.");
        if (data.TestIds.Count != data.TestFeatures.Rows)
            throw new ArgumentException($"{Key}: {data.TestIds.Count} test stimulus ids for {data.TestFeatures.Rows} test rows; give one id per test row.");
        var home = options.Home ?? DataHome.FromEnvironment();
        var human = (files ?? new PhysionHumanFiles()).Load(home, task, options.Progress, options.Offline, download, cancel);
        options.Progress.Info($"{Key}: {human.Rows} human presentations of {human.StimulusIds.Count} stimuli from {human.Path}.");
        _human.AddOrUpdate(data, human);
    }

    protected override ScoreSet AfterTesting(ScoreSet scores, int[] predicted, int[] testLabels, OnlineData data)
    {
        if (!_human.TryGetValue(data, out var human))
            throw new InvalidOperationException($"{Key}: the human responses were not loaded before training.");
        _human.Remove(data);
        string[] ids = data.TestRows.Select(r => data.TestIds![r]).ToArray();
        // The headline first, so its bootstrap samples are kept as the headline's.
        var result = scores.WithHeadline(HeadlineKey);
        Compare(result, ids, predicted, testLabels, human, options.Bootstrap, data.Seed);
        return result;
    }
}
