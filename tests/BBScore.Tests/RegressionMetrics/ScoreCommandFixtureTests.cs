using System.Text.Json.Nodes;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.RegressionMetrics;

/// <summary>`bbscore score --metric ridge` on the committed scikit-learn fixtures, as a user runs it.</summary>
public class ScoreCommandFixtureTests
{
    static string Fixture(string shape, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ridge", shape, name + ".npy");

    static JsonNode Score(TempDir dir, string shape, string output)
    {
        string path = Path.Combine(dir.Path, output);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = BBScoreCli.Run(["score", "--metric", "ridge",
            "--features", Fixture(shape, "x_train"), "--targets", Fixture(shape, "y_train"),
            "--test-features", Fixture(shape, "x_test"), "--test-targets", Fixture(shape, "y_test"),
            "--output", path], stdout, stderr, new DataHome(dir.Path), SilentProgress.Instance);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("final_pearson", stdout.ToString());
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    [Theory]
    [InlineData("wide")]
    [InlineData("tall")]
    public void RidgeThroughTheCliMatchesScikitLearnPerTarget(string shape)
    {
        using var dir = new TempDir();
        var metrics = Score(dir, shape, "result.json")["metrics"]!;
        var alphas = metrics["alpha"]!.AsArray().Select(a => a!.GetValue<double>()).ToArray();
        var pearson = metrics["raw_pearson"]![0]!.AsArray().Select(a => a!.GetValue<double>()).ToArray();
        var expectedAlphas = NpyFile.ReadFloat64(Fixture(shape, "ridgecv_alpha")).Data;
        var expectedPearson = NpyFile.ReadFloat64(Fixture(shape, "ridgecv_pearson")).Data;
        Assert.Equal(expectedAlphas.Length, alphas.Length);
        int sameAlpha = alphas.Zip(expectedAlphas).Count(p => Math.Abs(Math.Log10(p.First) - Math.Log10(p.Second)) < 1e-9);
        Assert.True(sameAlpha >= 0.99 * alphas.Length, $"{sameAlpha}/{alphas.Length} alphas equal scikit-learn's");
        // Targets whose chosen alpha flattens the prediction to a constant (std ~1e-13 of the mean at
        // alpha 1e10) have a correlation made of rounding noise in any implementation: skip those.
        var (predicted, shapeOfPredicted) = NpyFile.ReadFloat64(Fixture(shape, "ridgecv_pred"));
        int rows = shapeOfPredicted[0], targets = shapeOfPredicted[1], compared = 0;
        for (int t = 0; t < pearson.Length; t++)
        {
            var column = Enumerable.Range(0, rows).Select(r => predicted[r * targets + t]).ToArray();
            double mean = column.Average(), std = Math.Sqrt(column.Average(v => (v - mean) * (v - mean)));
            if (double.IsNaN(expectedPearson[t]) || std < 1e-6 * Math.Max(1, Math.Abs(mean))) continue;
            Assert.Equal(expectedPearson[t], pearson[t], 1e-5);
            compared++;
        }
        Assert.True(compared >= targets / 2, $"only {compared} of {targets} targets had a usable prediction");
    }

    [Fact]
    public void SameInputsAndSeedWriteIdenticalJson()
    {
        using var dir = new TempDir();
        Score(dir, "wide", "a.json");
        Score(dir, "wide", "b.json");
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "a.json")), File.ReadAllBytes(Path.Combine(dir.Path, "b.json")));
    }
}
