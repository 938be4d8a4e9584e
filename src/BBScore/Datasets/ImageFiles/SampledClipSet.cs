using System.Security.Cryptography;
using System.Text;
using BBScore.Stimuli;

namespace BBScore.Datasets.ImageFiles;

/// <summary>Clip files sampled to a fixed length by a <see cref="ClipFrameSampling"/> rule as each is loaded (the
/// original's clip datasets decode with decord and keep every n-th frame). Image models then see every sampled frame,
/// clip models re-time them as they do any clip.</summary>
public sealed class SampledClipSet : IStimulusSet, IFixedLengthClips
{
    readonly MediaFileStimulusSet _clips;
    readonly ClipFrameSampling _sampling;

    /// <param name="hashLabel">Names the dataset in the content hash ("BMD"): the hash is the files' bytes, the decoder,
    /// and the rule, so a dataset's cached features survive as long as these do.</param>
    public SampledClipSet(string name, IReadOnlyList<StimulusFile> files, ClipFrameSampling sampling, string hashLabel)
    {
        _clips = new MediaFileStimulusSet(name, files, StimulusFileKind.Clip);
        _sampling = sampling;
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{_clips.ContentHash}; {hashLabel} sampling: {sampling.Description}")));
    }

    public string Name => _clips.Name;
    public int Count => _clips.Count;
    public IReadOnlyList<string> Ids => _clips.Ids;
    public string ContentHash { get; }
    public double[,]? Labels => null;
    public int FramesPerClip => _sampling.Frames;
    public bool DecodesOutOfProcess => true;

    public RgbImage LoadImage(int index) =>
        throw new NotSupportedException($"{Name} holds clips, not images; image models see each clip's frames.");

    public Stimulus Load(int index) => _sampling.SampleRecycling((VideoStimulus)_clips.Load(index));
}
