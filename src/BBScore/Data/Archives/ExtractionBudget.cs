using BBScore.Formats;

namespace BBScore.Data.Archives;

/// <summary>How many bytes one archive may still extract (<see cref="ReadLimits.ExtractAllowance"/>:
/// 100× its size, at least 64 MiB). Counted as entries are written, so a zip or gzip bomb stops at the
/// allowance instead of filling the disk; declared sizes are not trusted.</summary>
internal sealed class ExtractionBudget(string archivePath)
{
    readonly long _allowance = ReadLimits.ExtractAllowance(new FileInfo(archivePath).Length);
    long _used;

    /// <summary>Copies one entry's data to <paramref name="path"/>, charging it to the budget.</summary>
    public void CopyTo(Stream input, string path, string entryName)
    {
        using var output = File.Create(path);
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            _used += n;
            if (_used > _allowance)
                throw new InvalidDataException(
                    $"{archivePath}: extracting '{entryName}' passes {_allowance} bytes in all, more than {ReadLimits.MaxExtractRatio}× the archive's size " +
                    "(or the 64 MiB every archive may use); the archive is corrupt or a decompression bomb.");
            output.Write(buffer, 0, n);
        }
    }
}
