using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>Runs an <see cref="ImagePreprocessSpec"/> with the arithmetic of transformers' image
/// processors: Pillow resize on 8-bit pixels, crop, then <c>float32(pixel * factor)</c> and
/// <c>(x - mean) / std</c> in float32.</summary>
public sealed class NormalizingImagePreprocessor : IImagePreprocessor
{
    readonly ImagePreprocessSpec _spec;
    readonly float[] _mean, _std;

    public NormalizingImagePreprocessor(ImagePreprocessSpec spec)
    {
        if ((spec.Mean == null) != (spec.Std == null)) throw new ArgumentException("Mean and std must be given together.", nameof(spec));
        if (spec.Mean is { Count: not 3 } || spec.Std is { Count: not 3 })
            throw new ArgumentException("Mean and std need one value per RGB channel.", nameof(spec));
        _spec = spec;
        _mean = spec.Mean?.ToArray() ?? [0f, 0f, 0f];
        _std = spec.Std?.ToArray() ?? [1f, 1f, 1f];
        Description = spec.Describe();
    }

    public string Description { get; }

    public (int Height, int Width) OutputSize(RgbImage image)
    {
        var size = _spec.Resize?.TargetSize(image.Height, image.Width) ?? (image.Height, image.Width);
        if (_spec.CenterCropSize is var (h, w)) size = (h, w);
        if (_spec.PadSize is var (padHeight, padWidth)) size = (Math.Max(size.Height, padHeight), Math.Max(size.Width, padWidth));
        return size;
    }

    public void Write(RgbImage image, Span<float> destination)
    {
        var prepared = image;
        if (_spec.Resize != null)
        {
            var (height, width) = _spec.Resize.TargetSize(image.Height, image.Width);
            prepared = PilImageResizer.Resize(prepared, width, height, _spec.Resample);
        }
        if (_spec.CenterCropSize is var (cropHeight, cropWidth)) prepared = CenterCrop.Apply(prepared, cropHeight, cropWidth);

        var (outHeight, outWidth) = OutputSize(image);
        int plane = outWidth * outHeight;
        if (destination.Length != 3 * plane)
            throw new ArgumentException($"Destination holds {destination.Length} values, expected {3 * plane}.", nameof(destination));
        // Padding (bottom and right) holds zeros after normalisation, as SAM's processor pads.
        if (outWidth != prepared.Width || outHeight != prepared.Height) destination.Clear();
        bool normalize = _spec.Mean != null;
        double factor = _spec.RescaleFactor ?? 1.0;
        bool rescale = _spec.RescaleFactor != null;
        byte[] rgb = prepared.Pixels;
        for (int c = 0; c < 3; c++)
        {
            var output = destination.Slice(c * plane, plane);
            float mean = _mean[c], std = _std[c];
            for (int y = 0; y < prepared.Height; y++)
            {
                var row = output.Slice(y * outWidth, prepared.Width);
                int source = y * prepared.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    byte pixel = rgb[(source + x) * 3 + c];
                    float value = rescale ? (float)(pixel * factor) : pixel;
                    row[x] = normalize ? (value - mean) / std : value;
                }
            }
        }
    }
}
