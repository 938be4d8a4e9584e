using System.Text.Json;
using BBScore.Datasets.LeBel;
using BBScore.Numerics;

namespace BBScore.Tests.LeBel;

/// <summary>The TR-level encoding model against scikit-learn (GroupKFold, RidgeCV with its shared alpha, r2_score) and
/// scipy (pearsonr) run by the fixture generator on the same data.</summary>
public sealed class LeBelTrRidgeTests
{
    [Fact]
    public void Folds_per_TR_spatial_r_and_the_global_keys_match_scikit_learn()
    {
        var c = JsonDocument.Parse(File.ReadAllText(Path.Combine(LeBelFixture.Root, "expected.json"))).RootElement.GetProperty("tr_ridge");
        var xd = LeBelFixture.Matrix(c.GetProperty("x"));
        int rows = xd.GetLength(0), cols = xd.GetLength(1);
        var data = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) data[i * cols + j] = (float)xd[i, j]; // float32 values in the generator too
        var x = new FeatureMatrix(data, rows, cols);
        var y = LeBelFixture.Matrix(c.GetProperty("y"));
        int[] groups = c.GetProperty("groups").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var masks = c.GetProperty("masks").EnumerateObject()
            .ToDictionary(m => m.Name, m => m.Value.EnumerateArray().Select(e => e.GetBoolean()).ToArray());

        var folds = LeBelTrRidge.CrossValidate(x, y, groups, masks);

        var pearson = c.GetProperty("pearson").EnumerateArray().Select(LeBelFixture.Doubles).ToArray();
        var r2 = c.GetProperty("r2").EnumerateArray().Select(LeBelFixture.Doubles).ToArray();
        Assert.Equal(pearson.Length, folds.Pearson.Length);
        for (int f = 0; f < pearson.Length; f++)
            for (int v = 0; v < pearson[f].Length; v++)
            {
                Assert.Equal(pearson[f][v], folds.Pearson[f][v], 1e-6);
                Assert.Equal(r2[f][v], folds.R2[f][v], 1e-6);
            }
        foreach (var mask in c.GetProperty("per_tr").EnumerateObject())
        {
            var expected = mask.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
            var actual = folds.PerTrSpatial[mask.Name];
            for (int t = 0; t < expected.Length; t++)
                if (double.IsNaN(expected[t])) Assert.True(double.IsNaN(actual[t]), $"{mask.Name} TR {t}: {actual[t]}");
                else Assert.Equal(expected[t], actual[t], 1e-6);
        }

        var summary = LeBelTrSummary.Global(folds, LeBelFixture.Doubles(c.GetProperty("ceiling")), masks);
        var keys = c.GetProperty("summary").EnumerateObject().ToList();
        Assert.Equal(keys.Select(k => k.Name).Order(), summary.Keys.Order());
        foreach (var key in keys) Assert.Equal(key.Value.GetDouble(), summary[key.Name], 1e-6);
    }

    [Fact]
    public void Fewer_than_two_stories_cannot_be_cross_validated()
    {
        var x = new FeatureMatrix(new float[6], 3, 2);
        var error = Assert.Throws<InvalidOperationException>(() =>
            LeBelTrRidge.CrossValidate(x, new double[3, 2], [0, 0, 0], new Dictionary<string, bool[]> { ["whole_brain"] = [true, true] }));
        Assert.Contains("at least 2 stories", error.Message);
    }
}
