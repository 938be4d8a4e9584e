using System.Text.Json;
using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>Reads a Hugging Face <c>preprocessor_config.json</c> into an <see cref="ImagePreprocessSpec"/>.
/// Honoured keys: do_resize, size (shortest_edge [+ longest_edge] or height/width, or a bare number),
/// resample, crop_pct (ConvNext processors), do_center_crop, crop_size, do_rescale, rescale_factor,
/// do_normalize, image_mean, image_std. Missing keys take the defaults of transformers' base image
/// processor: resize, rescale by 1/255 and normalise are on; bilinear resampling; ImageNet mean and std.</summary>
public static class HuggingFacePreprocessorConfig
{
    public const string FileName = "preprocessor_config.json";

    public static ImagePreprocessSpec Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        try
        {
            return Parse(document.RootElement);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static ImagePreprocessSpec Parse(JsonElement root)
    {
        string processor = String(root, "image_processor_type") ?? String(root, "feature_extractor_type") ?? "image processor";
        string origin = $"{FileName} ({processor})";
        bool doCenterCrop = Bool(root, "do_center_crop") ?? false;
        var resample = (PilResampleFilter)(Int(root, "resample") ?? (int)PilResampleFilter.Bilinear);
        if (!Enum.IsDefined(resample)) throw new FormatException($"resample {(int)resample} is not a Pillow filter number (0-5).");

        ResizeRule? resize = null;
        (int, int)? crop = doCenterCrop ? Size(root, "crop_size", bareNumberIsShortestEdge: false) switch
        {
            ResizeToSize s => (s.Height, s.Width),
            null => throw new FormatException("do_center_crop is true but crop_size is missing."),
            _ => throw new FormatException("crop_size must be a number or {height, width}."),
        } : null;
        if (Bool(root, "do_resize") ?? true)
        {
            // A bare number is the shorter side for processors that crop afterwards (CLIP), the square size otherwise (ViT).
            resize = Size(root, "size", bareNumberIsShortestEdge: doCenterCrop);
            if (Double(root, "crop_pct") is double cropPct)
                (resize, crop) = ConvNextResize(processor, resize, cropPct, crop);
        }

        double? rescale = (Bool(root, "do_rescale") ?? true) ? (Double(root, "rescale_factor") ?? 1.0 / 255.0) : null;
        bool normalize = Bool(root, "do_normalize") ?? true;
        (int, int)? pad = (Bool(root, "do_pad") ?? false) ? Size(root, "pad_size", bareNumberIsShortestEdge: false) switch
        {
            ResizeToSize p => (p.Height, p.Width),
            null => null, // processors that pad only to batch images of different sizes
            _ => throw new FormatException("pad_size must be a number or {height, width}."),
        } : null;
        return new ImagePreprocessSpec(origin, resize, resample, crop, rescale,
            normalize ? Channels(root, "image_mean") ?? ImagePreprocessSpec.ImageNetMean : null,
            normalize ? Channels(root, "image_std") ?? ImagePreprocessSpec.ImageNetStd : null,
            pad);
    }

    /// <summary>ConvNextImageProcessor: below 384 px, resize the shorter side to shortest_edge / crop_pct
    /// and centre-crop a shortest_edge square; from 384 px on, resize straight to the square.</summary>
    static (ResizeRule?, (int, int)?) ConvNextResize(string processor, ResizeRule? resize, double cropPct, (int, int)? crop)
    {
        if (!processor.StartsWith("ConvNext", StringComparison.Ordinal))
            throw new FormatException($"crop_pct is only understood for ConvNext processors, not {processor}.");
        if (resize is not ResizeShortestEdge { ShortestEdge: var edge }) return (resize, crop);
        return edge < 384
            ? (new ResizeShortestEdge((int)(edge / cropPct)), (edge, edge))
            : (new ResizeToSize(edge, edge), crop);
    }

    static ResizeRule? Size(JsonElement root, string key, bool bareNumberIsShortestEdge)
    {
        if (!root.TryGetProperty(key, out var size) || size.ValueKind == JsonValueKind.Null) return null;
        if (size.ValueKind == JsonValueKind.Number)
            return bareNumberIsShortestEdge ? new ResizeShortestEdge(size.GetInt32()) : new ResizeToSize(size.GetInt32(), size.GetInt32());
        if (size.ValueKind != JsonValueKind.Object) throw new FormatException($"{key} must be a number or an object.");
        int? shortest = Int(size, "shortest_edge"), longest = Int(size, "longest_edge");
        int? height = Int(size, "height"), width = Int(size, "width");
        if (height is int h && width is int w) return new ResizeToSize(h, w);
        if (shortest is int s) return new ResizeShortestEdge(s, longest);
        if (longest is int l) return new ResizeLongestEdge(l);
        throw new FormatException($"{key} {size.GetRawText()} is not supported: use shortest_edge (optionally with longest_edge), longest_edge, or height and width.");
    }

    static IReadOnlyList<float>? Channels(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number) return [value.GetSingle(), value.GetSingle(), value.GetSingle()];
        var values = value.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        if (values.Length == 1) return [values[0], values[0], values[0]];
        if (values.Length != 3) throw new FormatException($"{key} must have 1 or 3 values, has {values.Length}.");
        return values;
    }

    static bool? Bool(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    static int? Int(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    static double? Double(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static string? String(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
