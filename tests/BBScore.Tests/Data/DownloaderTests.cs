using System.Net;
using System.Security.Cryptography;
using BBScore.Data.Download;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

public sealed class DownloaderTests
{
    static readonly byte[] Data = MakeData(300_000);
    static readonly string DataSha = Convert.ToHexStringLower(SHA256.HashData(Data));

    internal static byte[] MakeData(int n)
    {
        var bytes = new byte[n];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    internal static DownloadOptions FastOptions => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        LockPollInterval = TimeSpan.FromMilliseconds(20),
        LockTimeout = TimeSpan.FromSeconds(20),
        FreeBytes = _ => long.MaxValue,
    };

    static RemoteFile File(LoopbackServer s, long? size = null, string? sha = null) =>
        new(s.BaseUrl + "/data.bin", "data.bin", size, sha);

    [Fact]
    public void Downloads_whole_file_and_leaves_no_partial()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "sub", "data.bin");
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.False(System.IO.File.Exists(dest + ".partial"));
        // second call: already complete, no request
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Resumes_an_existing_partial_with_a_range_request()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        System.IO.File.WriteAllBytes(dest + ".partial", Data[..1000]);
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal("bytes=1000-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public void Resumes_after_the_server_cuts_the_connection()
    {
        using var dir = new TempDir();
        int calls = 0;
        using var server = new LoopbackServer(ctx =>
            Interlocked.Increment(ref calls) == 1 ? LoopbackServer.ServeCut(ctx, Data, 100_000) : LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Range);
        Assert.StartsWith("bytes=", requests[1].Range); // resumed from what arrived before the cut
    }

    [Fact]
    public void A_download_cut_at_half_resumes_from_half()
    {
        using var dir = new TempDir();
        int half = Data.Length / 2, calls = 0;
        using var server = new LoopbackServer(ctx =>
            Interlocked.Increment(ref calls) == 1 ? LoopbackServer.ServeCut(ctx, Data, half) : LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal(new string?[] { null, $"bytes={half}-" }, server.Requests.Select(r => r.Range).ToArray());
    }

    [Fact]
    public void A_flipped_byte_in_a_downloaded_file_with_a_known_hash_triggers_a_new_download()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        var file = File(server, Data.Length, DataSha);
        d.Download(file, dest);
        d.Download(file, dest); // intact: trusted by its stamp, nothing fetched
        Assert.Single(server.Requests);

        using (var stream = new FileStream(dest, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 12_345;
            int b = stream.ReadByte();
            stream.Position = 12_345;
            stream.WriteByte((byte)(b ^ 0x01));
        }
        System.IO.File.SetLastWriteTimeUtc(dest, DateTime.UtcNow.AddMinutes(1)); // as any later write would
        Assert.False(Downloader.IsComplete(file, dest));
        d.Download(file, dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal(2, server.Requests.Count);

        // A correct file without a stamp (e.g. copied in by hand) is hashed once and kept.
        System.IO.File.Delete(dest + ".verified");
        Assert.True(Downloader.IsComplete(file, dest));
        Assert.True(System.IO.File.Exists(dest + ".verified"));
    }

    [Fact]
    public void Restarts_cleanly_when_the_server_ignores_range()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data, honourRange: false));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        System.IO.File.WriteAllBytes(dest + ".partial", new byte[5000]); // would corrupt the file if appended to
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal("bytes=5000-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public void Range_not_satisfiable_on_a_complete_partial_counts_as_done()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        System.IO.File.WriteAllBytes(dest + ".partial", Data);
        d.Download(File(server), dest); // size unknown: the 416's Content-Range tells the total
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Not_found_fails_at_once_naming_url_and_status()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; });
        using var d = new Downloader(options: FastOptions);
        var file = File(server);
        var e = Assert.Throws<DownloadException>(() => d.Download(file, Path.Combine(dir.Path, "data.bin")));
        Assert.Contains(file.Url, e.Message);
        Assert.Contains("404", e.Message);
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Retries_server_errors_with_backoff()
    {
        using var dir = new TempDir();
        int calls = 0;
        using var server = new LoopbackServer(ctx =>
        {
            if (Interlocked.Increment(ref calls) <= 2) { ctx.Response.StatusCode = 503; return Task.CompletedTask; }
            return LoopbackServer.ServeBytes(ctx, Data);
        });
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void Gives_up_after_max_attempts_keeping_the_error()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        using var d = new Downloader(options: FastOptions with { MaxAttempts = 3 });
        var e = Assert.Throws<DownloadException>(() => d.Download(File(server), Path.Combine(dir.Path, "data.bin")));
        Assert.Contains("3 attempts", e.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Size_or_hash_mismatch_removes_the_partial(bool wrongSize)
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        var file = wrongSize ? File(server, Data.Length + 1) : File(server, Data.Length, new string('0', 64));
        var e = Assert.Throws<DownloadException>(() => d.Download(file, dest));
        Assert.Contains(wrongSize ? "size" : "SHA-256", e.Message);
        Assert.Contains("next run", e.Message);
        Assert.False(System.IO.File.Exists(dest));
        Assert.False(System.IO.File.Exists(dest + ".partial"));
    }

    [Fact]
    public void A_stale_partial_that_fails_the_hash_is_fetched_again_once()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        System.IO.File.WriteAllBytes(dest + ".partial", new byte[1000]); // wrong first bytes
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal(new string?[] { "bytes=1000-", null }, server.Requests.Select(r => r.Range).ToArray());
    }

    [Fact]
    public async Task Concurrent_downloads_of_one_file_fetch_it_once()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(async ctx =>
        {
            await Task.Delay(300);
            await LoopbackServer.ServeBytes(ctx, Data);
        });
        using var d1 = new Downloader(options: FastOptions);
        using var d2 = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        var file = File(server, Data.Length, DataSha);
        var t1 = Task.Run(() => d1.Download(file, dest));
        var t2 = Task.Run(() => d2.Download(file, dest));
        await Task.WhenAll(t1, t2);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_leaves_a_resumable_partial()
    {
        using var dir = new TempDir();
        bool hang = true;
        using var release = new CancellationTokenSource(); // ends the hanging response once the client has given up
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new LoopbackServer(async ctx =>
        {
            if (!hang) { await LoopbackServer.ServeBytes(ctx, Data); return; }
            ctx.Response.ContentLength64 = Data.Length;
            await ctx.Response.OutputStream.WriteAsync(Data.AsMemory(0, 50_000));
            await ctx.Response.OutputStream.FlushAsync();
            sent.TrySetResult();
            try { await Task.Delay(10_000, release.Token); } catch (OperationCanceledException) { }
            ctx.Response.Abort();
        });
        using var d = new Downloader(options: FastOptions);
        string dest = Path.Combine(dir.Path, "data.bin");
        using var cts = new CancellationTokenSource();
        var download = Task.Run(() => d.Download(File(server, Data.Length, DataSha), dest, cts.Token));
        // Cancel after the server has sent its first bytes and the client has opened the partial (not after a fixed
        // delay from the start: on a busy machine the request itself may take that long).
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!System.IO.File.Exists(dest + ".partial") && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);
        await Task.Delay(300); // let the client read what arrived
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        release.Cancel();
        Assert.False(System.IO.File.Exists(dest));
        long partial = new FileInfo(dest + ".partial").Length;
        Assert.True(partial > 0);
        hang = false;
        d.Download(File(server, Data.Length, DataSha), dest);
        Assert.Equal(Data, System.IO.File.ReadAllBytes(dest));
        Assert.Equal($"bytes={partial}-", server.Requests.Last().Range);
    }

    [Fact]
    public void Not_enough_disk_space_fails_before_downloading()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, Data));
        using var d = new Downloader(options: FastOptions with { FreeBytes = _ => 1000, DiskMarginBytes = 10 });
        var e = Assert.Throws<IOException>(() => d.Download(File(server, Data.Length), Path.Combine(dir.Path, "data.bin")));
        Assert.Contains("Not enough free disk space", e.Message);
        Assert.Contains("BBSCORE_HOME", e.Message);
        Assert.Empty(server.Requests);
    }
}
