using BBScore.Results;
using System.Text.Json;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Regression;

/// <summary>`bbscore score` end to end on .npy files. Only orientation_selectivity is registered
/// so far, so the wiring is tested with it (features = unit responses, targets = grating labels).</summary>
public class ScoreCommandTests
{
    static readonly double[] Angles = [0, 45, 90, 135];

    static (int Code, string Out, string Err) Run(TempDir dir, params string[] args) => CliRun.Run(new DataHome(dir.Path), args);

    /// <summary>Labels for 8 stimuli, two per angle; features for the first <paramref name="featureRows"/>
    /// of them: unit 0 responds only to 45°, unit 1 equally to all.</summary>
    static (string Features, string Labels) WriteGratingFiles(TempDir dir, int featureRows = 8)
    {
        const int rows = 8;
        var features = new float[featureRows * 2];
        var labels = new float[rows * 4];
        for (int r = 0; r < rows; r++)
        {
            double angle = Angles[r / 2];
            if (r < featureRows)
            {
                features[r * 2] = angle == 45 ? 5 : 0;
                features[r * 2 + 1] = 3;
            }
            labels[r * 4] = (float)angle;
            labels[r * 4 + 1] = 8;
        }
        string featuresPath = Path.Combine(dir.Path, "features.npy");
        string labelsPath = Path.Combine(dir.Path, "labels.npy");
        NpyFile.WriteFloat32(featuresPath, features, [featureRows, 2]);
        NpyFile.WriteFloat32(labelsPath, labels, [8, 4]);
        return (featuresPath, labelsPath);
    }

    [Fact]
    public void ScoresNpyFilesPrintsTheScalarsAndWritesJson()
    {
        using var dir = new TempDir();
        var (features, labels) = WriteGratingFiles(dir);
        string json = Path.Combine(dir.Path, "out", "score.json");
        var (code, output, error) = Run(dir, "score", "--metric", "orientation_selectivity", "--features", features, "--targets", labels, "--output", json);
        Assert.True(code == 0, error);
        Assert.Contains("mean_cv: 0.5", output); // CV 0 and 1
        Assert.Contains("cv: array(2)", output);
        Assert.Contains("score (mean_cv): 0.5", output);

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("orientation_selectivity", root.GetProperty("metric").GetString());
        Assert.Equal("mean_cv", root.GetProperty("headline").GetProperty("key").GetString());
        Assert.Equal(0.5, root.GetProperty("headline").GetProperty("value").GetDouble(), 12);
        Assert.Equal(2, root.GetProperty("metrics").GetProperty("cv").GetArrayLength());
    }

    [Fact]
    public void MismatchedRowsExitWithCodeTwoNamingBothFiles()
    {
        using var dir = new TempDir();
        var (features, labels) = WriteGratingFiles(dir, featureRows: 6);
        var (code, _, error) = Run(dir, "score", "--metric", "orientation_selectivity", "--features", features, "--targets", labels);
        Assert.Equal(2, code);
        Assert.Contains("has 6 rows but --targets", error);
    }

    [Theory]
    [InlineData("missing-file", "file not found")]
    [InlineData("no-metric", "--metric is required")]
    [InlineData("unknown-metric", "orientation_selectivity")]
    [InlineData("groups", "--groups applies to regression metrics")]
    [InlineData("fractional-labels", "not usable as an id")]
    [InlineData("half-test-set", "go together")]
    public void BadInputExitsWithCodeTwo(string problem, string message)
    {
        using var dir = new TempDir();
        var (features, labels) = WriteGratingFiles(dir);
        string ids = Path.Combine(dir.Path, "ids.npy");
        NpyFile.WriteFloat32(ids, problem == "fractional-labels" ? [0, 1, 0, 1, 0, 1, 0, 1.5f] : [0, 0, 1, 1, 2, 2, 3, 3], [8]);
        string[] common = ["score", "--features", features, "--targets", labels];
        string[] args = problem switch
        {
            "missing-file" => ["score", "--metric", "orientation_selectivity", "--features", Path.Combine(dir.Path, "nope.npy"), "--targets", labels],
            "no-metric" => common,
            "unknown-metric" => [.. common, "--metric", "orientation_selectivty"],
            "groups" => [.. common, "--metric", "orientation_selectivity", "--groups", ids],
            "fractional-labels" => [.. common, "--metric", "orientation_selectivity", "--stratify", ids],
            _ => [.. common, "--metric", "orientation_selectivity", "--test-features", features],
        };
        var (code, _, error) = Run(dir, args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void ScoreSetJsonWritesNaNAsNullAndArraysAsNestedLists()
    {
        var scores = new ScoreSet("final_pearson");
        scores.Add("final_pearson", double.NaN);
        scores.Add("raw_pearson", new double[,] { { 0.5, double.NaN } });
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            ScoreSetJson.WriteProperties(writer, scores);
            writer.WriteEndObject();
        }
        string json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal("""{"headline":{"key":"final_pearson","value":null},"metrics":{"final_pearson":null,"raw_pearson":[[0.5,null]]}}""", json);
    }
}
