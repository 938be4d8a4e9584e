using BBScore.Benchmarks;
using BBScore.Models;
using BBScore.Progress;

namespace BBScore.Pipeline.Preflight;

/// <summary>The online run's preflight: memory is bounded by one batch (features and targets of the training batch, the
/// read-out's weights and their best-epoch copy), whatever the number of stimuli; disk needs the layer's feature-cache
/// entry, which the epochs stream from. Refuses, with the fix, a run whose cache entry cannot fit on disk.</summary>
public static class OnlinePreflight
{
    public static void Check(IFeatureModel model, string layer, BenchmarkData data, int batch, string featuresDir, IProgressSink progress)
    {
        var sizes = RunPreflight.Layers(model, new Dictionary<string, string> { [layer] = layer }, Stimuli.IFixedLengthClips.FramesOf(data.TrainStimuli));
        long targets = data.TrainTargets.GetLength(1);
        if (sizes[0].Features is not long features)
        {
            progress.Info($"preflight: online read-out, memory bounded by one batch of {batch} stimuli (the layer's size is known once it runs)");
            return;
        }
        long stimuli = (long)data.TrainStimuli.Count + (data.TestStimuli?.Count ?? 0);
        long disk = RunFootprint.FeatureCacheBytes(stimuli, features);
        long memory = 2L * batch * (features + targets) * 4 + 3 * features * targets * 4;
        long free = MachineResources.FreeDiskBytes(featuresDir);
        progress.Info($"preflight: online read-out, memory bounded by one batch: ~{RunPreflight.Format(memory)} for batches of {batch} x {features:N0} features " +
                      $"and {targets:N0} targets plus the read-out (independent of the {stimuli:N0} stimuli); feature cache {RunPreflight.Format(disk)} on disk, streamed every epoch");
        if (disk > free)
            throw new PreflightException($"this run cannot fit on this machine: the feature cache needs {RunPreflight.Format(disk)} under {featuresDir}, " +
                                         $"where only {RunPreflight.Format(free)} is free: free space there or point BBSCORE_HOME at a larger disk.");
    }
}
