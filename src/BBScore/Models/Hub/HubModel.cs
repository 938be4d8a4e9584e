using BBScore.Data.Download;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;

namespace BBScore.Models.Hub;

/// <summary>Opens a hub card: downloads its export on first use (unless offline), then runs it as any ONNX file.</summary>
public static class HubModel
{
    public static OnnxFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var files = HubModelFiles.For(card, modelsDir);
        if (!files.IsComplete)
        {
            using var downloader = new Downloader(options.Progress);
            new HubModelFetcher(downloader, options.Progress).Ensure(files, options.Offline);
        }
        return OnnxFileModel.Open(files.GraphPath, options, card.Input, card.Key);
    }

    /// <summary>Fetches (or, offline, checks) a hub card's files; returns their local paths, the graph first.</summary>
    public static IReadOnlyList<string> Download(ModelCard card, string modelsDir, ModelOpenOptions options, CancellationToken ct = default)
    {
        var files = HubModelFiles.For(card, modelsDir);
        using var downloader = new Downloader(options.Progress);
        return new HubModelFetcher(downloader, options.Progress).Ensure(files, options.Offline, ct);
    }
}
