using System.Text.Json;
using BBScore.Datasets.Bmd;

namespace BBScore.Tests.Bmd;

/// <summary>BMD assemblies from the real derivatives layout (tests/fixtures/generate_bmd_fixture.py), against the
/// generator's independent numpy implementation of the selection rules.</summary>
public class BmdAssemblyBuilderTests
{
    static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bmd");
    static readonly string Glm = Path.Combine(Fixture, "derivatives", "versionB", "MNI152", "GLM");
    static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture, "expected.json"))).RootElement.GetProperty("regions");
    static readonly string[] Subjects = ["sub-01", "sub-02"];

    static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    static void AssertMatrix(JsonElement expected, JsonElement shape, double[,] actual)
    {
        Assert.Equal(shape.EnumerateArray().Select(x => x.GetInt32()).ToArray(), new[] { actual.GetLength(0), actual.GetLength(1) });
        var values = Numbers(expected);
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(values[i], actual[i / actual.GetLength(1), i % actual.GetLength(1)], 1e-12);
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("FFA")]
    [InlineData("PPA")]
    [InlineData("BMD")]
    public void Targets_and_ceilings_match_the_reference(string region)
    {
        var expected = Expected.GetProperty(region);
        var data = BmdAssemblyBuilder.Build(Glm, region, Subjects);
        AssertMatrix(expected.GetProperty("train"), expected.GetProperty("train_shape"), data.Train);
        AssertMatrix(expected.GetProperty("test"), expected.GetProperty("test_shape"), data.Test);
        Assert.Equal(Subjects.Select(s => expected.GetProperty("voxels").GetProperty(s).GetArrayLength()), data.VoxelsPerSubject);
        var ceiling = Numbers(expected.GetProperty("ceiling"));
        Assert.Equal(ceiling.Length, data.CorrelationCeiling().Length);
        for (int i = 0; i < ceiling.Length; i++) Assert.Equal(ceiling[i], data.CorrelationCeiling()[i], 1e-12);
        Assert.Equal(Numbers(expected.GetProperty("nc_percent")).Select(p => p / 100), data.FractionCeiling());
    }

    [Fact]
    public void Twenty_seven_benchmarks_each_name_a_known_region_and_BMD_BMD_scores_BMDgeneral()
    {
        Assert.Equal(27, BmdRegions.Benchmarks.Count);
        Assert.Equal(27, BmdRegions.Benchmarks.Select(b => b.Benchmark).Distinct().Count());
        Assert.All(BmdRegions.Benchmarks, b => Assert.True(BmdRegions.Files.ContainsKey(b.Region), b.Region));
        Assert.Equal(["BMDgeneral"], BmdRegions.Files[BmdRegions.Benchmarks.Single(b => b.Benchmark == "BMD_BMD").Region]);
        Assert.Contains(("BMD_PPA", "PPA"), BmdRegions.Benchmarks);
    }

    [Fact]
    public void A_missing_roi_file_is_named()
    {
        var e = Assert.ThrowsAny<IOException>(() => BmdAssemblyBuilder.Build(Glm, "V2", Subjects));
        Assert.Contains("ROI-lV2d_indices.pkl", e.Message);
    }

    [Fact]
    public void An_roi_index_outside_the_betas_is_refused_naming_the_file()
    {
        string damaged = Path.Combine(Fixture, "damaged", "GLM");
        var e = Assert.Throws<InvalidDataException>(() => BmdAssemblyBuilder.Build(damaged, "BMD", ["sub-01"]));
        Assert.StartsWith(Path.Combine(damaged, "sub-01", "ROIs", "ROI-BMDgeneral_indices.pkl") + ":", e.Message);
        Assert.Contains("voxel index 50", e.Message);
    }
}
