namespace BBScore.Stimuli;

/// <summary>A stimulus set whose clips all have the same number of frames (a benchmark that samples every clip to a
/// fixed length), so that sizes can be known before anything is decoded.</summary>
public interface IFixedLengthClips
{
    int FramesPerClip { get; }

    /// <summary>The frames each stimulus of <paramref name="stimuli"/> is known to have: its clips' fixed length, else 1
    /// (images, and clips whose length is only known once decoded).</summary>
    static int FramesOf(IStimulusSet stimuli) => stimuli is IFixedLengthClips clips ? clips.FramesPerClip : 1;
}
