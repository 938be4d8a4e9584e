using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Bmd;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Bmd;

/// <summary>The derivatives come from a loopback server serving the fixture tree as an S3 bucket (path style): only
/// the chosen region's files are requested, and the fetched tree builds the same assembly as the fixture itself.</summary>
public class BmdDerivativesDownloadTests
{
    static readonly string Glm = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bmd", "derivatives", "versionB", "MNI152", "GLM");

    static LoopbackServer Bucket() => new(ctx =>
    {
        string prefix = "/" + BmdSources.Bucket + "/" + BmdSources.GlmPrefix;
        string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
        string file = Path.Combine(Glm, path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : "missing");
        if (!File.Exists(file)) return LoopbackServer.ServeText(ctx, "<Error><Code>NoSuchKey</Code></Error>", "application/xml", 404);
        return LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file));
    });

    [Fact]
    public void Only_the_regions_files_are_fetched_and_they_build_the_fixtures_assembly()
    {
        using var server = Bucket();
        using var dir = new TempDir();
        var manifest = BmdSources.Derivatives("FFA", ["sub-01", "sub-02"], new S3Source(BmdSources.Bucket, server.BaseUrl));
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        string folder = new DatasetFetcher(new DataHome(dir.Path), downloader).EnsureAvailable(manifest);

        Assert.Equal(2 * (2 + 4), server.Requests.Count); // lFFA, rFFA and the four pickles, per participant
        Assert.All(server.Requests, r => Assert.DoesNotContain("V1", r.PathAndQuery));
        var fetched = BmdAssemblyBuilder.Build(Path.Combine(folder, BmdSources.GlmFolder), "FFA", ["sub-01", "sub-02"]);
        var local = BmdAssemblyBuilder.Build(Glm, "FFA", ["sub-01", "sub-02"]);
        Assert.Equal(local.Train, fetched.Train);
        Assert.Equal(local.NoiseCeilingPercent, fetched.NoiseCeilingPercent);
    }

    [Fact]
    public void A_file_missing_from_the_bucket_names_its_url()
    {
        using var server = Bucket();
        using var dir = new TempDir();
        var manifest = BmdSources.Derivatives("V2", ["sub-01"], new S3Source(BmdSources.Bucket, server.BaseUrl));
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var e = Assert.Throws<DownloadException>(() => new DatasetFetcher(new DataHome(dir.Path), downloader).EnsureAvailable(manifest));
        Assert.Contains("ROI-lV2d_indices.pkl", e.Message);
        Assert.Contains("404", e.Message);
    }

    [Fact]
    public void The_default_source_is_openneuros_public_bucket()
    {
        using var noMirror = new EnvironmentVariableScope((S3Source.EndpointVariable, null));
        var manifest = BmdSources.Derivatives("BMD", ["sub-03"]);
        Assert.Contains(manifest.Files, f => f.Url == "https://openneuro.org.s3.amazonaws.com/ds005165/derivatives/versionB/MNI152/GLM/sub-03/ROIs/ROI-BMDgeneral_indices.pkl");
        Assert.Equal(5, manifest.Files.Count);
    }
}
