using System.Text.Json;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Online.Classifier;

/// <summary><c>bbscore score --metric online_linear_classifier --features X.npy --targets labels.npy</c>: the .npy files are
/// streamed, the labels (one class id per stimulus) stratify the split, the training overrides apply, and the scores
/// print and save.</summary>
public class ClassifierScoreCommandTests
{
    [Fact]
    public void ScoresNpyFilesWithTheLinearClassifier()
    {
        using var dir = new TempDir();
        const int dim = 5;
        var (x, y) = ClassifierData.Blobs(120, 3, dim);
        string features = Path.Combine(dir.Path, "X.npy"), labels = Path.Combine(dir.Path, "labels.npy"), json = Path.Combine(dir.Path, "out.json");
        NpyFile.WriteFloat32(features, x, [120, dim]);
        NpyFile.WriteFloat32(labels, y.Select(l => (float)l).ToArray(), [120]);
        var (code, output, error) = CliRun.Run(new DataHome(dir.Path), "score", "--metric", "online_linear_classifier", "--features", features,
            "--targets", labels, "--epochs", "6", "--lr", "1e-2", "--wd", "0", "--output", json);
        Assert.True(code == 0, error);
        Assert.Contains("gt_accuracy", output);
        Assert.Contains("gt_f1_score", output);
        Assert.Contains("score (gt_accuracy)", output);
        Assert.Contains("validation accuracy", error); // per-epoch progress
        string saved = File.ReadAllText(json);
        Assert.Contains("\"gt_accuracy\"", saved);
        Assert.Contains("online_linear_classifier", saved);
        using var document = JsonDocument.Parse(saved);
    }

    [Fact]
    public void RefusesTheRegressorsLossAndAnUnknownScheduler()
    {
        using var dir = new TempDir();
        var (x, y) = ClassifierData.Blobs(40, 2, 3);
        string features = Path.Combine(dir.Path, "X.npy"), labels = Path.Combine(dir.Path, "labels.npy");
        NpyFile.WriteFloat32(features, x, [40, 3]);
        NpyFile.WriteFloat32(labels, y.Select(l => (float)l).ToArray(), [40]);
        var (code, _, error) = CliRun.Run(new DataHome(dir.Path), "score", "--metric", "online_linear_classifier", "--features", features,
            "--targets", labels, "--loss", "ccc");
        Assert.NotEqual(0, code);
        Assert.Contains("--loss 'ccc'", error);
        (code, _, error) = CliRun.Run(new DataHome(dir.Path), "score", "--metric", "online_transformer_classifier", "--features", features,
            "--targets", labels, "--scheduler", "warmup_cosine");
        Assert.NotEqual(0, code);
        Assert.Contains("'warmup_cosine'", error);
    }
}
