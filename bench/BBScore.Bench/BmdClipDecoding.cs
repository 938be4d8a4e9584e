using System.Diagnostics;
using BBScore.Datasets.Bmd;
using BBScore.Stimuli;

namespace BBScore.Bench;

/// <summary>The input side of BMD extraction alone: every clip probed and decoded by the product's ffmpeg path
/// (<see cref="BmdStimulusSet.Load"/>: ffprobe, ffmpeg to rgb24 at the native 30 fps, all 90 frames) and sampled to
/// its 30 frames, a batch at a time in parallel as <c>FeatureExtractor</c> loads a batch, nothing run on it.</summary>
public static class BmdClipDecoding
{
    public sealed record Result(int Clips, double Seconds);

    public static Result Measure(IReadOnlyList<BmdStimulusSet> splits, int batchSize)
    {
        // One decode before the clock: the first ffmpeg start pays for reading its ~200 shared libraries from disk.
        splits[0].Load(0).RecycleBuffers();
        int clips = 0;
        var clock = Stopwatch.StartNew();
        foreach (var split in splits)
            for (int start = 0; start < split.Count; start += batchSize)
            {
                var batch = new Stimulus[Math.Min(batchSize, split.Count - start)];
                // As FeatureExtractor.LoadBatch: one Load per clip of the batch, in parallel.
                Parallel.For(0, batch.Length, i => batch[i] = split.Load(start + i));
                foreach (var clip in batch) clip.RecycleBuffers();
                clips += batch.Length;
            }
        return new Result(clips, clock.Elapsed.TotalSeconds);
    }
}
