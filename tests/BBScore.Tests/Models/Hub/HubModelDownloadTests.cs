using System.Net;
using BBScore.Data.Download;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Hub;

/// <summary>A hub card opens by downloading its export from HF_ENDPOINT once (graph, config beside it, external
/// data), runs like any ONNX file, and offline without the files says how to get them.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubModelDownloadTests
{
    static EnvironmentVariableScope Endpoint(HubMirror mirror) =>
        new((HuggingFaceSource.EndpointVariable, mirror.BaseUrl), (HuggingFaceSource.TokenVariable, null));

    static ModelCard Card => ModelCards.Find(HubMirror.Key)!;

    static RgbImage Image2x2(int offset) => new(2, 2, Enumerable.Range(0, 12).Select(i => (byte)(offset + i)).ToArray());

    /// <summary>The image as the graph sees it without preprocessing: C×H×W.</summary>
    static float[] FlattenChw(RgbImage image) =>
        Enumerable.Range(0, 12).Select(k => (float)image.Pixels[k % 4 * 3 + k / 4]).ToArray();

    static void AssertLayer1IsExact(IFeatureModel model)
    {
        var image = Image2x2(5);
        var features = model.Extract([image], ["layer1"]);
        Assert.Equal(TinyPyTorchOnnx.Expected(FlattenChw(image))["layer1"], features["layer1"].Data);
    }

    [Fact]
    public void First_open_downloads_graph_and_config_and_the_second_downloads_nothing()
    {
        using var mirror = new HubMirror();
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        Assert.Equal("hub (download on first use)", Card.Status(models));

        using (var model = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models))
        {
            AssertLayer1IsExact(model);
            Assert.Equal(HubMirror.Key, model.Identity.Id);
            Assert.Contains("preprocessor_config.json", model.Identity.Preprocessing);
        }
        string graphDir = Path.Combine(models, "hub", "Xenova--dinov2-base", "main", "onnx");
        Assert.Equal(mirror.Files[HubMirror.Graph], File.ReadAllBytes(Path.Combine(graphDir, "model.onnx")));
        Assert.Equal(HubMirror.RawPixelsConfig, File.ReadAllText(Path.Combine(graphDir, "preprocessor_config.json")));
        Assert.Equal((1, 1), (mirror.Requests(HubMirror.Graph), mirror.Requests(HubMirror.Config)));
        Assert.Equal("ready (downloaded)", Card.Status(models));

        int before = mirror.TotalRequests;
        using (var again = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models)) AssertLayer1IsExact(again);
        Assert.Equal(before, mirror.TotalRequests);
    }

    [Fact]
    public void External_data_named_by_the_graph_is_fetched_beside_it()
    {
        using var mirror = new HubMirror(externalData: true);
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        using var model = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models);

        Assert.Equal(1, mirror.Requests(HubMirror.ExternalData));
        string data = Path.Combine(models, "hub", "Xenova--dinov2-base", "main", "onnx", "model.onnx_data");
        Assert.Equal(mirror.Files[HubMirror.ExternalData], File.ReadAllBytes(data));
        AssertLayer1IsExact(model); // the weights come from the downloaded data file
    }

    [Fact]
    public void A_repository_without_preprocessor_config_uses_the_ImageNet_default_and_is_not_asked_again()
    {
        using var mirror = new HubMirror(config: null);
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        using (var model = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models))
            Assert.Contains("ImageNet default", model.Identity.Preprocessing);
        Assert.Equal(1, mirror.Requests(HubMirror.Config));
        Assert.Equal("ready (downloaded)", Card.Status(models));

        using (var again = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models))
            Assert.Contains("ImageNet default", again.Identity.Preprocessing);
        Assert.Equal(1, mirror.Requests(HubMirror.Config));
    }

    [Fact]
    public void A_refused_preprocessor_config_is_an_error_not_a_missing_file()
    {
        using var mirror = new HubMirror();
        mirror.Failures[HubMirror.Config] = HttpStatusCode.Forbidden;
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        var error = Assert.Throws<DownloadException>(() => ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models));

        Assert.Contains("HF_TOKEN", error.Message);
        Assert.Equal("hub (download on first use)", Card.Status(models));
    }

    [Fact]
    public void Offline_without_the_files_names_the_download_command_and_the_target_path()
    {
        using var mirror = new HubMirror();
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");

        var error = Assert.Throws<HubModelUnavailableException>(() =>
            ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions { Offline = true }, models));

        Assert.Contains("bbscore download --model dinov2_base", error.Message);
        // Not yet pinned: the files go to the folder of the commit 'main' points to when downloaded.
        Assert.Contains(Path.Combine(models, "hub", "Xenova--dinov2-base", "<commit>", "onnx", "model.onnx"), error.Message);
        Assert.Equal(0, mirror.TotalRequests);
    }

    [Fact]
    public void Offline_with_the_files_opens_without_the_network()
    {
        using var mirror = new HubMirror();
        using var env = Endpoint(mirror);
        using var home = new TempDir();
        string models = Path.Combine(home.Path, "models");
        ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions(), models).Dispose();
        int before = mirror.TotalRequests;

        using var model = ModelCatalog.Open(HubMirror.Key, new ModelOpenOptions { Offline = true }, models);

        AssertLayer1IsExact(model);
        Assert.Equal(before, mirror.TotalRequests);
    }
}
