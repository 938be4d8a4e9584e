using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Tests.Models;

[Collection(ResNet18Collection.Name)]
public class ResNet18BuiltinTests(ResNet18Fixture fixture)
{
    readonly IFeatureModel _model = fixture.Model;

    [Fact]
    public void Stage_outputs_have_the_documented_shapes_and_pool_to_the_model_output()
    {
        var features = _model.Extract([RandomImage(224, 224, seed: 1)], ["layer1", "layer2", "layer3", "layer4", "avgpool"]);

        Assert.Equal([1, 64, 56, 56], features["layer1"].Shape);
        Assert.Equal([1, 128, 28, 28], features["layer2"].Shape);
        Assert.Equal([1, 256, 14, 14], features["layer3"].Shape);
        Assert.Equal([1, 512, 7, 7], features["layer4"].Shape);
        Assert.Equal([1, 512, 1, 1], features["avgpool"].Shape);
        var layer4 = features["layer4"].Data;
        var pooled = features["avgpool"].Data;
        Assert.Contains(pooled, v => v > 0.01f); // real activations, not zeros
        for (int c = 0; c < 512; c++)
        {
            double mean = layer4.AsSpan(c * 49, 49).ToArray().Average(v => (double)v);
            Assert.True(Math.Abs(mean - pooled[c]) <= 1e-4, $"channel {c}: mean of layer4 {mean} vs pooled {pooled[c]}");
        }
    }

    [Theory]
    [InlineData(0, "ReLU283_Output_0")]
    [InlineData(1, "ReLU315_Output_0")]
    [InlineData(2, "ReLU347_Output_0")]
    [InlineData(3, "ReLU393_Output_0")]
    public void Stage_names_users_type_resolve_to_the_stage_tensors(int stage, string tensor)
    {
        string canonical = $"resnet.encoder.stages.{stage}";

        Assert.Equal(canonical, _model.ResolveLayer($"_orig_mod.resnet.encoder.stages.{stage}"));
        Assert.Equal(canonical, _model.ResolveLayer($"resnet.encoder.stages.{stage}"));
        Assert.Equal(canonical, _model.ResolveLayer($"layer{stage + 1}"));
        Assert.Equal(tensor, _model.ListLayers().Single(l => l.Name == canonical).Tensor);
    }

    [Theory]
    [InlineData("resnet.pooler")]
    [InlineData("_orig_mod.resnet.pooler")]
    [InlineData("avgpool")]
    [InlineData("pooler")]
    public void Pooled_output_names_resolve(string name)
    {
        Assert.Equal("resnet.pooler", _model.ResolveLayer(name));
    }

    [Fact]
    public void Lists_nested_modules_with_per_stimulus_shapes()
    {
        var layers = _model.ListLayers().ToDictionary(l => l.Name);

        Assert.Equal([64, 56, 56], layers["resnet.embedder"].Shape!);
        Assert.Equal("Pooling255_Output_0", layers["resnet.embedder"].Tensor);
        Assert.Equal([64, 112, 112], layers["resnet.embedder.embedder.convolution"].Shape!);
        Assert.Contains("conv1", layers["resnet.embedder.embedder.convolution"].Aliases);
        Assert.Equal([64, 56, 56], layers["resnet.encoder.stages.0"].Shape!);
        Assert.Equal([128, 28, 28], layers["resnet.encoder.stages.1"].Shape!);
        Assert.Equal([256, 14, 14], layers["resnet.encoder.stages.2"].Shape!);
        Assert.Equal([512, 7, 7], layers["resnet.encoder.stages.3"].Shape!);
        Assert.Equal([512, 1, 1], layers["resnet.pooler"].Shape!);
        Assert.Equal([128, 28, 28], layers["resnet.encoder.stages.1.layers.0.shortcut.convolution"].Shape!);
        Assert.Contains("layer2.0.downsample.0", layers["resnet.encoder.stages.1.layers.0.shortcut.convolution"].Aliases);
        Assert.Contains("layer1.1.conv1", layers["resnet.encoder.stages.0.layers.1.layer.0.convolution"].Aliases);
        Assert.Equal([512, 7, 7], layers["resnet.encoder.stages.3.layers.1"].Shape!);
        Assert.All(layers.Values, l => Assert.NotNull(l.Shape));
        Assert.Equal("layer4.1.bn2", _model.ListLayers().Single(l => l.Name == "resnet.encoder.stages.3.layers.1.layer.1.normalization").Aliases.Single());
    }

    [Fact]
    public void A_batch_of_three_equals_three_batches_of_one()
    {
        // One 224x224 image and two that are resized first.
        RgbImage[] images = [RandomImage(224, 224, seed: 2), RandomImage(300, 200, seed: 3), RandomImage(64, 64, seed: 4)];
        string[] layers = ["layer4", "resnet.pooler"];

        var together = _model.Extract(images, layers);

        Assert.Equal([3, 512, 7, 7], together["layer4"].Shape);
        for (int i = 0; i < images.Length; i++)
        {
            var alone = _model.Extract([images[i]], layers);
            foreach (string layer in layers)
            {
                var row = together[layer].Data.AsSpan(i * together[layer].RowLength, together[layer].RowLength).ToArray();
                var single = alone[layer].Data;
                for (int k = 0; k < row.Length; k++)
                    Assert.True(Math.Abs(row[k] - single[k]) <= 1e-4 * Math.Max(1, Math.Abs(single[k])),
                        $"{layer} image {i} value {k}: {row[k]} in the batch vs {single[k]} alone");
            }
        }
    }

    [Fact]
    public void Preprocessing_equals_running_ResNetPreprocess_onnx()
    {
        var image = RandomImage(224, 224, seed: 5);
        var ours = new float[3 * 224 * 224];
        CntkMeanImagePreprocessor.Load(ResNet18Builtin.PreprocessPath).Write(image, ours);

        // The package's graph takes RGB planes with values 0..255.
        var planes = new float[3 * 224 * 224];
        for (int i = 0; i < 224 * 224; i++)
            for (int c = 0; c < 3; c++)
                planes[c * 224 * 224 + i] = image.Pixels[i * 3 + c];
        using var session = new InferenceSession(ResNet18Builtin.PreprocessPath);
        using var input = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, 224, 224]);
        using var outputs = session.Run(new RunOptions(), ["OriginalInput"], [input], ["PreprocessedInput"]);
        var reference = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        Assert.Equal(reference.Length, ours.Length);
        Assert.Equal(0f, reference.Zip(ours, (a, b) => Math.Abs(a - b)).Max());
    }

    [Fact]
    public void Identity_names_the_weights_and_the_preprocessing()
    {
        Assert.Equal("resnet18", _model.Identity.Id);
        Assert.Equal(ModelFileHash.Sha256(ResNet18Builtin.ModelPath), _model.Identity.WeightsHash);
        Assert.Matches("^[0-9a-f]{64}$", _model.Identity.WeightsHash);
        Assert.Contains("BGR", _model.Identity.Preprocessing);
        Assert.Contains("mean image", _model.Identity.Preprocessing);
        Assert.Contains("resize to 224x224", _model.Identity.Preprocessing);
    }

    [Fact]
    public void Unknown_layer_suggests_the_close_one()
    {
        var error = Assert.Throws<UnknownNameException>(() => _model.ResolveLayer("layr4"));

        Assert.Equal("layer4", error.Suggestions[0]);
        Assert.Contains("layer4", error.Message);
    }

    [Fact]
    public void Raw_cntk_node_and_tensor_names_resolve()
    {
        Assert.Equal("ReLU393_Output_0", _model.ResolveLayer("ReLU393"));
        Assert.Equal("Plus391_Output_0", _model.ResolveLayer("Plus391_Output_0"));
    }

    static RgbImage RandomImage(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        // Smooth it a little so the network sees something image-like rather than pure noise.
        for (int i = 3; i < pixels.Length; i++) pixels[i] = (byte)((pixels[i] + pixels[i - 3]) / 2);
        return new RgbImage(width, height, pixels);
    }
}
