using BBScore.Data.Download;
using BBScore.Models.Catalog;

namespace BBScore.Models.WeightFree;

/// <summary>Weight-free models computed directly: <c>pixel</c>, <c>hmax</c>, <c>motion-energy</c>.</summary>
public sealed class WeightFreeModelFamily : IOfflineModelFamily
{
    static readonly HashSet<string> Keys = new([PixelModel.Key, HmaxModel.Key, MotionEnergyModel.Key], StringComparer.Ordinal);

    public bool Supports(ModelCard card) => Keys.Contains(card.Key);

    public string Status(ModelCard card, string modelsDir) => card.Key switch
    {
        HmaxModel.Key => File.Exists(HmaxPatchSet.LocalPath(modelsDir)) ? "ready (universal patches)" : "ready (offline, seeded patches)",
        _ => "ready (offline)",
    };

    /// <summary>Opens the model. hmax reads the universal patch set from <c>&lt;models&gt;/hmax/</c>; when it is
    /// missing and downloads are allowed, one attempt fetches it from the original's public bucket, and if that
    /// fails the seeded stand-in is used (its identity says so, so features are never mixed).</summary>
    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir) => card.Key switch
    {
        PixelModel.Key => new PixelModel(),
        MotionEnergyModel.Key => new MotionEnergyModel(),
        HmaxModel.Key => new HmaxModel(UniversalPatches(options, modelsDir)),
        _ => throw new NotSupportedException($"{card.Key} is not a weight-free model."),
    };

    static HmaxPatchSet? UniversalPatches(ModelOpenOptions options, string modelsDir)
    {
        string path = HmaxPatchSet.LocalPath(modelsDir);
        if (!File.Exists(path) && !options.Offline)
        {
            // The original's models bucket (BBSCORE_GCS_URL mirrors it; BBSCORE_DATA_URL is the datasets bucket only).
            var file = new GcsSource(bucket: HmaxPatchSet.Bucket).File(HmaxPatchSet.BucketObject, HmaxPatchSet.FileName);
            try
            {
                using var downloader = new Downloader(options.Progress, new DownloadOptions { MaxAttempts = 1 });
                downloader.Download(file, path, label: "hmax universal patch set");
            }
            catch (Exception e) when (e is DownloadException or IOException or HttpRequestException or UnauthorizedAccessException or OperationCanceledException)
            {
                options.Progress?.Warn($"hmax: the universal patch set could not be fetched ({e.Message}); using the seeded patch set. " +
                                       $"Place {HmaxPatchSet.FileName} at {path} to use the original's patches.");
                return null;
            }
        }
        return File.Exists(path) ? HmaxPatchSet.Load(path) : null;
    }
}
