using System.Globalization;
using BBScore.Data.Archives;
using BBScore.Data.Download;

namespace BBScore.Data;

/// <summary>
/// What happens to a downloaded file that fails to parse or unpack: it is moved aside (kept once, for
/// inspection, as <c>&lt;file&gt;.damaged</c>), never left in place looking ready, and the error names it
/// and says that the next run fetches it again (a missing file is downloaded on the next run).
/// </summary>
public static class DamagedDataFile
{
    public const string Suffix = ".damaged";

    /// <summary>Runs <paramref name="read"/> on a downloaded file; a format error moves the file aside.</summary>
    public static T Read<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e) when (File.Exists(path))
        {
            throw MoveAside(path, e);
        }
    }

    /// <summary>Runs <paramref name="read"/> on files unpacked from <paramref name="archivePath"/> into
    /// <paramref name="extractedDir"/>; a format error removes the extraction and moves the archive aside, so
    /// the next run downloads and unpacks it again.</summary>
    public static T ReadExtracted<T>(string archivePath, string extractedDir, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            string marker = Path.Combine(extractedDir, ArchiveExtractor.MarkerName);
            if (File.Exists(marker)) File.Delete(marker); // no longer "ready": unpacked again next time
            if (!File.Exists(archivePath))
                throw new InvalidDataException($"{e.Message.TrimEnd('.')}. The files unpacked from {archivePath} are damaged; " +
                                               "they will be downloaded and unpacked again on the next run.", e);
            throw MoveAside(archivePath, e);
        }
    }

    /// <summary>Moves <paramref name="path"/> to <c>path.damaged</c> (replacing an older damaged copy) and
    /// returns the error to throw.</summary>
    public static InvalidDataException MoveAside(string path, Exception cause)
    {
        string aside = path + Suffix;
        File.Move(path, aside, overwrite: true);
        VerifiedStamp.Delete(path);
        string problem = cause.Message.TrimEnd('.');
        if (!problem.Contains(path, StringComparison.Ordinal)) problem = string.Create(CultureInfo.InvariantCulture, $"{path}: {problem}");
        return new InvalidDataException(
            $"{problem}. The file is damaged (an interrupted or corrupted download?); it was moved to {aside} and will be downloaded again on the next run.",
            cause);
    }
}
