namespace BBScore.Stimuli;

/// <summary>One stimulus as a model receives it. Which kinds a model accepts, and how it converts the
/// others (an image model runs a clip frame by frame; a clip model sees an image as a still clip),
/// is the model's business.</summary>
public abstract record Stimulus
{
    /// <summary>Returns pooled pixel buffers (<see cref="RgbImage.Recycle"/>) for reuse. Only the code that loaded
    /// this stimulus may call it, once nothing reads the stimulus any more.</summary>
    public virtual void RecycleBuffers() { }
}

/// <summary>A still image.</summary>
public sealed record ImageStimulus(RgbImage Image) : Stimulus
{
    public override void RecycleBuffers() => Image.Recycle();
}

/// <summary>A clip: decoded frames in display order, and the rate they were decoded at.</summary>
/// <param name="Frames">At least one frame, all of one size.</param>
/// <param name="Fps">Frames per second of <paramref name="Frames"/>.</param>
public sealed record VideoStimulus(IReadOnlyList<RgbImage> Frames, double Fps) : Stimulus
{
    public double DurationSeconds => Frames.Count / Fps;

    public override void RecycleBuffers()
    {
        foreach (var frame in Frames) frame.Recycle();
    }
}

/// <summary>A mono waveform.</summary>
/// <param name="Samples">Samples in [-1, 1].</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioStimulus(float[] Samples, int SampleRate) : Stimulus;

/// <summary>A piece of text. <paramref name="Context"/> is the text that precedes it (a story so far),
/// fed to the model before <paramref name="Text"/> but not read out.</summary>
/// <param name="StridedContext">When context + text exceed the model's window: cut the context at the latest multiple of
/// half a window (in tokens) that makes it fit, instead of keeping exactly the most recent tokens. Each text then keeps
/// at least half a window of context, and the texts of one story fall into shared windows, so a causal model reads many
/// of them from one pass (<see cref="Models.Text.CausalPrefixSharing"/>).</param>
public sealed record TextStimulus(string Text, string Context = "", bool StridedContext = false) : Stimulus;
