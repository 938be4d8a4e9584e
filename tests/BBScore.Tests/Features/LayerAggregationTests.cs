using BBScore.Features;
using BBScore.Progress;

namespace BBScore.Tests.Features;

public class LayerAggregationTests
{
    static NamedFeatures Layer(string name, int rows, int width, float offset) =>
        new(name, new FeatureTensor(Enumerable.Range(0, rows * width).Select(i => i + offset).ToArray(), [rows, width]), [name]);

    [Fact]
    public void NoneKeepsLayersSeparateAndSkipsProjectionWhenNotReducing()
    {
        var result = LayerAggregation.Apply([Layer("a", 2, 3, 0), Layer("b", 2, 5, 100)], AggregationMode.None, ProjectionKind.Dense, 1024, 42, SilentProgress.Instance);
        Assert.Equal(["a", "b"], result.Select(r => r.Name));
        Assert.Equal([2, 3], result[0].Features.Shape); // 1024 >= 3: projection skipped, as in the original
        Assert.Equal([2, 5], result[1].Features.Shape);
    }

    [Fact]
    public void ConcatenateJoinsRowsInLayerOrder()
    {
        var result = LayerAggregation.Apply([Layer("a", 2, 2, 0), Layer("b", 2, 3, 100)], AggregationMode.Concatenate, null, 1024, 42, SilentProgress.Instance);
        var single = Assert.Single(result);
        Assert.Equal("Concatenate_a_b", single.Name);
        Assert.Equal([2, 5], single.Features.Shape);
        Assert.Equal([0f, 1, 100, 101, 102, 2, 3, 103, 104, 105], single.Features.Data);
    }

    [Fact]
    public void StackProjectsEveryLayerToTheSameWidth()
    {
        var result = LayerAggregation.Apply([Layer("a", 4, 30, 0), Layer("b", 4, 50, 1)], AggregationMode.Stack, ProjectionKind.Sparse, 16, 42, SilentProgress.Instance);
        var single = Assert.Single(result);
        Assert.Equal("Stack_a_b", single.Name);
        Assert.Equal([4, 2, 16], single.Features.Shape);
    }

    [Fact]
    public void LongCombinedNamesAreHashedLikeTheOriginal()
    {
        var layers = Enumerable.Range(0, 12).Select(i => $"encoder.layer.{i}").ToList();
        string name = LayerAggregation.CombinedName(AggregationMode.Concatenate, layers);
        Assert.Matches("^Concatenate_12Layers_[0-9a-f]{8}$", name);
    }
}
