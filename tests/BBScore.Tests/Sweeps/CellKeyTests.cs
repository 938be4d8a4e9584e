using BBScore.Sweeps;
using Xunit;

namespace BBScore.Tests.Sweeps;

public class CellKeyTests
{
    static string Key(string model = "resnet18", string layer = "layer4", string benchmark = "V1StaticFullFieldSineGratings",
                      string metric = "ridge", int seed = 42, string? projection = null, string aggregation = "none", string compat = "fixed") =>
        CellKey.For(model, layer, benchmark, metric, seed, projection, aggregation, compat);

    [Fact]
    public void SameInputsSameKey()
    {
        Assert.Equal(Key(), Key());
        Assert.Equal(Key(), new SweepCell("resnet18", "layer4", "V1StaticFullFieldSineGratings", "ridge", new SweepSettings(BatchSize: 4)).Key);
        Assert.Matches("^[0-9a-f]{64}$", Key());
    }

    [Fact]
    public void EveryInputThatChangesNumbersChangesTheKey()
    {
        string[] keys =
        [
            Key(), Key(model: "pixel"), Key(layer: "layer3"), Key(benchmark: "Other"), Key(metric: "pls"), Key(seed: 1),
            Key(projection: "dense"), Key(projection: "sparse"), Key(aggregation: "concatenate"), Key(compat: "bbscore"),
        ];
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
