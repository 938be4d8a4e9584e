using System.IO.Compression;
using BBScore.Data;
using BBScore.Data.Archives;
using BBScore.Data.Download;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

public sealed class DatasetFetcherTests
{
    [Fact]
    public void Offline_mode_lists_exactly_the_missing_files_with_urls_and_paths()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var manifest = new DatasetManifest("Toy", [
            new RemoteFile("https://example.invalid/a.bin", "a.bin"),
            new RemoteFile("https://example.invalid/b.bin", "sub/b.bin"),
        ]);
        string present = Path.Combine(home.DatasetsDir, "Toy", "a.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(present)!);
        File.WriteAllText(present, "x");
        using var d = new Downloader(options: DownloaderTests.FastOptions);
        var e = Assert.Throws<DatasetUnavailableException>(() => new DatasetFetcher(home, d).EnsureAvailable(manifest, offline: true));
        Assert.Equal("sub/b.bin", Assert.Single(e.Missing).RelativePath);
        Assert.Contains("https://example.invalid/b.bin", e.Message);
        Assert.Contains(Path.Combine(home.DatasetsDir, "Toy", "sub", "b.bin"), e.Message);
        Assert.DoesNotContain("a.bin", e.Message.Replace("b.bin", ""));
        Assert.Contains("1 of 2", e.Message);
    }

    [Fact]
    public void Downloads_then_extracts_and_is_then_available_offline()
    {
        using var dir = new TempDir();
        byte[] zip;
        using (var ms = new MemoryStream())
        {
            using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
                using (var w = new StreamWriter(z.CreateEntry("stim/one.txt").Open())) w.Write("hello");
            zip = ms.ToArray();
        }
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, zip));
        var home = new DataHome(dir.Path);
        var manifest = new DatasetManifest("Toy", [new RemoteFile(server.BaseUrl + "/s.zip", "s.zip", zip.Length)],
                                           [new ArchiveEntry("s.zip", "stimuli")]);
        using var d = new Downloader(options: DownloaderTests.FastOptions);
        var fetcher = new DatasetFetcher(home, d);
        string root = fetcher.EnsureAvailable(manifest);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(root, "stimuli", "stim", "one.txt")));
        Assert.True(ArchiveExtractor.IsExtracted(Path.Combine(root, "stimuli")));

        File.Delete(Path.Combine(root, "s.zip")); // archive removed to save space: still complete
        Assert.Equal(root, fetcher.EnsureAvailable(manifest, offline: true));
        Assert.Single(server.Requests);
    }
}
