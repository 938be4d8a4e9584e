using System.Globalization;

namespace BBScore.Stimuli;

/// <summary>The original's decord clip sampling, shared by its clip datasets (BMD 10 fps × 30, Physion detection
/// 10 fps × 40 and prediction 25 fps × 11, SSV2 12 fps × 48): every <c>max(round(fps / TargetFps), 1)</c>-th frame from
/// the first, the first <see cref="Frames"/> of those, the last repeated up to <see cref="Frames"/>. Python's round()
/// rounds halves to even (round(25 / 10) = 2, round(15 / 10) = 2), and so does <see cref="Math.Round(double)"/>.</summary>
public sealed record ClipFrameSampling(double TargetFps, int Frames)
{
    /// <summary>Frame rate assumed when the file does not state one (the original's fallback).</summary>
    public const double FallbackSourceFps = 30;

    public int Interval(double sourceFps) =>
        Math.Max((int)Math.Round(sourceFps > 0 && double.IsFinite(sourceFps) ? sourceFps / TargetFps : FallbackSourceFps / TargetFps), 1);

    /// <summary>The rule in words; part of the content hash of every set sampled by it, so a changed rule is a new cache key.</summary>
    public string Description =>
        string.Create(CultureInfo.InvariantCulture, $"every round(fps/{TargetFps})-th frame, {Frames} at {TargetFps} fps");

    /// <summary>The source frame index each sampled frame comes from, for a clip of <paramref name="sourceFrames"/> frames.</summary>
    public int[] Indices(int sourceFrames, double sourceFps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceFrames, 1);
        int interval = Interval(sourceFps);
        int available = (sourceFrames + interval - 1) / interval;
        return Enumerable.Range(0, Frames).Select(i => Math.Min(i, available - 1) * interval).ToArray();
    }

    public VideoStimulus Sample(VideoStimulus clip)
    {
        if (clip.Frames.Count == 0) throw new ArgumentException("A clip needs at least one frame.", nameof(clip));
        return new VideoStimulus(Indices(clip.Frames.Count, clip.Fps).Select(i => clip.Frames[i]).ToArray(), TargetFps);
    }

    /// <summary><see cref="Sample"/>, handing the frames it drops straight back to the buffer pool (two of every three at
    /// 30 fps for a 10 fps rule), so the next clip decodes into them.</summary>
    public VideoStimulus SampleRecycling(VideoStimulus clip)
    {
        var sampled = Sample(clip);
        var kept = new HashSet<RgbImage>(sampled.Frames, ReferenceEqualityComparer.Instance);
        foreach (var frame in clip.Frames)
            if (!kept.Contains(frame)) frame.Recycle();
        return sampled;
    }
}
