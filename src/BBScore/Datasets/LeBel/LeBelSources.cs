using BBScore.Data;
using BBScore.Data.Download;

namespace BBScore.Datasets.LeBel;

/// <summary>Where LeBel et al. 2023 comes from (spec §2.4): OpenNeuro's public bucket, dataset ds003020, anonymous S3,
/// laid out under the data home as the original lays it out (<c>datasets/LeBel2023/ds003020/…</c>), and the
/// split-half ceiling the original ships in its repository, fetched at a pinned commit. Folder prefixes are listed
/// with ListObjectsV2 once and remembered (<see cref="S3PrefixListing"/>); only what a benchmark needs is fetched:
/// the story files of its kind and one participant's preprocessed runs.</summary>
/// <remarks>The derived files sit under <c>derivatives/</c> in today's bucket (BIDS; the original moved to that spelling
/// after finding nothing under the old one) and under <c>derivative/</c> in the dataset's first versions and the authors'
/// own download commands. Both are tried, plural first: the participant's runs decide which one the bucket (or the
/// remembered listing) has, and the transcripts and FreeSurfer labels are fetched from the same folder.</remarks>
public static class LeBelSources
{
    public const string Bucket = "openneuro.org";
    public const string DatasetPrefix = "ds003020/";
    public const string DatasetName = "LeBel2023";

    /// <summary>The spellings of the derived-data folder, in the order tried.</summary>
    public static IReadOnlyList<string> DerivativeFolders { get; } = [Derivatives, "derivative"];

    public const string Derivatives = "derivatives";

    public static string TextGridPrefix(string derivative = Derivatives) => $"{DatasetPrefix}{derivative}/TextGrids/";
    public const string WavPrefix = DatasetPrefix + "stimuli/";

    /// <summary>The original's per-voxel split-half ceiling (Spearman–Brown r), at the commit that added it.</summary>
    public const string CeilingUrl =
        "https://raw.githubusercontent.com/neuroailab/bbscore_public/023a1b5903f1027250879484bbe1585117071fa2/data/lebel2023_ceiling_splithalf.npz";

    /// <summary>Replaces <see cref="CeilingUrl"/> (a mirror; tests).</summary>
    public const string CeilingUrlVariable = "BBSCORE_LEBEL_CEILING_URL";

    public const string CeilingFile = "lebel2023_ceiling_splithalf.npz";

    /// <summary>The WAV that is not a story (the auditory localizer), skipped as the original skips it.</summary>
    public const string LocalizerName = "auditory_localizer";

    public static string PreprocessedPrefix(string subject, string derivative = Derivatives) => $"{DatasetPrefix}{derivative}/preprocessed_data/{subject}/";

    public static string FreeSurferLabelPrefix(string subject, string derivative = Derivatives) =>
        $"{DatasetPrefix}{derivative}/freesurfer_subjdir/{subject}/label/";

    /// <summary>The repeated story whose runs give the split-half ceiling.</summary>
    public const string RepeatedStory = "wheretheressmoke";

    /// <summary>A participant's raw BIDS folder: every session's runs, listed once to find the repeated story's.</summary>
    public static string RawPrefix(string subject) => $"{DatasetPrefix}sub-{subject}/";

    /// <summary>The cortical mask the original's ceiling script extracts voxels with (pycortex's thick mask).</summary>
    public static string CortexMaskKey(string subject, string derivative = Derivatives) =>
        $"{DatasetPrefix}{derivative}/pycortex-db/{subject}/transforms/{subject}_auto/mask_thick.nii.gz";

    /// <summary>The four FreeSurfer label files a participant's region groups come from.</summary>
    public static IReadOnlyList<string> FreeSurferLabelFiles { get; } = ["lh.aparc.annot", "rh.aparc.annot", "lh.cortex.label", "rh.cortex.label"];

    /// <summary>The dataset's folder under the data home; files sit there at their S3 keys (the original keeps ds003020/ in its layout).</summary>
    public static string DatasetDir(DataHome home) => Path.Combine(home.DatasetsDir, DatasetName);

    /// <summary>Where the file of an S3 key is kept.</summary>
    public static string LocalPath(DataHome home, string key) => Path.Combine(DatasetDir(home), key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The files under <paramref name="prefix"/> whose names end with <paramref name="extension"/>, listed (or,
    /// offline, from the remembered listing), as a manifest of the dataset folder.</summary>
    public static IReadOnlyList<RemoteFile> Listed(DataHome home, string prefix, string extension, HttpClient? http, S3Source? s3 = null) =>
        Filter(S3PrefixListing.Resolve(s3 ?? new S3Source(Bucket), prefix, prefix.TrimEnd('/'), DatasetDir(home), DatasetName, http), prefix, extension);

    /// <summary>The participant's preprocessed runs and the derived-data folder they are under (the first of
    /// <see cref="DerivativeFolders"/> that lists them); when neither does, the error of the first.</summary>
    public static (IReadOnlyList<RemoteFile> Runs, string Derivative) ListedRuns(DataHome home, string subject, HttpClient? http, S3Source? s3 = null)
    {
        s3 ??= new S3Source(Bucket);
        foreach (string derivative in DerivativeFolders)
        {
            string prefix = PreprocessedPrefix(subject, derivative);
            if (S3PrefixListing.TryResolve(s3, prefix, prefix.TrimEnd('/'), DatasetDir(home), http) is { } files)
                return (Filter(files, prefix, ".hf5"), derivative);
        }
        return (Listed(home, PreprocessedPrefix(subject), ".hf5", http, s3), Derivatives); // throws, naming what is missing
    }

    static IReadOnlyList<RemoteFile> Filter(IEnumerable<RemoteFile> files, string prefix, string extension) =>
        files.Where(f => f.RelativePath.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
                         && !f.RelativePath[prefix.Length..].Contains('/', StringComparison.Ordinal) // the folder's own files, as the original's glob
                         && !Path.GetFileNameWithoutExtension(f.RelativePath).Equals(LocalizerName, StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>The published ceiling file's size and SHA-256 at <see cref="CeilingUrl"/>'s commit (checked on download;
    /// its per-participant voxel counts and reliable fractions are those of spec §2.4).</summary>
    public const long CeilingSize = 2_111_552;

    public const string CeilingSha256 = "7819434af9a2ec6c0d508cbf7c448b2fce227bfa5b51d21ba632e0e72654d8c0";

    /// <summary>The ceiling file: pinned by size and SHA-256, except from a mirror named by <see cref="CeilingUrlVariable"/>
    /// (which may serve another file: it is then checked only by reading it).</summary>
    public static RemoteFile Ceiling() =>
        Environment.GetEnvironmentVariable(CeilingUrlVariable) is { Length: > 0 } url
            ? new RemoteFile(url, CeilingFile)
            : new RemoteFile(CeilingUrl, CeilingFile, CeilingSize, CeilingSha256);

    /// <summary>A participant's FreeSurfer label files.</summary>
    public static IReadOnlyList<RemoteFile> FreeSurferLabels(string subject, string derivative = Derivatives, S3Source? s3 = null)
    {
        s3 ??= new S3Source(Bucket);
        string prefix = FreeSurferLabelPrefix(subject, derivative);
        return FreeSurferLabelFiles.Select(name => new RemoteFile(s3.Url(prefix + name), prefix + name)).ToList();
    }
}
