namespace BBScore.Stimuli.Video;

/// <summary>Reads the frames ffmpeg writes with <c>-f image2pipe -c:v ppm</c>: binary PPM images (P6, maxval 255)
/// back to back. Each frame states its own size, so the decoder needs no probe for it, and its pixels are read
/// from the pipe straight into a pooled frame buffer: a clip is never held as one byte array and copied.</summary>
public static class PpmFrameReader
{
    /// <summary>The longest header number accepted (a PPM side or maxval): seven digits is far beyond any clip.</summary>
    const int MaxDigits = 7;

    /// <summary>Every frame of <paramref name="stream"/>, all of one size, at most
    /// <see cref="Formats.ReadLimits.MaxImagePixels"/> pixels each. Malformed output is an
    /// <see cref="InvalidDataException"/> naming <paramref name="file"/>; the frames read so far are recycled.</summary>
    public static List<RgbImage> ReadAll(Stream stream, string file)
    {
        var frames = new List<RgbImage>();
        try
        {
            while (ReadFrame(stream, file, frames.Count) is { } frame)
            {
                frames.Add(frame);
                if (frame.Width != frames[0].Width || frame.Height != frames[0].Height)
                    throw new InvalidDataException(
                        $"{file}: frame {frames.Count - 1} is {frame.Width}x{frame.Height}, frame 0 {frames[0].Width}x{frames[0].Height}; clips whose size changes mid-stream are not supported. Re-encode it at one size.");
            }
            return frames;
        }
        catch
        {
            foreach (var frame in frames) frame.Recycle();
            throw;
        }
    }

    /// <summary>One frame, or null at the end of the stream (end of stream before a header's first byte).</summary>
    static RgbImage? ReadFrame(Stream stream, string file, int index)
    {
        int first = stream.ReadByte();
        if (first < 0) return null;
        if (first != 'P' || stream.ReadByte() != '6') throw Malformed(file, index, "no P6 signature");
        int width = ReadNumber(stream, file, index), height = ReadNumber(stream, file, index), maxValue = ReadNumber(stream, file, index);
        if (maxValue != 255) throw Malformed(file, index, $"maxval {maxValue}, expected 255 (8-bit RGB)");
        if (width <= 0 || height <= 0 || (long)width * height > Formats.ReadLimits.MaxImagePixels)
            throw Malformed(file, index, $"frame size {width}x{height} is outside 1..{Formats.ReadLimits.MaxImagePixels} pixels");
        var frame = RgbImage.RentPooled(width, height);
        try
        {
            stream.ReadExactly(frame.Pixels);
        }
        catch (EndOfStreamException)
        {
            frame.Recycle();
            throw Malformed(file, index, "the frame's pixels end early");
        }
        return frame;
    }

    /// <summary>Whitespace, then decimal digits ended by one whitespace byte (PPM has no comments in ffmpeg's output,
    /// and none are accepted).</summary>
    static int ReadNumber(Stream stream, string file, int index)
    {
        int b = stream.ReadByte();
        while (b is ' ' or '\n' or '\r' or '\t') b = stream.ReadByte();
        int value = 0, digits = 0;
        while (b is >= '0' and <= '9')
        {
            if (++digits > MaxDigits) throw Malformed(file, index, "a header number is too long");
            value = value * 10 + (b - '0');
            b = stream.ReadByte();
        }
        if (digits == 0 || b is not (' ' or '\n' or '\r' or '\t')) throw Malformed(file, index, "a damaged header");
        return value;
    }

    static InvalidDataException Malformed(string file, int index, string what) =>
        new($"{file}: ffmpeg's frame {index} is not a valid PPM image ({what}); the clip may be damaged. Re-encode it or remove it from the stimulus list.");
}
