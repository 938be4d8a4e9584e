using System.Security.Cryptography;
using System.Text;
using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;

namespace BBScore.Datasets.Ssv2;

/// <summary>The clips of one SSV2 split in CSV order, each decoded at its own rate and sampled to 48 frames at 12 fps
/// (<see cref="Ssv2FrameSampling"/>). Ids are the CSV's file names.</summary>
public sealed class Ssv2StimulusSet : IStimulusSet, IFixedLengthClips
{
    readonly MediaFileStimulusSet _clips;

    public Ssv2StimulusSet(Ssv2Split split, bool train)
    {
        Split = split;
        Name = train ? "SSV2PrunedStimulusTrainSet" : "SSV2PrunedStimulusTestSet";
        var files = split.Files
            .Select(f => new StimulusFile(Path.Combine(split.ClipFolder, f), f, train ? StimulusSplit.Train : StimulusSplit.Test))
            .ToList();
        _clips = new MediaFileStimulusSet(Name, files, StimulusFileKind.Clip);
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{_clips.ContentHash}; SSV2 sampling: every round(fps/12)-th frame, {Ssv2FrameSampling.Frames} at {Ssv2FrameSampling.Fps} fps")));
    }

    public Ssv2Split Split { get; }
    public string Name { get; }
    public int Count => _clips.Count;
    public IReadOnlyList<string> Ids => _clips.Ids;
    public string ContentHash { get; }
    public double[,]? Labels => null;
    public int FramesPerClip => Ssv2FrameSampling.Frames;
    public bool DecodesOutOfProcess => true;

    public RgbImage LoadImage(int index) =>
        throw new NotSupportedException($"{Name} holds clips, not images; image models see each clip's frames.");

    /// <summary>The clip's 48 sampled frames; frames the sampling drops go back to the buffer pool.</summary>
    public Stimulus Load(int index)
    {
        var clip = (VideoStimulus)_clips.Load(index);
        var sampled = Ssv2FrameSampling.Sample(clip);
        var kept = new HashSet<RgbImage>(sampled.Frames, ReferenceEqualityComparer.Instance);
        foreach (var frame in clip.Frames)
            if (!kept.Contains(frame)) frame.Recycle();
        return sampled;
    }
}
