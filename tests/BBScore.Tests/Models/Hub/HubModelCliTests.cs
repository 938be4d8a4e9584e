using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>`bbscore layers`, `download --model` and `run` with a hub key against the loopback mirror.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubModelCliTests
{
    static EnvironmentVariableScope Endpoint(HubMirror mirror) =>
        new((HuggingFaceSource.EndpointVariable, mirror.BaseUrl), (HuggingFaceSource.TokenVariable, null));

    [Fact]
    public void Layers_of_a_hub_key_lists_the_module_paths_of_the_downloaded_graph()
    {
        using var mirror = new HubMirror();
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);

        var (code, output, error) = CliRun.Run(home, "layers", HubMirror.Key);

        Assert.True(code == 0, error);
        string[] lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("layer1 ", StringComparison.Ordinal) && l.Contains("(4)"));
        Assert.Contains(lines, l => l.StartsWith("layer2.0 ", StringComparison.Ordinal) && l.Contains("(3)"));
        // Downloaded into the command's data home, not the environment's.
        Assert.True(File.Exists(Path.Combine(home.ModelsDir, "hub", "Xenova--dinov2-base", "main", "onnx", "model.onnx")));
    }

    [Fact]
    public void Download_model_fetches_the_files_and_prints_where_they_are()
    {
        using var mirror = new HubMirror(externalData: true);
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        string graphDir = Path.Combine(home.ModelsDir, "hub", "Xenova--dinov2-base", "main", "onnx");

        var (code, output, error) = CliRun.Run(home, "download", "--model", HubMirror.Key);

        Assert.True(code == 0, error);
        Assert.Contains("dinov2_base: 3 file(s) ready", output);
        Assert.Contains(Path.Combine(graphDir, "model.onnx"), output);
        Assert.Contains(Path.Combine(graphDir, "model.onnx_data"), output);
        Assert.Contains(Path.Combine(graphDir, "preprocessor_config.json"), output);
        int before = mirror.TotalRequests;

        var (offlineCode, offlineOutput, offlineError) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--offline");
        Assert.True(offlineCode == 0, offlineError);
        Assert.Contains("dinov2_base: 3 file(s) ready", offlineOutput);
        Assert.Equal(before, mirror.TotalRequests);
    }

    [Fact]
    public void Download_model_offline_without_files_and_a_key_without_a_hub_export_fail_clearly()
    {
        using var mirror = new HubMirror();
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);

        var (code, _, error) = CliRun.Run(home, "download", "--model", HubMirror.Key, "--offline");
        Assert.Equal(1, code);
        Assert.Contains("bbscore download --model dinov2_base", error);

        var (builtinCode, _, builtinError) = CliRun.Run(home, "download", "--model", "resnet18");
        Assert.Equal(2, builtinCode);
        Assert.Contains("needs no download", builtinError);

        var (noneCode, _, noneError) = CliRun.Run(home, "download");
        Assert.Equal(2, noneCode);
        Assert.Contains("--model", noneError);
        Assert.Equal(0, mirror.TotalRequests);
    }

    [Fact]
    public void Run_with_a_hub_key_on_an_image_folder_downloads_once_and_scores()
    {
        using var mirror = new HubMirror(config: null); // ImageNet default: the 16x16 images are resized to the graph's 2x2
        using var env = Endpoint(mirror);
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 20);
        string targets = Path.Combine(dir.Path, "targets.npy");
        NpyFile.WriteFloat32(targets, TestRdms.Responses(20, 3, seed: 5), [20, 3]);
        string[] args = ["run", "--model", HubMirror.Key, "--layer", "layer1", "--stimuli", folder, "--targets", targets, "--metric", "ridge", "--batch-size", "8"];

        var (code, output, error) = CliRun.Run(home, args);
        Assert.True(code == 0, error);
        Assert.Contains("ridge on custom:imgs (dinov2_base)", output);
        Assert.Equal(1, mirror.Requests(HubMirror.Graph));

        var (offlineCode, offlineOutput, offlineError) = CliRun.Run(home, [.. args, "--offline"]);
        Assert.True(offlineCode == 0, offlineError);
        Assert.Contains("feature cache: hit", offlineOutput);
        Assert.Equal(1, mirror.Requests(HubMirror.Graph));
    }
}
