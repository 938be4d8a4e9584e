using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Bmd;
using BBScore.Benchmarks;
using BBScore.Tests.Data;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;
using SharpZip = ICSharpCode.SharpZipLib.Zip;

namespace BBScore.Tests.Bmd;

/// <summary>A BMD benchmark run as a user runs it, with no internet: the clips as a password zip (ZipCrypto and AES
/// entries) from a loopback "dataset site", the derivatives from a loopback S3 bucket (the fixture tree), two
/// participants. The stored ceiling is the generator's sqrt(NC% / 100) per kept voxel.</summary>
public class BmdEndToEndTests
{
    static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bmd");
    static readonly string Glm = Path.Combine(Fixture, "derivatives", "versionB", "MNI152", "GLM");

    /// <summary>stimulus_set.zip with the fixture's 6 train and 4 test clips (1 s, 16×16), alternately ZipCrypto and AES.</summary>
    static byte[] StimulusZip(string work, string password = BmdSources.StimulusZipPassword)
    {
        string clips = Path.Combine(work, "clips");
        var ids = Enumerable.Range(1, 6).Concat(Enumerable.Range(1001, 4)).Select(i => i.ToString("D4")).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            VideoFileDecoderTests.WriteTestClip(clips, id + ".mp4", seconds: 1, fps: 20, seed: i % 2);
        using var ms = new MemoryStream();
        using (var zip = new SharpZip.ZipOutputStream(ms) { IsStreamOwner = false, Password = password })
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                zip.PutNextEntry(new SharpZip.ZipEntry($"{BmdStimulusSet.ClipsFolder}/{id}.mp4") { AESKeySize = i % 2 == 0 ? 0 : 256 });
                zip.Write(File.ReadAllBytes(Path.Combine(clips, id + ".mp4")));
                zip.CloseEntry();
            }
        return ms.ToArray();
    }

    static LoopbackServer Servers(byte[] zip) => new(ctx =>
    {
        string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
        if (path == "/site/stimulus_set.zip") return LoopbackServer.ServeBytes(ctx, zip);
        string prefix = "/s3/" + BmdSources.Bucket + "/" + BmdSources.GlmPrefix;
        string file = path.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(Glm, path[prefix.Length..]) : "";
        return File.Exists(file) ? LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file))
            : LoopbackServer.ServeText(ctx, "<Error><Code>NoSuchKey</Code></Error>", "application/xml", 404);
    });

    [Fact]
    public void An_image_model_scores_BMD_FFA_from_the_loopback_site_and_bucket()
    {
        using var dir = new TempDir();
        using var server = Servers(StimulusZip(dir.Path));
        using var env = Mirrors(server);
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, output, error) = CliRun.Run(home, "run", "--model", "pixel", "--layer", "pixels", "--benchmark", "BMD_FFA", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        string json = Directory.GetFiles(home.ResultsDir, "*.json").Single();
        var ceiling = JsonNode.Parse(File.ReadAllText(json))!["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var expected = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "expected.json"))).RootElement
            .GetProperty("regions").GetProperty("FFA").GetProperty("ceiling").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, ceiling.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], ceiling[i], 1e-12);
        Assert.Equal(2 * 6, server.Requests.Count(r => r.PathAndQuery.StartsWith("/s3/", StringComparison.Ordinal)));
    }

    static EnvironmentVariableScope Mirrors(LoopbackServer server) =>
        new((S3Source.EndpointVariable, server.BaseUrl + "/s3"),
            (BmdBenchmarks.StimulusUrlVariable, server.BaseUrl + "/site/stimulus_set.zip"), (BmdBenchmarks.SubjectsVariable, "1,2"));

    [Theory]
    [InlineData("wrong password")]
    [InlineData("truncated")]
    public void A_stimulus_zip_that_does_not_unpack_is_named_moved_aside_and_fetched_again(string damage)
    {
        using var dir = new TempDir();
        byte[] good = StimulusZip(dir.Path);
        byte[] bad = damage == "truncated" ? good[..(good.Length / 2)] : StimulusZip(dir.Path, "not the password");
        using var server = Servers(bad);
        using var env = Mirrors(server);
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, _, error) = CliRun.Run(home, "download", "BMD_FFA");

        Assert.NotEqual(0, code);
        string zip = Path.Combine(home.DatasetsDir, BmdSources.StimulusSetName, "stimulus_set.zip");
        Assert.Contains(zip, error);
        Assert.Contains("downloaded again", error);
        Assert.False(File.Exists(zip));
        Assert.True(File.Exists(zip + ".damaged"));

        server.Handler = Servers(good).Handler; // the site is fixed: the next run fetches the zip again and unpacks it
        var (again, _, againError) = CliRun.Run(home, "download", "BMD_FFA");
        Assert.True(again == 0, againError);
        Assert.True(File.Exists(Path.Combine(home.DatasetsDir, BmdSources.StimulusSetName, "extracted", BmdStimulusSet.ClipsFolder, "1004.mp4")));
    }

    [Fact]
    public void All_27_names_are_listed_and_BMD_BMD_is_BMDgeneral()
    {
        var names = BenchmarkCatalog.All.Where(b => b.Family == BmdBenchmarks.Family).Select(b => b.Name).ToList();
        Assert.Equal(27, names.Count);
        Assert.Contains("BMD_PPA", names);
        Assert.Contains("BMDgeneral", BenchmarkCatalog.Resolve("BMD_BMD").Description);
    }
}
