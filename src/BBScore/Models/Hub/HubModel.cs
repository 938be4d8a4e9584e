using BBScore.Data.Download;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;

namespace BBScore.Models.Hub;

/// <summary>Opens a hub card: downloads its export on first use (unless offline) at a pinned commit (see
/// <see cref="HubModelPinning"/>), then runs it as any ONNX file, with that commit in its identity.</summary>
public static class HubModel
{
    public static HubFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var snapshot = Ensure(card, modelsDir, options, revision: null, CancellationToken.None);
        var model = OnnxFileModel.Open(snapshot.Files.GraphPath, options, card.Input, card.Key);
        return new HubFeatureModel(model, snapshot.Files);
    }

    /// <summary>Fetches (or, offline, checks) a hub card's files; with <paramref name="revision"/> (a commit, or a
    /// branch looked up now) the card's branch is pinned to that commit once its files are all there.</summary>
    public static HubSnapshot Download(ModelCard card, string modelsDir, ModelOpenOptions options, string? revision = null, CancellationToken ct = default) =>
        Ensure(card, modelsDir, options, revision, ct);

    static HubSnapshot Ensure(ModelCard card, string modelsDir, ModelOpenOptions options, string? revision, CancellationToken ct)
    {
        var files = HubModelFiles.For(card, modelsDir);
        using var downloader = new Downloader(options.Progress);
        var pinning = new HubModelPinning(downloader, options.Progress);
        return revision is null ? pinning.Ensure(files, options.Offline, ct) : pinning.Pin(files, revision, options.Offline, ct);
    }
}
