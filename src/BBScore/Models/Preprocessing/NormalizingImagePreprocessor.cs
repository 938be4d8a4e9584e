using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>Runs an <see cref="ImagePreprocessSpec"/> with the arithmetic of transformers' image
/// processors: Pillow resize on 8-bit pixels, crop, then <c>float32(pixel * factor)</c> and
/// <c>(x - mean) / std</c> in float32.</summary>
public sealed class NormalizingImagePreprocessor : IImagePreprocessor
{
    readonly ImagePreprocessSpec _spec;
    readonly float[] _mean, _std;
    // A pixel is one of 256 bytes, so each channel's arithmetic is done once per byte value, ahead of time.
    readonly float[][] _tables;

    public NormalizingImagePreprocessor(ImagePreprocessSpec spec)
    {
        if ((spec.Mean == null) != (spec.Std == null)) throw new ArgumentException("Mean and std must be given together.", nameof(spec));
        if (spec.Mean is { Count: not 3 } || spec.Std is { Count: not 3 })
            throw new ArgumentException("Mean and std need one value per RGB channel.", nameof(spec));
        _spec = spec;
        _mean = spec.Mean?.ToArray() ?? [0f, 0f, 0f];
        _std = spec.Std?.ToArray() ?? [1f, 1f, 1f];
        Description = spec.Describe();
        _tables = [ValueTable(0), ValueTable(1), ValueTable(2)];
    }

    /// <summary>The network input for every byte value of channel <paramref name="c"/>, computed exactly as
    /// transformers does it: <c>float32(pixel * factor)</c>, then <c>(x - mean) / std</c> in float32.</summary>
    float[] ValueTable(int c)
    {
        bool normalize = _spec.Mean != null, rescale = _spec.RescaleFactor != null;
        double factor = _spec.RescaleFactor ?? 1.0;
        var table = new float[256];
        for (int pixel = 0; pixel < 256; pixel++)
        {
            float value = rescale ? (float)(pixel * factor) : pixel;
            table[pixel] = normalize ? (value - _mean[c]) / _std[c] : value;
        }
        return table;
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
        var resized = image;
        if (_spec.Resize != null)
        {
            var (height, width) = _spec.Resize.TargetSize(image.Height, image.Width);
            // A crop inside the resized image is resized alone: the pixels it drops are never computed.
            var window = _spec.CenterCropSize is var (h, w) ? CenterCrop.Inside(height, width, h, w) : null;
            resized = PilImageResizer.Resize(image, width, height, _spec.Resample, window ?? PixelWindow.Whole(width, height));
        }
        var prepared = _spec.CenterCropSize is var (cropHeight, cropWidth) ? CenterCrop.Apply(resized, cropHeight, cropWidth) : resized;
        WriteNormalised(prepared, destination, OutputSize(image));
        // The intermediates are this method's own (never the caller's image): their buffers go back to the pool.
        if (!ReferenceEquals(resized, image)) resized.Recycle();
        if (!ReferenceEquals(prepared, resized) && !ReferenceEquals(prepared, image)) prepared.Recycle();
    }

    void WriteNormalised(RgbImage prepared, Span<float> destination, (int Height, int Width) outputSize)
    {
        var (outHeight, outWidth) = outputSize;
        int plane = outWidth * outHeight;
        if (destination.Length != 3 * plane)
            throw new ArgumentException($"Destination holds {destination.Length} values, expected {3 * plane}.", nameof(destination));
        // Padding (bottom and right) holds zeros after normalisation, as SAM's processor pads.
        if (outWidth != prepared.Width || outHeight != prepared.Height) destination.Clear();
        byte[] rgb = prepared.Pixels;
        for (int c = 0; c < 3; c++)
        {
            var output = destination.Slice(c * plane, plane);
            var table = _tables[c];
            for (int y = 0; y < prepared.Height; y++)
            {
                var row = output.Slice(y * outWidth, prepared.Width);
                int source = y * prepared.Width * 3 + c;
                for (int x = 0; x < row.Length; x++) row[x] = table[rgb[source + 3 * x]];
            }
        }
    }
}
