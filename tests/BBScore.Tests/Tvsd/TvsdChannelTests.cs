using BBScore.Datasets.Tvsd;

namespace BBScore.Tests.Tvsd;

public sealed class TvsdChannelTests
{
    [Theory]
    [InlineData(TvsdMonkey.N, TvsdArea.V1, 0, 512)]
    [InlineData(TvsdMonkey.N, TvsdArea.V4, 512, 256)]
    [InlineData(TvsdMonkey.N, TvsdArea.IT, 768, 256)]
    [InlineData(TvsdMonkey.N, TvsdArea.Full, 0, 1024)]
    [InlineData(TvsdMonkey.F, TvsdArea.V1, 0, 512)]
    [InlineData(TvsdMonkey.F, TvsdArea.IT, 512, 320)]
    [InlineData(TvsdMonkey.F, TvsdArea.V4, 832, 192)]
    [InlineData(TvsdMonkey.F, TvsdArea.Full, 0, 1024)]
    public void Ranges_follow_the_spec(TvsdMonkey monkey, TvsdArea area, int start, int count) =>
        Assert.Equal((start, count), TvsdChannels.Range(monkey, area));

    [Theory]
    [InlineData(TvsdMonkey.F)]
    [InlineData(TvsdMonkey.N)]
    public void Areas_tile_the_1024_channels(TvsdMonkey monkey)
    {
        var covered = new int[TvsdChannels.PerMonkey];
        foreach (var area in new[] { TvsdArea.V1, TvsdArea.V4, TvsdArea.IT })
        {
            var (start, count) = TvsdChannels.Range(monkey, area);
            for (int c = start; c < start + count; c++) covered[c]++;
        }
        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Names_and_bins()
    {
        Assert.Equal("monkeyF", TvsdMonkey.F.FolderName());
        Assert.Equal("monkeyN", TvsdMonkey.N.FolderName());
        Assert.Equal([TvsdMonkey.F, TvsdMonkey.N], TvsdMonkeys.Both);
        Assert.Equal(Enumerable.Range(0, 18).Select(i => 25 + 10 * i), TvsdTimeBins.TenMs);
        Assert.Equal(195, TvsdTimeBins.TenMs[^1]);
        Assert.Equal("defaultBins", TvsdBins.Default.ArchiveBaseName());
        Assert.Equal("10msBins", TvsdBins.TenMs.ArchiveBaseName());
    }
}
