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
        _pixels = pixels;
    }

    byte[]? _pixels;
    bool _pooled;

    public int Width { get; }
    public int Height { get; }

    /// <summary>R,G,B bytes per pixel, rows top to bottom.</summary>
    public byte[] Pixels => _pixels ?? throw new ObjectDisposedException(nameof(RgbImage),
        $"This {Width}x{Height} image's pixels were returned to the buffer pool; it must not be used after Recycle().");

    /// <summary>An image whose pixel array comes from a pool of reused buffers; its contents are undefined until written.
    /// Whoever ends its use may <see cref="Recycle"/> it; one that is never recycled is simply collected.</summary>
    public static RgbImage RentPooled(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Image size must be positive.");
        return Pooled(width, height, PixelBufferPool.Rent(checked(width * height * 3)));
    }

    /// <summary>Wraps an array nothing else refers to, so that <see cref="Recycle"/> may pool it.</summary>
    internal static RgbImage Pooled(int width, int height, byte[] pixels) => new(width, height, pixels) { _pooled = true };

    /// <summary>Empties the pool of reused pixel buffers; the extractor calls it when a run's batches are done.</summary>
    public static void ReleasePooledBuffers() => PixelBufferPool.Clear();

    /// <summary>Gives a pooled image's pixel array back for reuse (no effect on other images). Call it only where
    /// nothing else can still hold the image: the owner of a decoded stimulus after its batch has run, or a
    /// preprocessor for its own intermediates.</summary>
    public void Recycle()
    {
        if (!_pooled) return;
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels != null) PixelBufferPool.Return(pixels);
    }
}
