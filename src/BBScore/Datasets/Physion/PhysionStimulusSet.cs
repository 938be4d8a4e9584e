using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;

namespace BBScore.Datasets.Physion;

/// <summary>The clips of one Physion split, in CSV order, each sampled by the mode's rule (detection 40 frames at
/// 10 fps, prediction 11 at 25 fps; <see cref="ClipFrameSampling"/>). Ids are the stimulus ids the human data uses, so
/// a read-out's per-stimulus answers can be matched to people's. The test split also carries each stimulus's human
/// mean response (the original's third item of a test target).</summary>
public sealed class PhysionStimulusSet : IStimulusSet, IFixedLengthClips
{
    readonly SampledClipSet _clips;

    /// <param name="datasetDir">The mode's dataset folder (the CSV beside <c>videos/</c>).</param>
    /// <param name="humanMeans">Per test stimulus id, the mean human response; null for a train split.</param>
    public PhysionStimulusSet(string datasetDir, PhysionSplit split, bool train, IReadOnlyList<PhysionItem> items,
                              IReadOnlyDictionary<string, double>? humanMeans = null)
    {
        Name = split.Name + (train ? "Train" : "Test");
        if (items.Count == 0)
            throw new InvalidDataException($"{Name}: the stimulus CSV in {datasetDir} selects no clips" +
                                           (train ? "." : " that the human data has; the CSV and the human data do not belong together."));
        string folder = Path.Combine(datasetDir, split.Mode.ClipsFolder);
        var files = items.Select(i => new StimulusFile(Path.Combine(folder, i.Filename), i.StimulusId, train ? StimulusSplit.Train : StimulusSplit.Test)).ToList();
        var missing = files.Where(f => !File.Exists(f.Path)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{Name}: {missing.Count} of {files.Count} clips are missing from {folder} (first: {items[files.IndexOf(missing[0])].Filename}). " +
                $"Delete {Path.Combine(datasetDir, PhysionMode.VideosFolder)} and run 'bbscore download {split.Name}' to fetch and unpack the clips again.",
                missing[0].Path);
        Items = items;
        HumanMeans = humanMeans is null ? null : items.Select(i => humanMeans.GetValueOrDefault(i.StimulusId, double.NaN)).ToArray();
        _clips = new SampledClipSet(Name, files, split.Mode.Sampling, hashLabel: "Physion" + split.Mode.Name);
    }

    public IReadOnlyList<PhysionItem> Items { get; }

    /// <summary>The mean human response per clip (contact: fraction answering yes; placement: mean chosen cell), test only;
    /// NaN where a swapped-in human reader lists a stimulus without a mean.</summary>
    public IReadOnlyList<double>? HumanMeans { get; }

    /// <summary>The clips' class ids, in order.</summary>
    public int[] ClassIds => Items.Select(i => i.Label).ToArray();

    public string Name { get; }
    public int Count => _clips.Count;
    public IReadOnlyList<string> Ids => _clips.Ids;
    public string ContentHash => _clips.ContentHash;
    public double[,]? Labels => null;
    public int FramesPerClip => _clips.FramesPerClip;
    public bool DecodesOutOfProcess => true;
    public RgbImage LoadImage(int index) => _clips.LoadImage(index);
    public Stimulus Load(int index) => _clips.Load(index);
}
