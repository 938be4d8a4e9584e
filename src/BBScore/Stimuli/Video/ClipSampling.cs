namespace BBScore.Stimuli.Video;

/// <summary>How a clip becomes the fixed number of frames a clip model takes, as the original's video
/// wrappers do: first re-time it to the model's frame rate, then fit the count: uniformly subsample
/// when too long (indices of <c>linspace(0, n-1, count)</c>, truncated to integers as
/// <c>torch.linspace(...).long()</c>), repeat the last frame when too short.</summary>
public static class ClipSampling
{
    /// <summary>The frames shown at <paramref name="fps"/>: frame k is the source frame on screen at
    /// time k / fps, for every k with k / fps before the clip's end (at least one frame).</summary>
    public static IReadOnlyList<RgbImage> Retime(VideoStimulus clip, double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        if (Math.Abs(fps - clip.Fps) < 1e-9) return clip.Frames;
        int source = clip.Frames.Count;
        // A small epsilon keeps exact multiples (t·fps = 2.0000000001) on the intended frame.
        int count = Math.Max(1, (int)Math.Ceiling(clip.DurationSeconds * fps - 1e-9));
        var frames = new RgbImage[count];
        for (int k = 0; k < count; k++)
            frames[k] = clip.Frames[Math.Min(source - 1, (int)Math.Floor(k / fps * clip.Fps + 1e-9))];
        return frames;
    }

    /// <summary>Exactly <paramref name="count"/> frames: linspace subsample or repeat the last frame.</summary>
    public static IReadOnlyList<RgbImage> FitCount(IReadOnlyList<RgbImage> frames, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (frames.Count == 0) throw new ArgumentException("A clip needs at least one frame.", nameof(frames));
        if (frames.Count == count) return frames;
        var result = new RgbImage[count];
        if (frames.Count > count)
        {
            for (int i = 0; i < count; i++)
                result[i] = frames[count == 1 ? 0 : (int)((double)i * (frames.Count - 1) / (count - 1))];
            return result;
        }
        for (int i = 0; i < count; i++) result[i] = frames[Math.Min(i, frames.Count - 1)];
        return result;
    }

    /// <summary>The clip a clip model sees: re-timed to <paramref name="fps"/> (null keeps the clip's own
    /// rate) and fitted to <paramref name="count"/> frames. An image becomes a still clip.</summary>
    public static IReadOnlyList<RgbImage> ForModel(Stimulus stimulus, double? fps, int count) => stimulus switch
    {
        VideoStimulus clip => FitCount(fps is double f ? Retime(clip, f) : clip.Frames, count),
        ImageStimulus image => Enumerable.Repeat(image.Image, count).ToArray(),
        _ => throw new NotSupportedException(
            $"A clip model takes clips (or images, as still clips); this stimulus is {StimulusBatch.KindsOf([stimulus])}."),
    };
}
