using System.Text.Json;
using BBScore.Metrics.Online;

namespace BBScore.Tests.Online;

/// <summary>The Chan-merged per-column mean and std over a stream of uneven batches against numpy over all of them.</summary>
public sealed class RunningStandardizerTests
{
    [Fact]
    public void Merged_batches_give_numpys_mean_and_sample_std_with_the_floors()
    {
        var c = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "online", "schedules.json")))
            .RootElement.GetProperty("standardizer");
        var standardizer = new RunningStandardizer(4);
        foreach (var batch in c.GetProperty("batches").EnumerateArray())
        {
            var rows = batch.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();
            standardizer.Add(rows.SelectMany(r => r).ToArray(), rows.Length);
        }

        AssertClose(c.GetProperty("mean"), standardizer.Mean);
        AssertClose(c.GetProperty("std_features"), standardizer.Std(RunningStandardizer.FeatureFloor));
        AssertClose(c.GetProperty("std_labels"), standardizer.Std(RunningStandardizer.LabelFloor));
        Assert.Equal(123, standardizer.Count);
    }

    [Fact]
    public void One_row_has_no_standard_deviation() =>
        Assert.Throws<InvalidOperationException>(() =>
        {
            var s = new RunningStandardizer(2);
            s.Add([1f, 2f], 1);
            s.Std(RunningStandardizer.FeatureFloor);
        });

    static void AssertClose(JsonElement expected, double[] actual)
    {
        double[] want = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        for (int i = 0; i < want.Length; i++)
            Assert.True(Math.Abs(want[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(want[i])), $"[{i}]: {actual[i]:R}, numpy {want[i]:R}");
    }
}
