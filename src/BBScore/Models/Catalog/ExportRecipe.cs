using System.Text.RegularExpressions;

namespace BBScore.Models.Catalog;

/// <summary>The exact command that makes a key's ONNX file at <c>$BBSCORE_HOME/models/&lt;key&gt;/model.onnx</c>
/// with <c>tools/export_onnx.py</c>, for every key this version cannot fetch and run by itself. Keys whose
/// network exists only in the original's code are exported from the original's own registry
/// (<c>--source bbscore</c>, run inside a checkout of neuroailab/bbscore_public). The GLM vision-language
/// keys have their own source (<c>--source glm</c>): the export bakes in the original's chat prompt, so the
/// graph takes one image like any image model.</summary>
public static partial class ExportRecipe
{
    public const string Script = "python3 tools/export_onnx.py";

    /// <summary>The shell command (one line) that writes the key's export.</summary>
    public static string Command(ModelCard card)
    {
        string origin = card.Source.Origin;
        string key = Quote(card.Key);
        if (card.Family == GlmFamily)
            return $"{Script} --source glm --name {origin[3..].Trim()} --key {key}";
        if (origin.StartsWith("HF ", StringComparison.Ordinal))
            return $"{Script} --source transformers --name {origin[3..].Trim()} --input {card.KindText}{Frames(card)} --key {key}";
        if (TorchvisionHub().Match(origin) is { Success: true } hub)
            return $"{Script} --source torchvision --name {hub.Groups[1].Value}{(origin.Contains("untrained", StringComparison.Ordinal) ? " --random-weights" : "")} --key {key}";
        if (origin.StartsWith("timm ", StringComparison.Ordinal))
            return $"{Script} --source timm --name {origin[5..].Trim()} --key {key}";
        // By key: these cards' origin is the published .pth URL once the key runs from it in C#.
        if (TorchvisionVideo.Contains(card.Key))
            return $"{Script} --source torchvision-video --name {card.Key}{Frames(card)} --key {key}";
        if (card.Source.Kind == SourceKind.S3Checkpoint && ScalingArchitecture(card.Key) is { } scaling)
        {
            string file = Path.GetFileName(origin);
            return $"curl -fLo {file} {origin} && {Script} --source {scaling.Source} --name {scaling.Name}{scaling.Extra} --checkpoint {file} --key {key}";
        }
        return $"{Script} --source bbscore --name {key} --input {card.KindText}{Frames(card)} --key {key}   (inside a checkout of neuroailab/bbscore_public with its requirements)";
    }

    /// <summary>The original's GLM-4V wrapper family (HF origins, exported with the prompt baked in).</summary>
    const string GlmFamily = "GLM";

    /// <summary>torchvision.models.video builders whose names are the keys themselves.</summary>
    static readonly HashSet<string> TorchvisionVideo = ["mc3_18", "r2plus1d_18", "r3d_18", "s3d", "mvit_v1_b", "mvit_v2_s", "swin3d_b", "swin3d_s", "swin3d_t"];

    /// <summary>The torchvision/timm architecture of a scaling key whose checkpoint this version does not load itself.</summary>
    static (string Source, string Name, string Extra)? ScalingArchitecture(string key)
    {
        if (EfficientNet().Match(key) is { Success: true } effnet) return ("torchvision", $"efficientnet_{effnet.Groups[1].Value}", "");
        if (Deit().Match(key) is { Success: true } deit) return ("timm", $"deit3_{deit.Groups[1].Value}_patch16_224", " --ema");
        return null;
    }

    static string Frames(ModelCard card) =>
        card.Input == InputKind.Video && FrameCount().Match(card.Preprocessing) is { Success: true } m ? $" --frames {m.Groups[1].Value}" : "";

    static string Quote(string text) => text.Contains(' ', StringComparison.Ordinal) ? $"'{text}'" : text;

    [GeneratedRegex(@"^torch\.hub pytorch/vision\S* (\w+)")]
    private static partial Regex TorchvisionHub();

    [GeneratedRegex(@"^efficientnet_(b\d)_")]
    private static partial Regex EfficientNet();

    [GeneratedRegex(@"^deit_(small|base|large)_")]
    private static partial Regex Deit();

    [GeneratedRegex(@"(\d+) frames")]
    private static partial Regex FrameCount();
}
