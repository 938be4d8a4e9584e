using System.Text.Json;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Tests.Inputs;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using BBScore.Tests.Tvsd;

namespace BBScore.Tests.Online;

/// <summary>The lecture's online TVSD commands, as written, on the TVSD fixture served at the GCS paths: dinov2_base from
/// a loopback hub on OnlineTVSDV4 and a local videomae_base export on OnlineTVSDIT, each storing the online regressor's
/// keys; a second run streams from the feature cache; an offline metric is refused by name before anything is fetched.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class OnlineTvsdLectureTests
{
    static (int Code, string Out, string Err, DataHome Home) Run(TempDir dir, params string[] args)
    {
        using var fixture = new TvsdFixture();
        using var env = new EnvironmentVariableScope((GcsSource.EndpointVariable, fixture.Server.BaseUrl + "/gcs"), (GcsSource.BaseUrlVariable, null));
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        var (code, output, error) = CliRun.Run(home, args);
        return (code, output, error, home);
    }

    static JsonElement StoredMetrics(DataHome home) =>
        JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(home.ResultsDir, "*.json").Single())).RootElement.GetProperty("metrics");

    [Fact]
    public void Dinov2_blocks_11_on_OnlineTVSDV4_stores_the_regressors_keys_and_streams_the_cache_on_a_second_run()
    {
        using var dir = new TempDir();
        using var hub = TinyModelHub.ImageModel();
        string[] command = ["run", "--model", "dinov2_base", "--layer", "blocks.11", "--benchmark", "OnlineTVSDV4", "--metric", "online_linear_regressor"];

        var (code, output, error, home) = Run(dir, command);

        Assert.True(code == 0, error);
        Assert.Contains("score (ceiled_pearson_corr_median)", output);
        Assert.Contains("memory bounded by one batch", error);
        Assert.Contains("epoch 1/100", error);
        var metrics = StoredMetrics(home);
        foreach (string key in new[] { "mse", "r2_score_uniform", "r2_score_weighted", "pearson_corr_mean", "pearson_corr_median", "r2_mean_score",
                     "r2_median_score", "ceiled_pearson_corr_median", "best_val_score_during_grid_search" })
            Assert.True(metrics.GetProperty(key).ValueKind == JsonValueKind.Number, key);
        Assert.Equal(448, metrics.GetProperty("pearson_corr_raw").GetArrayLength()); // V4 channels of both monkeys
        Assert.Equal(4, metrics.GetProperty("preds").GetArrayLength()); // the fixture's test images
        Assert.Equal(6, metrics.GetProperty("grid").GetProperty("lr").GetArrayLength()); // [1e-3, 1e-4] x [0, 0.1, 0.2]
        Assert.True(metrics.GetProperty("best_hyperparams").GetProperty("lr").GetDouble() is 1e-3 or 1e-4);

        // Same run again: the features come from the cache (no model run), and the result is the same for the seed.
        var first = metrics.GetProperty("pearson_corr_median").GetDouble();
        Directory.Delete(home.ResultsDir, recursive: true);
        using var fixture = new TvsdFixture();
        using var env = new EnvironmentVariableScope((GcsSource.EndpointVariable, fixture.Server.BaseUrl + "/gcs"));
        var (again, _, againError) = CliRun.Run(home, command);
        Assert.True(again == 0, againError);
        Assert.Contains("feature cache hit", againError);
        Assert.Equal(first, StoredMetrics(home).GetProperty("pearson_corr_median").GetDouble());
    }

    [Fact]
    public void Videomae_encoder_layer_11_on_OnlineTVSDIT()
    {
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(home.ModelsDir, "videomae_base");
        TinyMediaOnnx.WriteClipModel(folder, module: "encoder.layer.11");
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);

        var (code, output, error, _) = Run(dir, "run", "--model", "videomae_base", "--layer", "encoder.layer.11", "--benchmark", "OnlineTVSDIT",
            "--metric", "online_linear_regressor", "--epochs", "3");

        Assert.True(code == 0, error);
        Assert.Contains("score (ceiled_pearson_corr_median)", output);
        Assert.Equal(576, StoredMetrics(home).GetProperty("pearson_corr_raw").GetArrayLength());
    }

    [Fact]
    public void An_offline_metric_on_an_online_benchmark_names_the_online_ones_before_any_download()
    {
        using var dir = new TempDir();
        var (code, _, error, home) = Run(dir, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "OnlineTVSDV4", "--metric", "ridge");

        Assert.Equal(2, code);
        Assert.Contains("online_linear_regressor", error);
        Assert.False(Directory.Exists(Path.Combine(home.Root, "datasets")), "nothing may be downloaded");
    }

    [Fact]
    public void The_online_regressor_maps_one_monkey_to_the_other()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = Run(dir, "run", "--model", "None", "--benchmark", "TVSDMonkeyFV1toNV1", "--metric", "online_linear_regressor",
            "--epochs", "2", "--lr", "1e-3");

        Assert.True(code == 0, error);
        Assert.Contains("ceiled_pearson_corr_median", output);
        var metrics = StoredMetrics(home);
        Assert.Equal(3, metrics.GetProperty("grid").GetProperty("lr").GetArrayLength()); // --lr 1e-3 x the three L2 weights
        Assert.Equal(2, metrics.GetProperty("training_curve").GetProperty("loss").GetArrayLength());
    }
}
