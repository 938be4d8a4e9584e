using BBScore.Benchmarks;
using BBScore.Data.Download;
using BBScore.Datasets.Bmd;
using BBScore.Tests.Data;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;
using SharpZip = ICSharpCode.SharpZipLib.Zip;

namespace BBScore.Tests.Bmd;

/// <summary>The BMD fixture as the real sources serve it, on loopback: the clips as a password zip (ZipCrypto and AES
/// entries) from a stand-in for the dataset's site, the derivatives (the committed fixture tree) from a stand-in for
/// OpenNeuro's S3 bucket, and the environment that points the benchmarks at both for two participants.</summary>
internal static class BmdFixtureSite
{
    public static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bmd");
    static readonly string Glm = Path.Combine(Fixture, "derivatives", "versionB", "MNI152", "GLM");

    /// <summary>stimulus_set.zip with the fixture's 6 train and 4 test clips (1 s at 20 fps, 16×16), alternately ZipCrypto and AES.</summary>
    public static byte[] StimulusZip(string work, string password = BmdSources.StimulusZipPassword)
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

    /// <summary>The site at <c>/site/stimulus_set.zip</c>, the bucket under <c>/s3/</c>.</summary>
    public static LoopbackServer Servers(byte[] zip) => new(ctx =>
    {
        string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
        if (path == "/site/stimulus_set.zip") return LoopbackServer.ServeBytes(ctx, zip);
        string prefix = "/s3/" + BmdSources.Bucket + "/" + BmdSources.GlmPrefix;
        string file = path.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(Glm, path[prefix.Length..]) : "";
        return File.Exists(file) ? LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file))
            : LoopbackServer.ServeText(ctx, "<Error><Code>NoSuchKey</Code></Error>", "application/xml", 404);
    });

    public static EnvironmentVariableScope Mirrors(LoopbackServer server) =>
        new((S3Source.EndpointVariable, server.BaseUrl + "/s3"),
            (BmdBenchmarks.StimulusUrlVariable, server.BaseUrl + "/site/stimulus_set.zip"), (BmdBenchmarks.SubjectsVariable, "1,2"));

    /// <summary>The generator's correlation ceiling per kept voxel of a region (expected.json).</summary>
    public static double[] ExpectedCeiling(string region) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "expected.json"))).RootElement
            .GetProperty("regions").GetProperty(region).GetProperty("ceiling").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The stored result's ceiling equals the generator's, to 1e-12.</summary>
    public static void AssertStoredCeiling(string resultJson, string region)
    {
        var ceiling = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(resultJson))!["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var expected = ExpectedCeiling(region);
        Assert.Equal(expected.Length, ceiling.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], ceiling[i], 1e-12);
    }
}
