using BBScore.Sweeps;
using Xunit;

namespace BBScore.Tests.Sweeps;

public class SweepFileTests
{
    [Fact]
    public void ParsesEveryKey()
    {
        var spec = SweepFile.Parse("""
            models: [resnet18, "pixel"]
            layers: [layer4, "encoder.layer.*", all]
            model_layers:
              pixel: [identity_layer]
            benchmarks: V1SineGratings
            metrics: [ridge, orientation_selectivity]
            seed: 7
            random_projection: sparse
            aggregation: none
            compat: bbscore
            batch_size: 8
            """, "s.yaml");
        Assert.Equal(["resnet18", "pixel"], spec.Models);
        Assert.Equal(["layer4", "encoder.layer.*", "all"], spec.Layers);
        Assert.Equal(["identity_layer"], spec.ModelLayers["pixel"]);
        Assert.Equal(["V1SineGratings"], spec.Benchmarks);
        Assert.Equal(new SweepSettings(7, "sparse", "none", "bbscore", 8), spec.Settings);
    }

    [Fact]
    public void UnknownKeyNamesLineAndCloseMatch()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepFile.Parse("models: [pixel]\nlayrs: [all]\nbenchmarks: [b]\nmetrics: [m]\n", "s.yaml"));
        Assert.Equal("s.yaml:2: unknown key 'layrs'; did you mean 'layers'?", e.Message);
    }

    [Fact]
    public void YamlSyntaxErrorNamesLine()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepFile.Parse("models: [pixel]\nlayers: [all]\n  - x\n", "s.yaml"));
        Assert.StartsWith("s.yaml:3: not valid YAML", e.Message);
        var unclosed = Assert.Throws<ArgumentException>(() => SweepFile.Parse("models: [pixel]\nlayers: [all\n", "s.yaml"));
        Assert.StartsWith("s.yaml:", unclosed.Message);
        Assert.Contains("not valid YAML", unclosed.Message);
    }

    [Theory]
    [InlineData("models: [pixel]\nlayers: [all]\nmetrics: [m]\n", "s.yaml: 'benchmarks' is missing; add e.g. 'benchmarks: [V1SineGratings]'.")]
    [InlineData("models: [pixel]\nlayers: [all]\nbenchmarks: [b]\nmetrics: [m]\nseed: x\n", "s.yaml:5: 'seed' must be an integer, not 'x'.")]
    [InlineData("models: [pixel]\nlayers: [all]\nbenchmarks: [b]\nmetrics: [m]\ncompat: old\n", "s.yaml:5: 'compat' must be one of fixed, bbscore, not 'old'.")]
    [InlineData("models: []\nlayers: [all]\nbenchmarks: [b]\nmetrics: [m]\n", "s.yaml:1: 'models' is empty; list at least one name.")]
    public void BadValuesSayWhatToWrite(string yaml, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => SweepFile.Parse(yaml, "s.yaml")).Message);
}
