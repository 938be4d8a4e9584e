using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;

namespace BBScore.Datasets.Bmd;

/// <summary>The BMD clips of one split, in the original's order: train 0001 … 1000, test 1001 … 1102, from
/// <c>stimulus_set/mp4_h264/NNNN.mp4</c> of the extracted stimulus zip. Each clip is decoded at its own rate and
/// sampled to 30 frames at 10 fps (<see cref="BmdFrameSampling"/>); clip models then re-time those as they do any
/// clip, image models see every frame.</summary>
public sealed class BmdStimulusSet : IStimulusSet, IFixedLengthClips
{
    public const int TrainClips = 1000, TestClips = 102;

    /// <summary>The clips folder inside the extracted zip.</summary>
    public const string ClipsFolder = "stimulus_set/mp4_h264";

    readonly SampledClipSet _clips;

    /// <param name="extracted">The folder the stimulus zip was unpacked into.</param>
    /// <param name="count">Clips per split (the full dataset's 1,000 and 102 unless a test gives fewer).</param>
    public BmdStimulusSet(string extracted, bool train, int? count = null)
    {
        int first = train ? 1 : TrainClips + 1, n = count ?? (train ? TrainClips : TestClips);
        Name = train ? "BMDStimulusTrainSet" : "BMDStimulusTestSet";
        string folder = Path.Combine(extracted, ClipsFolder);
        var files = Enumerable.Range(first, n)
            .Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            .Select(id => new StimulusFile(Path.Combine(folder, id + ".mp4"), id, train ? StimulusSplit.Train : StimulusSplit.Test))
            .ToList();
        var missing = files.Where(f => !File.Exists(f.Path)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{Name}: {missing.Count} of {n} clips are missing from {folder} (first: {Path.GetFileName(missing[0].Path)}). " +
                "Delete the folder and run 'bbscore download BMD_V1' to fetch and unpack the stimulus zip again.", missing[0].Path);
        _clips = new SampledClipSet(Name, files, BmdFrameSampling.Rule, hashLabel: "BMD");
    }

    public string Name { get; }
    public int Count => _clips.Count;
    public IReadOnlyList<string> Ids => _clips.Ids;
    public string ContentHash => _clips.ContentHash;
    public double[,]? Labels => null;
    public int FramesPerClip => _clips.FramesPerClip;
    public bool DecodesOutOfProcess => true;

    public RgbImage LoadImage(int index) => _clips.LoadImage(index);

    /// <summary>The clip's 30 sampled frames (<see cref="ClipFrameSampling.SampleRecycling"/>).</summary>
    public Stimulus Load(int index) => _clips.Load(index);
}
