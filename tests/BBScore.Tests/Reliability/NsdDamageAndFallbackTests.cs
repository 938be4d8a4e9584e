using System.Net;
using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Nsd;
using BBScore.Progress;
using BBScore.Tests.Data;
using BBScore.Tests.Nsd;
using BBScore.Tests.Support;

namespace BBScore.Tests.Reliability;

/// <summary>A damaged subject file is re-fetched; a mirror or --no-fallback keeps every download on one host.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class NsdDamageAndFallbackTests
{
    [Fact]
    public void A_truncated_subject_pickle_is_named_moved_aside_and_fetched_again()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var served = new HashSet<string>();
        using var server = new LoopbackServer(async ctx =>
        {
            string subject = NsdSubjectFile.SubjectNames.First(s => ctx.Request.Url!.AbsolutePath.EndsWith(NsdSubjectFile.FileName(s), StringComparison.Ordinal));
            byte[] bytes = File.ReadAllBytes(NsdFixture.PathOf(subject));
            // subj02's first copy stops half-way, and the server sends no length (a dropped connection looks complete).
            if (subject == "subj02" && served.Add(subject)) bytes = bytes[..(bytes.Length / 2)];
            ctx.Response.SendChunked = true;
            await ctx.Response.OutputStream.WriteAsync(bytes);
        });
        var files = new NsdSubjectFile(new GcsSource(server.BaseUrl + "/gcs"), new GoogleDriveSource(server.BaseUrl + "/drive"));
        string path = Path.Combine(home.DatasetsDir, NsdSubjectFile.DatasetName, NsdSubjectFile.FileName("subj02"));

        var e = Assert.Throws<InvalidDataException>(() => NsdBenchmarks.Load(home, NsdRoi.Get("V1"), SilentProgress.Instance, files, DownloaderTests.FastOptions));
        Assert.Contains(path, e.Message);
        Assert.Contains("downloaded again on the next run", e.Message);
        Assert.False(File.Exists(path));

        var data = NsdBenchmarks.Load(home, NsdRoi.Get("V1"), SilentProgress.Instance, files, DownloaderTests.FastOptions);
        Assert.True(data.TrainTargets.GetLength(1) > 0);
        Assert.Equal(File.ReadAllBytes(NsdFixture.PathOf("subj02")), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failing_mirror_is_the_only_host_asked()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new NsdFixture(gcsUp: false);
        using var mirror = new EnvironmentVariableScope((GcsSource.BaseUrlVariable, fixture.Server.BaseUrl + "/gcs/bbscore_datasets"));
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var files = new NsdSubjectFile(drive: new GoogleDriveSource(fixture.Server.BaseUrl + "/drive"));

        var e = Assert.Throws<DownloadException>(() => files.Ensure(home, "subj01", new DatasetFetcher(home, downloader)));
        Assert.Contains("not tried", e.Message);
        Assert.Contains(GcsSource.BaseUrlVariable, e.Message);
        Assert.Equal(0, fixture.Server.Count("/drive"));
    }

    [Fact]
    public void No_fallback_keeps_the_public_source_alone()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new NsdFixture(gcsUp: false);
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        using (FallbackPolicy.Apply(noFallback: true))
        {
            var e = Assert.Throws<DownloadException>(() => fixture.Files.Ensure(home, "subj01", new DatasetFetcher(home, downloader)));
            Assert.Contains("--no-fallback", e.Message);
        }
        Assert.Equal(0, fixture.Server.Count("/drive"));
        Assert.Null(Environment.GetEnvironmentVariable(FallbackPolicy.Variable)); // restored after the command
    }

    [Fact]
    public void No_fallback_is_an_option_of_run_and_download()
    {
        using var dir = new TempDir();
        var (code, output, _) = CliRun.Run(new DataHome(dir.Path), "download", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--no-fallback", output);
        (code, output, _) = CliRun.Run(new DataHome(dir.Path), "run", "--help");
        Assert.Contains("--no-fallback", output);
    }
}
