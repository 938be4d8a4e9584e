using System.IO.Compression;
using System.Security.Cryptography;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Reliability;

/// <summary>Network faults from a loopback server: every one ends in the right bytes or a clear error,
/// never in a wrong file that looks complete.</summary>
public sealed class DownloadFaultTests
{
    static readonly byte[] Data = RandomNumberGenerator.GetBytes(200_000);

    static DownloadOptions Options => DownloaderTests.FastOptions with { IdleTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 6 };

    static string Fetch(RawHttpServer server, TempDir dir, long? size = null, string? sha = null)
    {
        using var downloader = new Downloader(options: Options);
        string destination = Path.Combine(dir.Path, "file.bin");
        downloader.Download(new RemoteFile(server.Url, "file.bin", size, sha), destination);
        return destination;
    }

    [Fact]
    public void A_storm_of_5xx_answers_is_retried_until_the_file_comes()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer((n, _, s) => n <= 4 ? RawHttpServer.Head(s, "503 Service Unavailable", "Content-Length: 0") : RawHttpServer.Full(s, Data));
        Assert.Equal(Data, File.ReadAllBytes(Fetch(server, dir)));
        Assert.Equal(5, server.Requests);
    }

    /// <summary>A well-behaved answer to a range request: 206 with the rest of the file.</summary>
    static async Task ResumeFrom(Stream s, long? range)
    {
        long from = range ?? 0;
        await RawHttpServer.Head(s, "206 Partial Content", $"Content-Range: bytes {from}-{Data.Length - 1}/{Data.Length}", $"Content-Length: {Data.Length - from}");
        await s.WriteAsync(Data.AsMemory((int)from));
    }

    [Fact]
    public void A_body_cut_short_of_its_content_length_is_resumed()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer(async (n, range, s) =>
        {
            if (n == 1)
            {
                await RawHttpServer.Head(s, "200 OK", $"Content-Length: {Data.Length}");
                await s.WriteAsync(Data.AsMemory(0, 70_000)); // then the connection drops
                return;
            }
            await ResumeFrom(s, range);
        });
        Assert.Equal(Data, File.ReadAllBytes(Fetch(server, dir)));
        Assert.Contains(70_000L, server.Ranges);
    }

    [Fact]
    public void A_partial_answer_without_content_length_is_checked_against_its_content_range_total()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer(async (n, range, s) =>
        {
            long from = range ?? 0;
            if (n == 1)
            {
                await RawHttpServer.Head(s, "200 OK", $"Content-Length: {Data.Length}");
                await s.WriteAsync(Data.AsMemory(0, 50_000));
                return;
            }
            // No Content-Length: only the Content-Range total says how long the file is.
            await RawHttpServer.Head(s, "206 Partial Content", $"Content-Range: bytes {from}-{Data.Length - 1}/{Data.Length}");
            int end = n == 2 ? 120_000 : Data.Length;
            await s.WriteAsync(Data.AsMemory((int)from, end - (int)from));
        });
        Assert.Equal(Data, File.ReadAllBytes(Fetch(server, dir)));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public void A_server_that_stalls_mid_body_times_out_and_the_download_resumes()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer(async (n, range, s) =>
        {
            if (n == 1)
            {
                await RawHttpServer.Head(s, "200 OK", $"Content-Length: {Data.Length}");
                await s.WriteAsync(Data.AsMemory(0, 10_000));
                await s.FlushAsync();
                await Task.Delay(TimeSpan.FromSeconds(5)); // slow loris: beyond the 1 s idle timeout
                return;
            }
            await ResumeFrom(s, range);
        });
        Assert.Equal(Data, File.ReadAllBytes(Fetch(server, dir)));
    }

    [Fact]
    public void A_server_that_ignores_range_restarts_from_zero_without_duplicating_bytes()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer(async (n, _, s) =>
        {
            if (n == 1)
            {
                await RawHttpServer.Head(s, "200 OK", $"Content-Length: {Data.Length}");
                await s.WriteAsync(Data.AsMemory(0, 90_000));
                return;
            }
            await RawHttpServer.Full(s, Data); // Range ignored: 200 with the whole file
        });
        Assert.Equal(Data, File.ReadAllBytes(Fetch(server, dir)));
    }

    [Fact]
    public void Flipped_bytes_fail_the_declared_hash_and_leave_no_file()
    {
        using var dir = new TempDir();
        byte[] flipped = (byte[])Data.Clone();
        flipped[12_345] ^= 0x40;
        using var server = new RawHttpServer((_, _, s) => RawHttpServer.Full(s, flipped));
        string sha = Convert.ToHexStringLower(SHA256.HashData(Data));
        var e = Assert.Throws<DownloadException>(() => Fetch(server, dir, Data.Length, sha));
        Assert.Contains("SHA-256", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "file.bin")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "file.bin.partial")));
    }

    [Fact]
    public void A_wrong_size_fails_against_the_manifest_and_leaves_no_file()
    {
        using var dir = new TempDir();
        using var server = new RawHttpServer((_, _, s) => RawHttpServer.Full(s, Data.AsSpan(0, 150_000).ToArray()));
        var e = Assert.Throws<DownloadException>(() => Fetch(server, dir, Data.Length));
        Assert.Contains("instead of the expected", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "file.bin")));
    }

    [Fact]
    public void A_zip_cut_short_without_content_length_is_named_moved_aside_and_fetched_again()
    {
        using var dir = new TempDir();
        byte[] zip = SmallZip();
        // First run: the connection closes early and nothing declares the size, so the download looks complete.
        using var server = new RawHttpServer(async (n, _, s) =>
        {
            if (n == 1)
            {
                await RawHttpServer.Head(s, "200 OK", "Content-Type: application/zip");
                await s.WriteAsync(zip.AsMemory(0, zip.Length / 2));
                return;
            }
            await RawHttpServer.Full(s, zip);
        });
        var home = new DataHome(dir.Path);
        var manifest = new DatasetManifest("Toy", [new RemoteFile(server.Url, "images.zip")], [new ArchiveEntry("images.zip", "images")]);
        string archive = Path.Combine(home.DatasetsDir, "Toy", "images.zip");
        // No stall is simulated here: a generous idle timeout keeps a busy machine from turning the early close into a retry.
        using var downloader = new Downloader(options: Options with { IdleTimeout = TimeSpan.FromSeconds(30) });
        var fetcher = new DatasetFetcher(home, downloader);

        var e = Assert.Throws<InvalidDataException>(() => fetcher.EnsureAvailable(manifest));
        Assert.Contains(archive, e.Message);
        Assert.Contains("downloaded again on the next run", e.Message);
        Assert.False(File.Exists(archive)); // not left in place looking ready
        Assert.True(File.Exists(archive + ".damaged"));

        string root = fetcher.EnsureAvailable(manifest);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(root, "images", "a", "one.txt")));
        Assert.Equal(2, server.Requests);
    }

    static byte[] SmallZip()
    {
        using var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(z.CreateEntry("a/one.txt").Open())) w.Write("hello");
            var noise = z.CreateEntry("a/noise.bin", CompressionLevel.NoCompression);
            using var n = noise.Open();
            n.Write(RandomNumberGenerator.GetBytes(20_000));
        }
        return ms.ToArray();
    }
}
