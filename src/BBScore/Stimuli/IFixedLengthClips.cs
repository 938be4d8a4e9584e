namespace BBScore.Stimuli;

/// <summary>A stimulus set whose clips all have the same number of frames (a benchmark that samples every clip to a
/// fixed length), so that sizes can be known before anything is decoded.</summary>
public interface IFixedLengthClips
{
    int FramesPerClip { get; }
}
