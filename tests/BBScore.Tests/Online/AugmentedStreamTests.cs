using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Streams;
using BBScore.Pipeline;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Online;

/// <summary>An augmented training stream bypasses the feature cache: every epoch the model runs on that epoch's training
/// stimuli (one forward pass per training batch), while validation and test read the clean features extracted once.</summary>
public sealed class AugmentedStreamTests
{
    [Fact]
    public void Each_epoch_runs_the_model_on_its_own_augmented_stimuli_and_validation_stays_cached()
    {
        using var dir = new TempDir();
        var model = new FakeModel();
        var extractor = new FeatureExtractor(model, new FeatureCache(dir.Path), SilentProgress.Instance);
        var clean = new CountingStimulusSet(40);
        var entry = extractor.EnsureCached(clean, ["a"], () => 40)[0];
        Assert.Equal(1, model.ForwardPasses);
        using var features = new NpyRowSource(entry.DataPath, entry.UnitShape);
        var labels = new double[40, 1];
        for (int i = 0; i < 40; i++) labels[i, 0] = i % 2;
        var epochsSeen = new List<int>();
        var data = OnlineData.Split(features, new MatrixRowSource(labels), null, null, null, seed: 42, CompatMode.Fixed, classes: Enumerable.Range(0, 40).Select(i => i % 2).ToArray()) with
        {
            EpochTrainFeatures = epoch =>
            {
                epochsSeen.Add(epoch);
                return new ModelRowSource(extractor, new CountingStimulusSet(40, hash: $"augmented-{epoch}"), "a", entry.UnitShape);
            },
        };
        var settings = ClassifierSettings.Linear with { Epochs = 3, LearningRates = [1e-2], WeightDecays = [0.0], BatchSize = 8, Scheduler = "cosine" };

        new OnlineLinearClassifier(settings, SilentProgress.Instance).Score(data);

        int steps = data.TrainRows.Length / 8;
        Assert.Equal([1, 2, 3], epochsSeen);
        Assert.Equal(1 + 3 * steps, model.ForwardPasses); // the clean extraction, then one pass per training batch per epoch
        Assert.True(extractor.EnsureCached(clean, ["a"], () => 40)[0].CacheHit);
        Assert.Single(Directory.GetFiles(dir.Path, "*.npy")); // nothing augmented was cached
    }
}
