using BBScore.Stimuli;

namespace BBScore.Datasets.Bmd;

/// <summary>The original's BMD clip sampling (decord, spec §2.3): the shared <see cref="ClipFrameSampling"/> rule at
/// 10 fps, 30 frames (3 s).</summary>
public static class BmdFrameSampling
{
    public const int Frames = 30;
    public const double Fps = 10;

    public static ClipFrameSampling Rule { get; } = new(Fps, Frames);

    public static int Interval(double sourceFps) => Rule.Interval(sourceFps);

    public static VideoStimulus Sample(VideoStimulus clip) => Rule.Sample(clip);
}
