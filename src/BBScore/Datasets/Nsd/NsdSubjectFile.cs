using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Datasets.Nsd;

/// <summary>Where an NSD subject's pickle (<c>&lt;subj&gt;_nativesurface_nsdgeneral.pkl</c>) comes from and
/// where it is stored: first the public GCS bucket (<c>bbscore_datasets/nsd/&lt;file&gt;</c>), then, if that
/// fails, the original's Google Drive copy; stored under <c>&lt;datasets&gt;/NSDAssembly/</c>. Only the four
/// subjects that saw all shared images are available.</summary>
public sealed class NsdSubjectFile(GcsSource? gcs = null, GoogleDriveSource? drive = null)
{
    public const string DatasetName = "NSDAssembly";

    /// <summary>The allowed subjects, in the original's default order, with their Google Drive ids.</summary>
    public static readonly IReadOnlyList<(string Subject, string DriveId)> Subjects =
    [
        ("subj01", "13cRiwhjurCdr4G2omRZSOMO_tmatjdQr"),
        ("subj02", "1MO9reLoV4fqu6Weh4gmE78KJVtxg72ID"),
        ("subj05", "11dPt3Llj6eAEDJnaRy8Ch5CxfeKijX_t"),
        ("subj07", "1HX-6t4c6js6J_vP4Xo0h1fbK2WINpwem"),
    ];

    public static IReadOnlyList<string> SubjectNames { get; } = Subjects.Select(s => s.Subject).ToArray();

    public GcsSource Gcs { get; } = gcs ?? new GcsSource();
    public GoogleDriveSource Drive { get; } = drive ?? new GoogleDriveSource();

    /// <summary>The file name of <paramref name="subject"/>'s pickle; an error for subjects other than the four.</summary>
    public static string FileName(string subject) => $"{Check(subject)}_nativesurface_nsdgeneral.pkl";

    /// <summary><paramref name="subject"/> if allowed, else an error naming the allowed ones.</summary>
    public static string Check(string subject) =>
        SubjectNames.Contains(subject, StringComparer.Ordinal) ? subject
            : throw new ArgumentException(
                $"NSD subject '{subject}' is not available: only {string.Join(", ", SubjectNames)} saw all shared images. Use one of those.",
                nameof(subject));

    /// <summary>The manifest that fetches <paramref name="subject"/>'s file from GCS.</summary>
    public DatasetManifest GcsManifest(string subject) =>
        new(DatasetName, [Gcs.File($"nsd/{FileName(subject)}", FileName(subject))]);

    /// <summary>The manifest that fetches <paramref name="subject"/>'s file from Google Drive (the fallback).</summary>
    public DatasetManifest DriveManifest(string subject) =>
        new(DatasetName, [Drive.File(Subjects.First(s => s.Subject == Check(subject)).DriveId, FileName(subject))]);

    /// <summary>The local path of <paramref name="subject"/>'s file, downloading it first when missing
    /// (GCS, then Google Drive). Offline, a missing file fails with where to get it and where to put it.</summary>
    public string Ensure(DataHome home, string subject, DatasetFetcher fetcher, bool offline = false,
                         IProgressSink? progress = null, CancellationToken ct = default)
    {
        var gcsManifest = GcsManifest(subject);
        string path = Path.Combine(gcsManifest.DirectoryIn(home), FileName(subject));
        try
        {
            fetcher.EnsureAvailable(gcsManifest, offline, ct);
            return path;
        }
        catch (DownloadException gcsError) when (!FallbackPolicy.Allows(Gcs))
        {
            throw new DownloadException(
                $"NSD {subject}: could not download {FileName(subject)} ({gcsError.Message}); the Google Drive copy was not tried because " +
                $"{FallbackPolicy.Reason(Gcs)}. Fix the mirror, or unset it to use the public sources.", gcsError.Url, gcsError.StatusCode, gcsError);
        }
        catch (DownloadException gcsError)
        {
            (progress ?? SilentProgress.Instance).Warn(
                $"NSD {subject}: the GCS copy failed ({gcsError.Message}); trying the Google Drive copy.");
            try
            {
                fetcher.EnsureAvailable(DriveManifest(subject), offline, ct);
                return path;
            }
            catch (DownloadException driveError)
            {
                throw new DownloadException(
                    $"NSD {subject}: could not download {FileName(subject)} from GCS ({gcsError.Message}) nor from Google Drive " +
                    $"({driveError.Message}). Download it by hand from {gcsError.Url} and place it at {path}.",
                    gcsError.Url, gcsError.StatusCode, driveError);
            }
        }
    }
}
