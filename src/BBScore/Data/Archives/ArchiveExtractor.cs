using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using BBScore.Progress;
using SharpZip = ICSharpCode.SharpZipLib.Zip;

namespace BBScore.Data.Archives;

/// <summary>Unpacks zip (optionally password-protected), tar.gz / tgz and tar archives, safely:
/// entries go to <c>&lt;target&gt;.extracting</c>, a marker <c>.extracted</c> (archive size and
/// SHA-256) is written there last, and the folder is then renamed to <c>&lt;target&gt;</c>. A target
/// holding the marker is complete and skipped; a leftover <c>.extracting</c> folder (interrupted
/// run) is wiped and the extraction starts over. Entries that would land outside the target
/// (absolute paths, "..", links) are rejected.</summary>
public static class ArchiveExtractor
{
    public const string MarkerName = ".extracted";

    /// <summary>True when <paramref name="targetDir"/> holds a finished extraction.</summary>
    public static bool IsExtracted(string targetDir) => File.Exists(Path.Combine(targetDir, MarkerName));

    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="targetDir"/> unless already done.
    /// Returns false when it was skipped.</summary>
    public static bool Extract(string archivePath, string targetDir, string? password = null, IProgressSink? progress = null)
    {
        targetDir = Path.GetFullPath(targetDir.TrimEnd(Path.DirectorySeparatorChar, '/'));
        if (IsExtracted(targetDir)) return false;
        if (!File.Exists(archivePath))
            throw new FileNotFoundException($"Archive {archivePath} is missing, so {targetDir} cannot be extracted. Download it again.", archivePath);
        progress ??= SilentProgress.Instance;

        string temp = targetDir + ".extracting";
        if (Directory.Exists(temp))
        {
            progress.Info($"Removing an interrupted extraction at {temp}.");
            Directory.Delete(temp, recursive: true);
        }
        Directory.CreateDirectory(temp);
        try
        {
            Unpack(archivePath, temp, password);
            WriteMarker(archivePath, temp);
            if (Directory.Exists(targetDir)) Directory.Delete(targetDir, recursive: true); // stale, has no marker
            Directory.Move(temp, targetDir);
            return true;
        }
        catch
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { /* retried next run */ }
            throw;
        }
    }

    /// <summary>Unpacks by type. Errors from the archive libraries (a truncated file, a bad header) become
    /// an <see cref="InvalidDataException"/> naming the archive: their own messages do not.</summary>
    static void Unpack(string archivePath, string temp, string? password)
    {
        string name = archivePath.ToLowerInvariant();
        bool zip = name.EndsWith(".zip", StringComparison.Ordinal);
        var budget = new ExtractionBudget(archivePath);
        try
        {
            if (zip) ExtractZip(archivePath, temp, password, budget);
            else if (name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal))
            {
                using var file = File.OpenRead(archivePath);
                using var gz = new CountingStream(new GZipStream(file, CompressionMode.Decompress));
                ExtractTar(gz, temp, budget, archivePath);
                GzipTrailerCheck.Verify(archivePath, gz);
            }
            else if (name.EndsWith(".tar", StringComparison.Ordinal))
            {
                using var file = File.OpenRead(archivePath);
                ExtractTar(file, temp, budget, archivePath);
            }
            else throw new NotSupportedException($"Unknown archive type for {archivePath}: expected .zip, .tar.gz, .tgz or .tar.");
        }
        // Refusals of ours name the archive or the extraction folder already (zip-slip, links, passwords, the budget).
        catch (OutOfMemoryException e)
        {
            // System.Formats.Tar allocates a pax or long-name header of the size its header declares before reading it.
            throw new InvalidDataException($"{archivePath}: an entry header declares more bytes than memory holds; the archive is damaged or hostile.", e);
        }
        catch (Exception e) when (IsArchiveDamage(e) && !e.Message.Contains(archivePath, StringComparison.Ordinal) && !e.Message.Contains(temp, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{archivePath}: not a complete {(zip ? "zip" : "tar")} archive, or one using a feature that cannot be unpacked ({e.Message}).", e);
        }
    }

    /// <summary>What the zip, gzip and tar readers throw for a damaged or truncated archive (fuzzing found each of these;
    /// SharpZipLib indexes past its buffers, System.Formats.Tar rejects size fields with InvalidOperationException and
    /// entry types it cannot read, such as sparse files, with NotSupportedException).
    /// The file system's own errors (IOException, UnauthorizedAccessException) are not among them: they stay
    /// environment errors.</summary>
    static bool IsArchiveDamage(Exception e) =>
        e is InvalidDataException or EndOfStreamException or FormatException or SharpZip.ZipException
            or ICSharpCode.SharpZipLib.SharpZipBaseException or ArgumentException or OverflowException
            or IndexOutOfRangeException or InvalidOperationException or NotSupportedException
        // SharpZipLib also throws bare Exceptions (an AES block size it does not know, found by fuzzing).
        || e.GetType() == typeof(Exception) && e.TargetSite?.DeclaringType?.Assembly == typeof(SharpZip.ZipFile).Assembly;

    static void WriteMarker(string archivePath, string dir)
    {
        string hash;
        using (var s = File.OpenRead(archivePath)) hash = Convert.ToHexStringLower(SHA256.HashData(s));
        long size = new FileInfo(archivePath).Length;
        File.WriteAllText(Path.Combine(dir, MarkerName),
            string.Create(CultureInfo.InvariantCulture, $"archive={Path.GetFileName(archivePath)}\nsize={size}\nsha256={hash}\n"));
    }

    static void ExtractZip(string archivePath, string dir, string? password, ExtractionBudget budget)
    {
        var paths = new ExtractionPaths(dir, archivePath);
        if (password is not null)
        {
            using var zip = new SharpZip.ZipFile(archivePath) { Password = password };
            foreach (SharpZip.ZipEntry entry in zip)
            {
                if (entry.IsDirectory) { paths.Directory(entry.Name); continue; }
                if (!entry.IsFile) continue;
                // WinZip AES allows 128, 192 and 256-bit keys; SharpZipLib decrypts only 128 and 256 (with a bare Exception for 192).
                if (entry.AESKeySize is not (0 or 128 or 256))
                    throw new InvalidDataException(
                        $"{archivePath}: entry '{entry.Name}' is encrypted with {entry.AESKeySize}-bit AES, which cannot be decrypted here " +
                        "(128 and 256-bit AES and ZipCrypto can); re-pack the zip with one of those, or the file is damaged: delete it and download it again.");
                string path = paths.File(entry.Name);
                using var input = zip.GetInputStream(entry);
                budget.CopyTo(input, path, entry.Name);
            }
            return;
        }
        using var archive = ZipFile.OpenRead(archivePath);
        foreach (var entry in archive.Entries)
        {
            // Checked up front: decoding encrypted bytes without the password fails only most of the time
            // (the encryption header is random, and the garbage occasionally inflates).
            if (entry.IsEncrypted)
                throw new InvalidDataException(
                    $"Cannot extract '{entry.FullName}' from {archivePath}: the zip is password-protected; give its password in the dataset manifest.");
            if (entry.FullName.EndsWith('/')) { paths.Directory(entry.FullName); continue; }
            string path = paths.File(entry.FullName);
            try
            {
                using var input = entry.Open();
                budget.CopyTo(input, path, entry.FullName);
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException && !e.Message.StartsWith(archivePath, StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"Cannot extract '{entry.FullName}' from {archivePath}: {e.Message} If the zip is password-protected, " +
                    "give its password in the dataset manifest.", e);
            }
        }
    }

    static void ExtractTar(Stream stream, string dir, ExtractionBudget budget, string archivePath)
    {
        var paths = new ExtractionPaths(dir, archivePath);
        using var reader = new TarReader(stream, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    paths.Directory(entry.Name);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    budget.CopyTo(entry.DataStream ?? Stream.Null, paths.File(entry.Name), entry.Name);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw new InvalidDataException(
                        $"{archivePath}: archive entry '{entry.Name}' is a link to '{entry.LinkName}'; links are not extracted because they " +
                        "could point outside the extraction folder.");
                default:
                    break; // metadata entries (pax headers, long names) are handled by TarReader
            }
        }
    }
}
