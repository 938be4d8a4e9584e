using BBScore.Stimuli;

namespace BBScore.Datasets.Bmd;

/// <summary>The original's BMD clip sampling (decord, spec §2.3): every <c>max(round(fps / 10), 1)</c>-th frame from
/// the first, the first 30 of those (3 s at 10 fps), the last repeated up to 30. Python's round() rounds halves to
/// even (round(25 / 10) = 2, round(15 / 10) = 2), and so does <see cref="Math.Round(double)"/>.</summary>
public static class BmdFrameSampling
{
    public const int Frames = 30;
    public const double Fps = 10;

    /// <summary>Frame rate assumed when the file does not state one (the original's fallback).</summary>
    public const double FallbackSourceFps = 30;

    public static int Interval(double sourceFps) =>
        Math.Max((int)Math.Round(sourceFps > 0 && double.IsFinite(sourceFps) ? sourceFps / Fps : FallbackSourceFps / Fps), 1);

    public static VideoStimulus Sample(VideoStimulus clip)
    {
        if (clip.Frames.Count == 0) throw new ArgumentException("A clip needs at least one frame.", nameof(clip));
        int interval = Interval(clip.Fps);
        var frames = new RgbImage[Frames];
        int available = (clip.Frames.Count + interval - 1) / interval;
        for (int i = 0; i < Frames; i++) frames[i] = clip.Frames[Math.Min(i, available - 1) * interval];
        return new VideoStimulus(frames, Fps);
    }
}
