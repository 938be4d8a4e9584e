using BBScore.Data.Download;

namespace BBScore.Datasets.Bmd;

/// <summary>Where the BOLD Moments Dataset comes from (spec §2.3): the clips from the dataset's site (a zip protected
/// by a published password) and the fMRI derivatives from OpenNeuro's public bucket (ds005165, anonymous S3). Only
/// the files the chosen region and participants need are fetched: its ROI index files and each participant's four
/// betas and noise-ceiling pickles.</summary>
public static class BmdSources
{
    public const string Bucket = "openneuro.org";
    public const string GlmPrefix = "ds005165/derivatives/versionB/MNI152/GLM/";
    public const string StimulusZipUrl = "https://boldmomentsdataset.csail.mit.edu/stimuli_metadata/stimulus_set.zip";
    public const string StimulusZipPassword = "goboldmoments!";

    /// <summary>Dataset folders under the data home (the original's names).</summary>
    public const string DerivativesName = "BMD", StimulusSetName = "BMDStimulusSet";

    /// <summary>The GLM folder inside the derivatives dataset folder.</summary>
    public const string GlmFolder = "GLM";

    /// <summary>The derivative files of <paramref name="region"/> for <paramref name="subjects"/>, from <paramref name="s3"/>
    /// (OpenNeuro's bucket, or the mirror <c>BBSCORE_S3_URL</c> names).</summary>
    public static DatasetManifest Derivatives(string region, IReadOnlyList<string> subjects, S3Source? s3 = null)
    {
        s3 ??= new S3Source(Bucket);
        var files = subjects.SelectMany(s => new BmdSubjectFiles(s).For(region)).Distinct(StringComparer.Ordinal)
            .Select(relative => new RemoteFile(s3.Url(GlmPrefix + relative), $"{GlmFolder}/{relative}"))
            .ToList();
        return new DatasetManifest(DerivativesName, files);
    }

    /// <summary>The clips: stimulus_set.zip, unpacked to <c>stimulus_set/mp4_h264/0001.mp4</c> … <c>1102.mp4</c>.</summary>
    public static DatasetManifest Stimuli(string url = StimulusZipUrl) =>
        new(StimulusSetName, [new RemoteFile(url, "stimulus_set.zip")], [new ArchiveEntry("stimulus_set.zip", "extracted", StimulusZipPassword)]);
}
