namespace BBScore.Stimuli;

/// <summary>An 8-bit RGB image, row-major, interleaved (R,G,B per pixel): what decoders and the
/// grating generator produce and what every image preprocessor consumes.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Image size must be positive.");
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"Expected {width * height * 3} bytes for a {width}x{height} RGB image, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>R,G,B bytes per pixel, rows top to bottom.</summary>
    public byte[] Pixels { get; }
}
