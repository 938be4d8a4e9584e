using BBScore.Sweeps;
using Xunit;

namespace BBScore.Tests.Sweeps;

public class SweepExpansionTests
{
    static readonly string[] FakeLayers = ["embed", "encoder.layer.0", "encoder.layer.1", "encoder.layer.1.attn", "head"];

    static IReadOnlyList<SweepCell> Expand(string yaml, List<string>? opened = null) =>
        new SweepExpander("/nonexistent", model => { opened?.Add(model); return FakeLayers; }).Expand(SweepFile.Parse(yaml, "s.yaml"));

    [Fact]
    public void CrossesModelsLayersBenchmarksMetricsWithCanonicalNames()
    {
        var cells = Expand("models: [resnet18]\nlayers: [layer3, layer4]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge, orientation_selectivity]\n");
        Assert.Equal(4, cells.Count);
        Assert.All(cells, c => Assert.Equal("V1StaticFullFieldSineGratings", c.Benchmark));
        Assert.Equal(4, cells.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void AllAndGlobsExpandOverTheModelsLayersAndOnlyThenOpenIt()
    {
        var opened = new List<string>();
        var all = Expand("models: [resnet18]\nlayers: [all]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge]\n", opened);
        Assert.Equal(FakeLayers, all.Select(c => c.Layer));
        var glob = Expand("models: [resnet18]\nlayers: [\"encoder.layer.?\", head]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge]\n", opened);
        Assert.Equal(["encoder.layer.0", "encoder.layer.1", "head"], glob.Select(c => c.Layer));
        Expand("models: [resnet18]\nlayers: [layer4]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge]\n", opened);
        Assert.Equal(2, opened.Count); // plain names never open the model
    }

    [Fact]
    public void ModelGlobsAndPerModelLayers()
    {
        var cells = Expand("models: [\"pixe?\", resnet18]\nlayers: [layer4]\nmodel_layers:\n  pixel: [identity_layer]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge]\n");
        Assert.Equal([("pixel", "identity_layer"), ("resnet18", "layer4")], cells.Select(c => (c.Model, c.Layer)));
    }

    [Fact]
    public void PatternsThatMatchNothingFail()
    {
        var e = Assert.Throws<ArgumentException>(() => Expand("models: [resnet18]\nlayers: [\"decoder.*\"]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge]\n"));
        Assert.Equal("s.yaml: layer pattern 'decoder.*' matches no layer of 'resnet18'; see 'bbscore layers resnet18'.", e.Message);
    }

    [Fact]
    public void PlanSkipsStoredCellsAndGroupsByPendingMetrics()
    {
        var cells = Expand("models: [resnet18]\nlayers: [layer3, layer4]\nbenchmarks: [V1SineGratings]\nmetrics: [ridge, orientation_selectivity]\n");
        var fresh = SweepPlan.Make(cells, new HashSet<string>());
        var group = Assert.Single(fresh.Groups); // one pass over the stimuli for both layers
        Assert.Equal(["layer3", "layer4"], group.Layers);
        var oneDone = cells.Single(c => c.Layer == "layer4" && c.Metric == "ridge");
        var resumed = SweepPlan.Make(cells, new HashSet<string> { oneDone.Key });
        Assert.Equal(3, resumed.PendingCount);
        Assert.Equal(["layer3: orientation_selectivity ridge", "layer4: orientation_selectivity"],
            resumed.Groups.Select(g => string.Join(" ", g.Layers) + ": " + string.Join(" ", g.Metrics.Order(StringComparer.Ordinal))));
    }
}
