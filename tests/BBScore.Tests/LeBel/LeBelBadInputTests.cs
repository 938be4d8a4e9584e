using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.LeBel;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.LeBel;

/// <summary>Bad LeBel2023 inputs stop with the file and the fix: a transcript without a word tier, fMRI for a story
/// that has no transcript; and the catalogue lists all 33 names.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LeBelBadInputTests
{
    [Fact]
    public void A_TextGrid_without_a_word_tier_is_named_moved_aside_and_fetched_again()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var home = new DataHome(dir.Path);
        LeBelTrBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance);
        string textGrid = LeBelSources.LocalPath(home, LeBelSources.TextGridPrefix() + "legacy.TextGrid");
        // Same size as listed (so it is read, not re-fetched): the tier renamed.
        File.WriteAllText(textGrid, File.ReadAllText(textGrid).Replace("name = \"word\"", "name = \"wxrd\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => LeBelTrBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance));

        Assert.Contains(textGrid, error.Message);
        Assert.Contains("\"word\"", error.Message);
        Assert.False(File.Exists(textGrid)); // moved aside: the next run fetches it again
        LeBelTrBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance);
    }

    [Fact]
    public void A_story_with_fMRI_but_no_transcript_names_the_run_and_the_fix()
    {
        var error = Assert.Throws<InvalidDataException>(() => LeBelStories.Match(["/d/TextGrids/avatar.TextGrid"],
            ["/d/UTS01/avatar.hf5", "/d/UTS01/legacy.hf5"], "UTS01", "TextGrid", out _));

        Assert.Contains("/d/UTS01/legacy.hf5", error.Message);
        Assert.Contains("no TextGrid", error.Message);
        Assert.Contains(".listings", error.Message); // the fix: list the bucket again
    }

    [Fact]
    public void The_catalogue_lists_the_33_LeBel2023_benchmarks()
    {
        var names = BenchmarkCatalog.All.Where(b => b.Family == LeBelBenchmarks.Family).Select(b => b.Name).ToList();
        Assert.Equal(33, names.Count);
        Assert.Contains("LeBel2023", names);
        Assert.Contains("LeBel2023TRUTS08", names);
        Assert.Contains("LeBel2023AudioTRUTS01", names);
        Assert.Equal(16, names.Count(n => n.Contains("TR", StringComparison.Ordinal)));
    }
}
