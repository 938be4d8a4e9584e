using System.Diagnostics;
using BBScore.Datasets.Bmd;
using BBScore.Features;
using BBScore.Models;
using BBScore.Progress;
using BBScore.Stimuli;

namespace BBScore.Bench;

/// <summary>One model over the BMD clips, two ways. Model only: the first batch decoded before the clock, then
/// preprocessing and the forward pass on it (best of the repeats after a warm-up that also builds the session).
/// End to end: what <c>bbscore run</c> does on a cache miss, train split then test split through
/// <see cref="FeatureExtractor"/> into a fresh feature cache (decode, sample, preprocess, run, stream to disk, read
/// back), with the extractor's own decision on overlapping decoding with inference.</summary>
public static class BmdClipExtraction
{
    public sealed record Result(int Clips, int FeaturesPerClip, double Seconds, double ModelOnlyClipsPerSecond,
        long PeakMiB, bool PeakReset, RuntimeCounters Spent);

    public static Result Measure(IFeatureModel model, string layer, IReadOnlyList<BmdStimulusSet> splits, int batchSize, int repeats)
    {
        double modelOnly = ModelOnly(model, layer, splits[0], batchSize, repeats);
        var scratch = Directory.CreateTempSubdirectory("bbscore-bench-bmd-");
        try
        {
            bool peakReset = PeakMemory.Reset();
            var before = RuntimeCounters.Read();
            var clock = Stopwatch.StartNew();
            var cache = new FeatureCache(Path.Combine(scratch.FullName, "cache"));
            int clips = 0, featuresPerClip = 0;
            foreach (var split in splits)
            {
                // Only the row length is kept: the read-back features (GBs at full size) are garbage once counted.
                var features = new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(split, [layer], batchSize)[0].Features;
                clips += features.Rows;
                featuresPerClip = features.RowLength;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            return new Result(clips, featuresPerClip, seconds, modelOnly, PeakMemory.PeakMiB(), peakReset, RuntimeCounters.Read() - before);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Clips per second of preprocessing + forward pass alone, on one decoded batch.</summary>
    static double ModelOnly(IFeatureModel model, string layer, BmdStimulusSet split, int batchSize, int repeats)
    {
        var batch = Enumerable.Range(0, Math.Min(batchSize, split.Count)).Select(split.Load).ToList();
        model.Extract(batch, [layer]); // warm-up: the session for this output, ONNX Runtime's arena
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Extract(batch, [layer]);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        foreach (var clip in batch) clip.RecycleBuffers();
        return batch.Count / best;
    }
}
