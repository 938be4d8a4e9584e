using System.Formats.Tar;
using System.IO.Compression;
using BBScore.Data.Archives;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

/// <summary>Truncated archives and decompression bombs: an <see cref="InvalidDataException"/> naming the
/// archive, nothing left behind, and never more than <see cref="ReadLimits.ExtractAllowance"/> written.</summary>
public sealed class HostileArchiveTests
{
    /// <summary>100 MiB of zeros: about 100 KB deflated, so past the 64 MiB floor and 100× the archive.</summary>
    const int BombBytes = 100 << 20;

    static string Zip(string dir, string name, int zeros)
    {
        string path = Path.Combine(dir, name);
        using var z = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var s = z.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open()) s.Write(new byte[zeros]);
        using (var s = z.CreateEntry("b.txt").Open()) s.Write("hello"u8);
        return path;
    }

    static void AssertRefused(string archive, string target, string? expected = null)
    {
        var e = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(archive, target));
        Assert.StartsWith(archive + ":", e.Message);
        if (expected is not null) Assert.Contains(expected, e.Message);
        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(target + ".extracting"));
    }

    [Fact]
    public void A_truncated_zip_names_the_file()
    {
        using var dir = new TempDir();
        string whole = Zip(dir.Path, "whole.zip", 1000);
        byte[] bytes = File.ReadAllBytes(whole);
        string cut = Path.Combine(dir.Path, "images.zip");
        foreach (int length in new[] { 0, 10, bytes.Length / 2, bytes.Length - 10 })
        {
            File.WriteAllBytes(cut, bytes[..length]);
            AssertRefused(cut, Path.Combine(dir.Path, "out"), "not a complete zip archive");
        }
    }

    [Fact]
    public void A_truncated_password_zip_names_the_file()
    {
        using var dir = new TempDir();
        byte[] bytes = File.ReadAllBytes(Zip(dir.Path, "whole.zip", 1000));
        string cut = Path.Combine(dir.Path, "p.zip");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(cut, Path.Combine(dir.Path, "out"), password: "x"));
        Assert.StartsWith(cut + ":", e.Message);
    }

    [Fact]
    public void A_zip_bomb_stops_at_the_allowance()
    {
        using var dir = new TempDir();
        string bomb = Zip(dir.Path, "bomb.zip", BombBytes);
        Assert.True(new FileInfo(bomb).Length * ReadLimits.MaxExtractRatio < ReadLimits.MinExtractAllowance);
        AssertRefused(bomb, Path.Combine(dir.Path, "out"), "decompression bomb");
    }

    static string TarGz(string dir, int zeros)
    {
        string path = Path.Combine(dir, "a.tar.gz");
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Optimal);
        using var w = new TarWriter(gz);
        w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros.bin") { DataStream = new MemoryStream(new byte[zeros]) });
        return path;
    }

    [Fact]
    public void A_tar_gz_bomb_stops_at_the_allowance()
    {
        using var dir = new TempDir();
        AssertRefused(TarGz(dir.Path, BombBytes), Path.Combine(dir.Path, "out"), "decompression bomb");
    }

    [Fact]
    public void A_truncated_tar_gz_names_the_file()
    {
        using var dir = new TempDir();
        string whole = TarGz(dir.Path, 5000);
        byte[] bytes = File.ReadAllBytes(whole);
        foreach (int length in new[] { 5, bytes.Length / 2, bytes.Length - 3 })
        {
            File.WriteAllBytes(whole, bytes[..length]);
            AssertRefused(whole, Path.Combine(dir.Path, "out"));
        }
    }

    static string Tar(string dir, params (TarEntryType Type, string Name)[] entries)
    {
        string path = Path.Combine(dir, "entries.tar");
        using var f = File.Create(path);
        using var w = new TarWriter(f);
        foreach (var (type, name) in entries)
        {
            var entry = new PaxTarEntry(type, name);
            if (type != TarEntryType.Directory) entry.DataStream = new MemoryStream("x"u8.ToArray());
            w.WriteEntry(entry);
        }
        return path;
    }

    [Fact]
    public void A_file_entry_under_a_name_the_archive_already_used_for_a_file_is_refused()
    {
        using var dir = new TempDir();
        string tar = Tar(dir.Path, (TarEntryType.RegularFile, "data"), (TarEntryType.RegularFile, "data/x.bin"));
        AssertRefused(tar, Path.Combine(dir.Path, "out"), "needs a folder where the archive already put a file (data)");
    }

    [Fact]
    public void A_file_entry_named_like_a_folder_entry_is_refused()
    {
        using var dir = new TempDir();
        string tar = Tar(dir.Path, (TarEntryType.Directory, "data/"), (TarEntryType.RegularFile, "data"));
        AssertRefused(tar, Path.Combine(dir.Path, "out"), "is a file whose name is also a folder's");
    }

    [Fact]
    public void An_entry_name_with_a_nul_character_is_refused()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "nul.zip");
        using (var z = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var s = z.CreateEntry("a\0b.txt").Open()) s.Write("hello"u8);
        AssertRefused(path, Path.Combine(dir.Path, "out"), "has a name no file may have");
        var e = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(path, Path.Combine(dir.Path, "out"), password: "x"));
        Assert.Contains("'a?b.txt' has a name no file may have", e.Message);
    }

    [Fact]
    public void A_zip_claiming_192_bit_aes_is_refused_by_name()
    {
        // Fuzzing found it: a valid AES zip whose strength byte says 192 bits made SharpZipLib throw a bare Exception.
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "aes192.zip");
        using (var zs = new ICSharpCode.SharpZipLib.Zip.ZipOutputStream(File.Create(path)) { Password = "x" })
        {
            zs.PutNextEntry(new ICSharpCode.SharpZipLib.Zip.ZipEntry("clip.mp4") { AESKeySize = 256 });
            zs.Write("hello"u8);
        }
        byte[] bytes = File.ReadAllBytes(path);
        // The AES extra field (0x9901, 7 bytes: version, "AE", strength, method) appears in the local and the central
        // header; strength 3 (256 bits) becomes 2 (192 bits) in both.
        int patched = 0;
        for (int i = 0; i + 9 <= bytes.Length; i++)
            if (bytes[i] == 0x01 && bytes[i + 1] == 0x99 && bytes[i + 2] == 7 && bytes[i + 6] == (byte)'A' && bytes[i + 7] == (byte)'E' && bytes[i + 8] == 3)
            {
                bytes[i + 8] = 2;
                patched++;
            }
        Assert.Equal(2, patched);
        File.WriteAllBytes(path, bytes);
        string target = Path.Combine(dir.Path, "out");
        var e = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(path, target, password: "x"));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("192-bit AES", e.Message);
        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(target + ".extracting"));
    }
}
