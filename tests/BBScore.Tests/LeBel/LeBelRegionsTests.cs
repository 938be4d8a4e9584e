using BBScore.Datasets.LeBel;

namespace BBScore.Tests.LeBel;

public sealed class LeBelRegionsTests
{
    static LeBelRegions.Hemisphere Hemisphere(string?[] names, int[] cortex, string side) =>
        new(names, cortex, $"/data/{side}.aparc.annot", $"/data/{side}.cortex.label");

    [Fact]
    public void Voxels_are_the_sorted_left_cortex_vertices_then_the_right()
    {
        var left = Hemisphere(["insula", "superiortemporal", null, "precuneus"], [3, 1, 0], "lh");
        var right = Hemisphere(["parsopercularis", "cuneus"], [1, 0], "rh");

        var names = LeBelRegions.VoxelNames(left, right, voxels: 5, "/data/story.hf5");

        Assert.Equal<string?>(["insula", "superiortemporal", "precuneus", "parsopercularis", "cuneus"], names.AsEnumerable());
        var masks = LeBelRegions.Masks(names);
        Assert.Equal(LeBelRegions.Reported, masks.Keys);
        Assert.Equal([true, true, true, true, true], masks["whole_brain"]);
        Assert.Equal([false, true, false, true, false], masks["language"]);
        Assert.Equal([true, false, true, false, true], masks["non_language"]);
        Assert.Equal([false, false, false, true, false], masks["brocas"]);
        Assert.Equal([false, false, true, false, false], masks["parietal"]);
        Assert.Equal([false, false, false, false, true], masks["occipital"]);
    }

    [Fact]
    public void A_vertex_count_that_disagrees_with_the_voxel_axis_names_the_files()
    {
        var left = Hemisphere(["insula", "cuneus"], [0, 1], "lh");
        var right = Hemisphere(["insula"], [0], "rh");
        var error = Assert.Throws<InvalidDataException>(() => LeBelRegions.VoxelNames(left, right, voxels: 4, "/data/story.hf5"));
        Assert.Contains("/data/lh.cortex.label", error.Message);
        Assert.Contains("/data/story.hf5 has 4 voxels", error.Message);

        var outside = Hemisphere(["insula"], [0, 7], "lh");
        var error2 = Assert.Throws<InvalidDataException>(() => LeBelRegions.VoxelNames(outside, right, voxels: 3, "/data/story.hf5"));
        Assert.StartsWith("/data/lh.cortex.label: cortex vertex 7", error2.Message);
    }
}
