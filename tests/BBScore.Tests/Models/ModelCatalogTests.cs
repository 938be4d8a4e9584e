using BBScore.Models;

namespace BBScore.Tests.Models;

public class ModelCatalogTests
{
    [Fact]
    public void Unknown_model_id_suggests_close_keys_and_the_onnx_path_option()
    {
        var error = Assert.Throws<UnknownNameException>(() => ModelCatalog.Open("resnet81", new ModelOpenOptions()));

        Assert.Contains("resnet18", error.Suggestions);
        Assert.Contains(".onnx", error.Message);
    }

    [Fact]
    public void Lists_the_builtin_resnet18_as_ready()
    {
        var row = ModelCatalog.List().Single(r => r.Key == "resnet18");

        Assert.Equal(("resnet18", "image", "ready"), (row.Key, row.Kind, row.Status));
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", row.Source);
    }

    [Fact]
    public void Cuda_on_the_cpu_build_fails_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Open("resnet18", new ModelOpenOptions { Device = "cuda:0" }));

        Assert.Contains("CPU build of ONNX Runtime", error.Message);
        Assert.Contains("--device cpu", error.Message);
    }

    [Fact]
    public void Unknown_device_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ModelCatalog.Open("resnet18", new ModelOpenOptions { Device = "tpu" }));
    }

    [Fact]
    public void Missing_onnx_file_says_which_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ModelCatalog.Open("/nonexistent/folder/model.onnx", new ModelOpenOptions()));

        Assert.Contains("/nonexistent/folder/model.onnx", error.Message);
    }
}
