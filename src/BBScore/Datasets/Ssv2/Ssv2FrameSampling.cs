using BBScore.Stimuli;

namespace BBScore.Datasets.Ssv2;

/// <summary>The original's SSV2 clip sampling (PyAV, spec §2.6): every <c>max(round(fps / 12), 1)</c>-th frame from the
/// first, the first 48 of those (4 s at 12 fps), the last repeated up to 48. Python's round() rounds halves to even, as
/// <see cref="Math.Round(double)"/> does. (The same rule as BMD's at other numbers; to be folded into the shared
/// sampling class.)</summary>
public static class Ssv2FrameSampling
{
    public const int Frames = 48;
    public const double Fps = 12;

    public static int Interval(double sourceFps) =>
        sourceFps > 0 && double.IsFinite(sourceFps) ? Math.Max((int)Math.Round(sourceFps / Fps), 1) : 1;

    /// <summary>The source frame indices kept for a clip of <paramref name="sourceFrames"/> frames at <paramref name="sourceFps"/>.</summary>
    public static int[] Indices(int sourceFrames, double sourceFps)
    {
        if (sourceFrames <= 0) throw new ArgumentOutOfRangeException(nameof(sourceFrames), sourceFrames, "A clip needs at least one frame.");
        int interval = Interval(sourceFps);
        int available = (sourceFrames + interval - 1) / interval;
        return Enumerable.Range(0, Frames).Select(i => Math.Min(i, available - 1) * interval).ToArray();
    }

    public static VideoStimulus Sample(VideoStimulus clip) =>
        new(Indices(clip.Frames.Count, clip.Fps).Select(i => clip.Frames[i]).ToArray(), Fps);
}
