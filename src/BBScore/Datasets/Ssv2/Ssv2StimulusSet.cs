using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;

namespace BBScore.Datasets.Ssv2;

/// <summary>The clips of one SSV2 split in CSV order, each decoded at its own rate and sampled to 48 frames at 12 fps
/// (<see cref="Sampling"/>, the original's PyAV rule: every round(fps/12)-th frame, the last repeated). Ids are the CSV's
/// file names.</summary>
public sealed class Ssv2StimulusSet : IStimulusSet, IFixedLengthClips
{
    public static ClipFrameSampling Sampling { get; } = new(12, 48);

    readonly SampledClipSet _clips;

    public Ssv2StimulusSet(Ssv2Split split, bool train)
    {
        Split = split;
        var files = split.Files
            .Select(f => new StimulusFile(Path.Combine(split.ClipFolder, f), f, train ? StimulusSplit.Train : StimulusSplit.Test))
            .ToList();
        _clips = new SampledClipSet(train ? "SSV2PrunedStimulusTrainSet" : "SSV2PrunedStimulusTestSet", files, Sampling, "SSV2");
    }

    public Ssv2Split Split { get; }
    public string Name => _clips.Name;
    public int Count => _clips.Count;
    public IReadOnlyList<string> Ids => _clips.Ids;
    public string ContentHash => _clips.ContentHash;
    public double[,]? Labels => null;
    public int FramesPerClip => Sampling.Frames;
    public bool DecodesOutOfProcess => true;

    public RgbImage LoadImage(int index) => _clips.LoadImage(index);

    /// <summary>The clip's 48 sampled frames; frames the sampling drops go back to the buffer pool.</summary>
    public Stimulus Load(int index) => _clips.Load(index);
}
