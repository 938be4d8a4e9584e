using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace BBScore.Stimuli;

/// <summary>Decodes JPEG files with the system's libjpeg-turbo through its TurboJPEG API
/// (<c>libturbojpeg.so.0</c>, Debian package <c>libturbojpeg0</c>). Pillow decodes JPEG with
/// libjpeg-turbo too, with the same defaults used here (accurate integer IDCT, fancy chroma
/// upsampling), so the pixels equal <c>Image.open(path).convert("RGB")</c>'s; and it is about three
/// times faster than SkiaSharp's decoder, which matters because decoding runs beside inference.</summary>
/// <remarks>When the library is missing, or for CMYK/YCCK files (which Pillow converts with its own
/// formula), <see cref="TryDecode"/> returns null and the caller decodes with SkiaSharp.</remarks>
public static class TurboJpegDecoder
{
    const string Library = "libturbojpeg.so.0";
    const int PixelFormatRgb = 0; // TJPF_RGB
    const int ColorspaceCmyk = 3, ColorspaceYcck = 4; // TJCS_CMYK, TJCS_YCCK
    const int FlagsDefault = 0; // accurate DCT and fancy upsampling are TurboJPEG's defaults

    // A TurboJPEG handle is not thread-safe; batches decode in parallel, so handles are pooled and
    // reused (they hold only a few kilobytes, and there are never more than the threads decoding).
    static readonly ConcurrentBag<IntPtr> Handles = [];
    static readonly Lazy<bool> Loaded = new(Probe);

    /// <summary>True when libturbojpeg could be loaded on this machine.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>True when <paramref name="bytes"/> start with a JPEG start-of-image marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    /// <summary>The decoded image, or null when this decoder does not apply (library missing, not a JPEG,
    /// CMYK/YCCK colour, or an error or warning from libjpeg-turbo: the caller's decoder then decides).</summary>
    public static RgbImage? TryDecode(byte[] bytes)
    {
        if (!IsJpeg(bytes) || !IsAvailable) return null;
        IntPtr handle = Rent();
        try
        {
            var size = new CULong((nuint)bytes.Length);
            if (Native.tjDecompressHeader3(handle, bytes, size, out int width, out int height, out _, out int colorspace) != 0) return null;
            // Too large: SkiaSharp's path reads the same header and refuses it, naming the file.
            if (colorspace is ColorspaceCmyk or ColorspaceYcck || !ImageFileDecoder.WithinPixelLimit(width, height, bytes.Length)) return null;
            // Every byte is written by the decoder, so a reused buffer needs no clearing.
            var image = RgbImage.RentPooled(width, height);
            if (Native.tjDecompress2(handle, bytes, size, image.Pixels, width, 0, height, PixelFormatRgb, FlagsDefault) == 0) return image;
            image.Recycle();
            return null;
        }
        finally
        {
            Handles.Add(handle);
        }
    }

    static IntPtr Rent()
    {
        if (Handles.TryTake(out var handle)) return handle;
        handle = Native.tjInitDecompress();
        return handle != IntPtr.Zero ? handle : throw new InvalidOperationException("libturbojpeg could not create a decompressor (out of memory?).");
    }

    static bool Probe()
    {
        try
        {
            Handles.Add(Rent());
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    static class Native
    {
        [DllImport(Library)]
        public static extern IntPtr tjInitDecompress();

        [DllImport(Library)]
        public static extern int tjDecompressHeader3(IntPtr handle, byte[] jpeg, CULong size,
            out int width, out int height, out int subsampling, out int colorspace);

        [DllImport(Library)]
        public static extern int tjDecompress2(IntPtr handle, byte[] jpeg, CULong size,
            [Out] byte[] destination, int width, int pitch, int height, int pixelFormat, int flags);
    }
}
