using System.Globalization;
using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>The steps of a Hugging Face style image processor, in its order: resize (Pillow), centre
/// crop, rescale, normalise. Null steps are skipped.</summary>
/// <param name="Origin">Where the settings come from, e.g. <c>preprocessor_config.json (ViTImageProcessor)</c>.</param>
/// <param name="Resize">Resize rule, or null for none.</param>
/// <param name="Resample">Pillow filter used by the resize.</param>
/// <param name="CenterCropSize">(height, width) of the centre crop, or null for none.</param>
/// <param name="RescaleFactor">Factor applied to the 0..255 pixel values, or null for none.</param>
/// <param name="Mean">Per-channel mean (R, G, B) subtracted after rescaling, or null for no normalisation.</param>
/// <param name="Std">Per-channel standard deviation divided by after subtracting the mean.</param>
/// <param name="PadSize">(height, width) the normalised image is zero-padded to at the bottom and right
/// (SAM's processor), or null for none.</param>
public sealed record ImagePreprocessSpec(
    string Origin,
    ResizeRule? Resize,
    PilResampleFilter Resample,
    (int Height, int Width)? CenterCropSize,
    double? RescaleFactor,
    IReadOnlyList<float>? Mean,
    IReadOnlyList<float>? Std,
    (int Height, int Width)? PadSize = null)
{
    public static readonly IReadOnlyList<float> ImageNetMean = [0.485f, 0.456f, 0.406f];
    public static readonly IReadOnlyList<float> ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>What torchvision's ImageNet models expect: RGB scaled to [0, 1], normalised by the
    /// ImageNet mean and std, at the graph's input size (resized with Pillow bilinear only when the
    /// image differs).</summary>
    public static ImagePreprocessSpec ImageNetDefault(int height, int width) =>
        new("ImageNet default (no preprocessor_config.json beside the model)", new ResizeToSize(height, width),
            PilResampleFilter.Bilinear, null, 1.0 / 255.0, ImageNetMean, ImageNetStd);

    public string Describe()
    {
        var steps = new List<string>();
        if (Resize != null)
            steps.Add($"{Resize.Describe()}, only when the size differs (Pillow {Resample.ToString().ToLowerInvariant()}, antialiased)");
        if (CenterCropSize is var (h, w)) steps.Add($"center crop {w}x{h} (zero padding if larger than the image)");
        steps.Add("RGB");
        steps.Add(RescaleFactor is double f ? $"rescale x{Number(f)}" : "no rescaling (values 0..255)");
        steps.Add(Mean != null && Std != null
            ? $"normalize mean ({string.Join(", ", Mean.Select(v => Number(v)))}) std ({string.Join(", ", Std.Select(v => Number(v)))})"
            : "no normalization");
        if (PadSize is var (padHeight, padWidth)) steps.Add($"zero-pad bottom and right to {padWidth}x{padHeight}");
        steps.Add("float32 NCHW");
        return $"{Origin}: {string.Join("; ", steps)}";
    }

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
