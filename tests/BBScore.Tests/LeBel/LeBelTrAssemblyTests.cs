using BBScore.Datasets.LeBel;

namespace BBScore.Tests.LeBel;

public sealed class LeBelTrAssemblyTests
{
    [Fact]
    public void Runs_are_cut_to_the_shortest_and_averaged_ignoring_NaN()
    {
        float[,] a = { { 1, float.NaN }, { 3, 4 }, { 9, 9 } };
        float[,] b = { { 3, float.NaN }, { float.NaN, 6 } };

        var story = LeBelTrAssembly.Story([a, b], ["a.hf5", "b.hf5"]);

        Assert.Equal(new float[,] { { 2, 0 }, { 3, 5 } }, story); // all-NaN -> 0; the third TR of a is dropped
        Assert.Equal(new float[,] { { 1, 0 }, { 3, 4 }, { 9, 9 } }, LeBelTrAssembly.Story([a], ["a.hf5"]));
    }

    [Fact]
    public void Runs_with_different_voxel_counts_are_refused_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => LeBelTrAssembly.Story([new float[2, 3], new float[2, 4]], ["a.hf5", "b.hf5"]));
        Assert.StartsWith("b.hf5: 4 voxels", error.Message);
    }
}
