using BBScore.Data;
using BBScore.Datasets.Bmd;
using BBScore.Benchmarks;
using BBScore.Tests.Support;

namespace BBScore.Tests.Bmd;

/// <summary>A BMD benchmark run as a user runs it, with no internet (<see cref="BmdFixtureSite"/>: the site's password
/// zip and the S3 derivatives on loopback, two participants). The stored ceiling is the generator's sqrt(NC% / 100)
/// per kept voxel.</summary>
[Collection(EnvironmentCollection.Name)]
public class BmdEndToEndTests
{
    [Fact]
    public void An_image_model_scores_BMD_FFA_from_the_loopback_site_and_bucket()
    {
        using var dir = new TempDir();
        using var server = BmdFixtureSite.Servers(BmdFixtureSite.StimulusZip(dir.Path));
        using var env = BmdFixtureSite.Mirrors(server);
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        // Downloaded first: the preflight then judges by the fixture's 10 clips, not by the published 1,102 (whose
        // 30 frames of raw pixels each would not fit this machine, as it rightly says).
        var (fetched, _, fetchError) = CliRun.Run(home, "download", "BMD_FFA");
        Assert.True(fetched == 0, fetchError);
        var (code, output, error) = CliRun.Run(home, "run", "--model", "pixel", "--layer", "pixels", "--benchmark", "BMD_FFA", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        BmdFixtureSite.AssertStoredCeiling(Directory.GetFiles(home.ResultsDir, "*.json").Single(), "FFA");
        Assert.Equal(2 * 6, server.Requests.Count(r => r.PathAndQuery.StartsWith("/s3/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("truncated")]
    public void A_stimulus_zip_that_does_not_unpack_is_named_moved_aside_and_fetched_again(string damage)
    {
        using var dir = new TempDir();
        byte[] good = BmdFixtureSite.StimulusZip(dir.Path);
        byte[] bad = damage == "truncated" ? good[..(good.Length / 2)] : BmdFixtureSite.StimulusZip(dir.Path, "not the password");
        using var server = BmdFixtureSite.Servers(bad);
        using var env = BmdFixtureSite.Mirrors(server);
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, _, error) = CliRun.Run(home, "download", "BMD_FFA");

        Assert.NotEqual(0, code);
        string zip = Path.Combine(home.DatasetsDir, BmdSources.StimulusSetName, "stimulus_set.zip");
        Assert.Contains(zip, error);
        Assert.Contains("downloaded again", error);
        Assert.False(File.Exists(zip));
        Assert.True(File.Exists(zip + ".damaged"));

        server.Handler = BmdFixtureSite.Servers(good).Handler; // the site is fixed: the next run fetches the zip again and unpacks it
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
