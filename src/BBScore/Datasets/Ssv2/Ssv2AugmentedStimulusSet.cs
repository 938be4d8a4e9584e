using System.Security.Cryptography;
using System.Text;
using BBScore.Stimuli;
using BBScore.Stimuli.Augment;

namespace BBScore.Datasets.Ssv2;

/// <summary>AugmentedSSV2's training clips for one epoch: the clean clips with RandAugment applied, one draw of ops per
/// clip shared by all its frames, seeded by (seed, clip index, epoch).</summary>
public sealed class Ssv2AugmentedStimulusSet(IStimulusSet clips, RandAugment augment, long seed, int epoch) : IStimulusSet, IFixedLengthClips
{
    public string Name => $"{clips.Name} (RandAugment {augment.Config}, epoch {epoch})";
    public int Count => clips.Count;
    public IReadOnlyList<string> Ids => clips.Ids;
    public double[,]? Labels => clips.Labels;
    public int FramesPerClip => IFixedLengthClips.FramesOf(clips);
    public bool DecodesOutOfProcess => clips.DecodesOutOfProcess;

    public string ContentHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{clips.ContentHash}; RandAugment {augment.Config}; seed {seed}; epoch {epoch}")));

    public RgbImage LoadImage(int index) =>
        throw new NotSupportedException($"{Name} holds clips, not images; image models see each clip's frames.");

    public Stimulus Load(int index)
    {
        var clip = (VideoStimulus)clips.Load(index);
        var steps = augment.Plan(seed, index, epoch);
        return new VideoStimulus(RandAugment.Apply(steps, clip.Frames), clip.Fps);
    }
}
