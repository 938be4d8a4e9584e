namespace BBScore.Stimuli;

/// <summary>How frame-wise (static) image models see a batch: images as they are, clips frame by frame,
/// as the original runs static models on video (B·T frames, regrouped to (B, T, ...)).</summary>
public static class FrameBatch
{
    /// <summary>The frames to run and, for clips, the frame count per stimulus (null for images).</summary>
    public static (IReadOnlyList<RgbImage> Frames, int? FramesPerStimulus) Flatten(IReadOnlyList<Stimulus> batch, string model)
    {
        if (batch.Count == 0) throw new ArgumentException("The batch is empty.", nameof(batch));
        if (batch.All(s => s is ImageStimulus)) return (batch.Select(s => ((ImageStimulus)s).Image).ToList(), null);
        if (batch.All(s => s is VideoStimulus))
        {
            var clips = batch.Cast<VideoStimulus>().ToList();
            int frames = clips[0].Frames.Count;
            if (clips.Any(c => c.Frames.Count != frames))
                throw new InvalidOperationException(
                    $"The clips of one batch have different frame counts ({string.Join(", ", clips.Select(c => c.Frames.Count).Distinct())}); " +
                    $"{model} runs them frame by frame and needs one count per batch (sample the clips to a fixed number of frames).");
            return (clips.SelectMany(c => c.Frames).ToList(), frames);
        }
        throw new NotSupportedException($"{model} takes images, or clips frame by frame; this batch holds {StimulusBatch.KindsOf(batch)}.");
    }

    /// <summary>The batch shape of a per-frame output: (B, ...) for images, (B, T, ...) for clips.</summary>
    public static int[] Shape(int frames, int? framesPerStimulus, int[] perFrame) => framesPerStimulus is int t
        ? [frames / t, t, .. perFrame]
        : [frames, .. perFrame];
}
