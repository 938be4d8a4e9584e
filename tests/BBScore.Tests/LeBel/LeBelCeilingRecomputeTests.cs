using BBScore.Data;
using BBScore.Datasets.LeBel;
using BBScore.Formats;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.LeBel;

/// <summary><c>bbscore ceiling LeBel2023 --subject UTS01</c> on the fixture's raw runs, against the generator's
/// numpy/scipy split-half ceiling (nilearn's cleaning rules reproduced with scipy).</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LeBelCeilingRecomputeTests
{
    [Fact]
    public void The_recomputed_ceiling_matches_the_reference_and_is_stored_beside_the_published_one()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var home = new DataHome(dir.Path);
        var expected = LeBelFixture.Expected("splithalf_ceiling").GetProperty("UTS01");

        var (code, output, error) = CliRun.Run(home, "ceiling", "LeBel2023", "--subject", "UTS01");

        Assert.True(code == 0, error);
        Assert.Contains("from 5 runs (40 TRs, 30 voxels)", output);
        Assert.Contains("against the published ceiling: r =", output);
        string saved = LeBelCeilingRecompute.SavedPath(home, "UTS01");
        Assert.Contains(saved, output);
        AssertClose(LeBelFixture.Doubles(expected.GetProperty("per_voxel")), NpzFile.Read(saved, "UTS01").ToDoubles());
        AssertClose(LeBelFixture.Doubles(expected.GetProperty("per_tr_spatial")), NpzFile.Read(saved, "UTS01_per_tr_spatial").ToDoubles());
        var fetched = fixture.Bucket.Fetched.ToArray();
        Assert.DoesNotContain(fetched, k => k.Contains("task-legacy", StringComparison.Ordinal)); // another story's run
        Assert.DoesNotContain(fetched, k => k.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(5, fetched.Count(k => k.Contains("task-wheretheressmoke", StringComparison.Ordinal)));
    }

    [Fact]
    public void Other_datasets_and_unknown_participants_are_refused_by_name()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var (code, _, error) = CliRun.Run(home, "ceiling", "NSDV1Shared", "--subject", "UTS01");
        Assert.Equal(2, code);
        Assert.Contains("bbscore ceiling LeBel2023 --subject UTS01", error);

        Assert.Throws<ArgumentException>(() => LeBelCeilingRecompute.Run(home, "UTS09", SilentProgress.Instance));
    }

    static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"[{i}]: {actual[i]}, expected {expected[i]}");
    }
}
