namespace BBScore.Formats;

/// <summary>Copies a decompressing stream while counting, so a bomb (or a member larger than it
/// declares) is refused as soon as it passes its allowance, not after it has filled memory or disk.</summary>
public static class BoundedCopy
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>; throws an
    /// <see cref="InvalidDataException"/> naming <paramref name="source"/> once more than
    /// <paramref name="limit"/> bytes come out (<paramref name="why"/> says what the limit is).
    /// Returns the bytes copied.</summary>
    public static long Copy(Stream input, Stream output, long limit, string source, string why)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = Read(input, buffer, source)) > 0)
        {
            total += n;
            if (total > limit)
                throw new InvalidDataException($"{source}: decompresses to more than {limit} bytes ({why}); the file is corrupt or a decompression bomb.");
            output.Write(buffer, 0, n);
        }
        return total;
    }

    /// <summary>One read from a decompressing stream: a corrupt deflate stream makes zlib fail with a ZLibException (an
    /// IOException) that does not name the file; it is damage of the source, so it becomes an InvalidDataException.</summary>
    static int Read(Stream input, byte[] buffer, string source)
    {
        try
        {
            return input.Read(buffer, 0, buffer.Length);
        }
        catch (IOException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the compressed data is corrupt ({e.Message}).", e);
        }
    }

    /// <summary>The whole of <paramref name="input"/> in memory, at most <paramref name="limit"/> bytes
    /// (never more than one array holds).</summary>
    public static byte[] ToArray(Stream input, long limit, string source, string why)
    {
        using var output = new MemoryStream();
        Copy(input, output, Math.Min(limit, Array.MaxLength), source, limit > Array.MaxLength ? "more than one array holds" : why);
        return output.ToArray();
    }
}
