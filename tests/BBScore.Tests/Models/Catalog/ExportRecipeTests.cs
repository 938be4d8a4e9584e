using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Catalog;

public sealed class ExportRecipeTests
{
    static ModelCard Card(string key) => ModelCards.Find(key)!;

    [Theory]
    [InlineData("mae_base", "python3 tools/export_onnx.py --source transformers --name facebook/vit-mae-base --input image --key mae_base")]
    [InlineData("videomae_base", "python3 tools/export_onnx.py --source transformers --name MCG-NJU/videomae-base --input video --frames 16 --key videomae_base")]
    [InlineData("wav2vec2_base", "python3 tools/export_onnx.py --source transformers --name facebook/wav2vec2-base --input audio --key wav2vec2_base")]
    [InlineData("alexnet_untrained", "python3 tools/export_onnx.py --source torchvision --name alexnet --random-weights --key alexnet_untrained")]
    [InlineData("vgg19", "python3 tools/export_onnx.py --source timm --name vgg19.tv_in1k --key vgg19")]
    [InlineData("swin3d_t", "python3 tools/export_onnx.py --source torchvision-video --name swin3d_t --frames 16 --key swin3d_t")]
    [InlineData("glm-4.5v", "python3 tools/export_onnx.py --source glm --name zai-org/GLM-4.5V --key glm-4.5v")]
    [InlineData("glm-4.1v-9b-thinking", "python3 tools/export_onnx.py --source glm --name zai-org/GLM-4.1V-9B-Thinking --key glm-4.1v-9b-thinking")]
    [InlineData("efficientnet_b0_imagenet_full",
        "curl -fLo ep100.pt https://epfl-neuroailab-scalinglaws.s3.eu-north-1.amazonaws.com/checkpoints/efficientnet_b0_imagenet_full/ep100.pt && " +
        "python3 tools/export_onnx.py --source torchvision --name efficientnet_b0 --checkpoint ep100.pt --key efficientnet_b0_imagenet_full")]
    [InlineData("deit_small_imagenet_full_seed-0",
        "curl -fLo ep300.pt https://epfl-neuroailab-scalinglaws.s3.eu-north-1.amazonaws.com/checkpoints/deit_small_imagenet_full_seed-0/ep300.pt && " +
        "python3 tools/export_onnx.py --source timm --name deit3_small_patch16_224 --ema --checkpoint ep300.pt --key deit_small_imagenet_full_seed-0")]
    public void KnownArchitecturesGetAnExactExportCommand(string key, string command) =>
        Assert.Equal(command, ExportRecipe.Command(Card(key)));

    [Fact]
    public void NetworksOnlyTheOriginalCanBuildAreExportedFromItsRegistry()
    {
        string command = ExportRecipe.Command(Card("cornet_s"));
        Assert.StartsWith("python3 tools/export_onnx.py --source bbscore --name cornet_s --input image --key cornet_s", command);
        Assert.Contains("neuroailab/bbscore_public", command);
        Assert.Contains("--name 'convnextv2_l + swin-l'", ExportRecipe.Command(Card("convnextv2_l + swin-l")));
    }

    /// <summary>Every key either runs here (built in, computed, downloaded) or its error names the exact
    /// export command and where the export goes.</summary>
    [Fact]
    public void EveryKeyThatCannotRunSaysHowToMakeItRun()
    {
        using var home = new TempDir();
        var runnable = new HashSet<string> { "ready", "ready (offline)", "ready (offline, seeded patches)", "hub (download on first use)", "s3 checkpoint (download on first use)" };
        foreach (var summary in ModelCatalog.List(home.Path).Where(s => !runnable.Contains(s.Status)))
        {
            string message = ModelNotRunnableException.BuildMessage(Card(summary.Key), Card(summary.Key).LocalExportPath(home.Path));
            Assert.Contains(ExportRecipe.Command(Card(summary.Key)), message);
            Assert.Contains(Card(summary.Key).LocalExportPath(home.Path), message);
        }
        Assert.Contains("\n  python3 tools/export_onnx.py --source glm --name zai-org/GLM-4.5V --key glm-4.5v\n",
            ModelNotRunnableException.BuildMessage(Card("glm-4.5v"), "x"));
        Assert.Contains("--source transformers --name meta-llama/Meta-Llama-3-8B --input text --key llama3",
            ModelNotRunnableException.BuildMessage(Card("llama3"), "x"));
    }
}
