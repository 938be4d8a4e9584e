using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using BBScore.Data.Archives;
using BBScore.Tests.Support;
using SharpZip = ICSharpCode.SharpZipLib.Zip;

namespace BBScore.Tests.Data;

public sealed class ArchiveExtractorTests
{
    static string MakeZip(string dir, params (string Name, string Text)[] entries)
    {
        string path = Path.Combine(dir, "a.zip");
        using var z = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
            using (var w = new StreamWriter(z.CreateEntry(name).Open())) w.Write(text);
        return path;
    }

    [Fact]
    public void Extracts_a_zip_and_skips_it_the_second_time()
    {
        using var dir = new TempDir();
        string zip = MakeZip(dir.Path, ("x/one.txt", "1"), ("two.txt", "2"));
        string target = Path.Combine(dir.Path, "out");
        Assert.True(ArchiveExtractor.Extract(zip, target));
        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "x", "one.txt")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(target, "two.txt")));
        string marker = File.ReadAllText(Path.Combine(target, ArchiveExtractor.MarkerName));
        Assert.Contains($"size={new FileInfo(zip).Length}", marker);
        Assert.Contains("sha256=", marker);
        Assert.False(Directory.Exists(target + ".extracting"));
        Assert.False(ArchiveExtractor.Extract(zip, target));
    }

    [Fact]
    public void Extracts_a_password_protected_zip()
    {
        using var dir = new TempDir();
        string zip = Path.Combine(dir.Path, "p.zip");
        using (var zs = new SharpZip.ZipOutputStream(File.Create(zip)) { Password = "s3cret" })
        {
            zs.PutNextEntry(new SharpZip.ZipEntry("secret.txt"));
            zs.Write(Encoding.UTF8.GetBytes("hidden"));
            zs.CloseEntry();
        }
        string target = Path.Combine(dir.Path, "out");
        var error = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(zip, target));
        Assert.Contains("password", error.Message);
        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(target + ".extracting"));
        ArchiveExtractor.Extract(zip, target, password: "s3cret");
        Assert.Equal("hidden", File.ReadAllText(Path.Combine(target, "secret.txt")));
    }

    [Fact]
    public void Extracts_a_tar_gz()
    {
        using var dir = new TempDir();
        string tgz = Path.Combine(dir.Path, "a.tar.gz");
        using (var gz = new GZipStream(File.Create(tgz), CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "d/"));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "d/f.txt") { DataStream = new MemoryStream("tar!"u8.ToArray()) });
        }
        string target = Path.Combine(dir.Path, "out");
        ArchiveExtractor.Extract(tgz, target);
        Assert.Equal("tar!", File.ReadAllText(Path.Combine(target, "d", "f.txt")));
        Assert.True(ArchiveExtractor.IsExtracted(target));
    }

    [Fact]
    public void An_interrupted_extraction_starts_over()
    {
        using var dir = new TempDir();
        string zip = MakeZip(dir.Path, ("one.txt", "1"));
        string target = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(target + ".extracting");
        File.WriteAllText(Path.Combine(target + ".extracting", "junk.txt"), "left over");
        Directory.CreateDirectory(target); // a stale target without marker is replaced too
        File.WriteAllText(Path.Combine(target, "stale.txt"), "old");
        Assert.True(ArchiveExtractor.Extract(zip, target));
        string[] names = Directory.GetFiles(target).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([ArchiveExtractor.MarkerName, "one.txt"], names);
        Assert.False(Directory.Exists(target + ".extracting"));
    }

    [Fact]
    public void Zip_slip_entries_are_rejected()
    {
        using var dir = new TempDir();
        string zip = MakeZip(dir.Path, ("ok.txt", "fine"), ("../evil.txt", "bad"));
        string target = Path.Combine(dir.Path, "out");
        var e = Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(zip, target));
        Assert.Contains("zip-slip", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "evil.txt")));
        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(target + ".extracting"));
    }

    [Fact]
    public void Tar_entries_escaping_the_target_are_rejected()
    {
        using var dir = new TempDir();
        string tar = Path.Combine(dir.Path, "a.tar");
        using (var f = File.Create(tar))
        using (var w = new TarWriter(f))
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../evil.txt") { DataStream = new MemoryStream("x"u8.ToArray()) });
        Assert.Throws<InvalidDataException>(() => ArchiveExtractor.Extract(tar, Path.Combine(dir.Path, "out")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "..", "evil.txt")));
    }
}
