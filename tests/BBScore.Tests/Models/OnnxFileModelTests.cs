using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using System.Security.Cryptography;
using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Stimuli;

namespace BBScore.Tests.Models;

public class OnnxFileModelTests
{

    [Fact]
    public void Module_outputs_are_the_known_activations()
    {
        using var folder = new TempDir();
        folder.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));
        RgbImage[] images = [Image2x2(0), Image2x2(7)];

        var features = model.Extract(images, TinyPyTorchOnnx.ModulesInOrder);

        for (int b = 0; b < images.Length; b++)
        {
            var expected = TinyPyTorchOnnx.Expected(FlattenChw(images[b]));
            foreach (string module in TinyPyTorchOnnx.ModulesInOrder)
            {
                var tensor = features[module];
                Assert.Equal([2, expected[module].Length], tensor.Shape);
                Assert.Equal(expected[module], tensor.Data.AsSpan(b * tensor.RowLength, tensor.RowLength).ToArray());
            }
        }
    }

    [Fact]
    public void Resolves_module_paths_raw_names_and_prefixes()
    {
        using var folder = new TempDir();
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));

        Assert.Equal("layer1", model.ResolveLayer("layer1"));
        Assert.Equal("layer2", model.ResolveLayer("layer2"));
        Assert.Equal("layer2.0", model.ResolveLayer("layer2.0"));
        Assert.Equal("layer1", model.ResolveLayer("_orig_mod.layer1"));
        Assert.Equal("layer2.1.relu", model.ResolveLayer("layer2.1.relu"));
        Assert.Equal("layer2.0", model.ResolveLayer("model.layer2.0")); // a head prefix the graph does not have
        Assert.Equal("/layer1/relu/Relu_output_0", model.ResolveLayer("/layer1/relu/Relu_output_0"));
        Assert.Equal("/layer2/layer2.1/Sub_output_0", model.ResolveLayer("/layer2/layer2.1/Sub")); // node name → its output
        var ambiguous = Assert.Throws<UnknownNameException>(() => model.ResolveLayer("fc"));
        Assert.Contains("fits several layers (layer1.fc, layer2.0.fc, layer2.1.fc)", ambiguous.Message);
    }

    [Fact]
    public void Raw_tensor_names_extract_intermediate_values()
    {
        using var folder = new TempDir();
        folder.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));
        var image = Image2x2(3);

        var sub = model.Extract([image], ["/layer2/layer2.1/Sub_output_0"])["/layer2/layer2.1/Sub_output_0"];

        var expected = TinyPyTorchOnnx.Expected(FlattenChw(image))["layer2.1.fc"]
            .Select(v => Math.Max(0f, v) - TinyPyTorchOnnx.SubtractedInLayer2_1).ToArray();
        Assert.Equal(expected, sub.Data);
    }

    [Fact]
    public void Lists_nested_module_paths_with_shapes()
    {
        using var folder = new TempDir();
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));

        var layers = model.ListLayers();

        Assert.Equal(TinyPyTorchOnnx.ModulesInOrder, layers.Select(l => l.Name));
        var byName = layers.ToDictionary(l => l.Name);
        Assert.Equal([12], byName["flatten"].Shape!);
        Assert.Equal([4], byName["layer1"].Shape!);
        Assert.Equal([3], byName["layer2.0"].Shape!);
        Assert.Equal([2], byName["layer2"].Shape!);
        Assert.Equal([1], byName["head"].Shape!);
        Assert.Equal("/layer1/relu/Relu_output_0", byName["layer1"].Tensor); // not the trailing Constant
        Assert.Equal("/layer2/layer2.1/relu_1/Relu_output_0", byName["layer2.1.relu"].Tensor); // last call of a reused module
    }

    [Fact]
    public void Preprocessor_config_beside_the_file_is_honoured()
    {
        using var folder = new TempDir();
        folder.WriteText("preprocessor_config.json", """
            {"image_processor_type": "ViTImageProcessor", "do_resize": true, "size": {"height": 2, "width": 2}, "resample": 2,
             "do_rescale": true, "rescale_factor": 0.00392156862745098,
             "do_normalize": true, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.25, 0.5, 1.0]}
            """);
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));
        // 4x2 image; Pillow's bilinear halving of the width gives rows [50,60,70 | 160,170,180] and [55,65,75 | 165,175,185].
        var image = new RgbImage(4, 2, [0, 10, 20, 70, 80, 90, 140, 150, 160, 210, 220, 230, 5, 15, 25, 75, 85, 95, 145, 155, 165, 215, 225, 235]);
        byte[][] resizedPlanes = [[50, 160, 55, 165], [60, 170, 65, 175], [70, 180, 75, 185]];
        float[] std = [0.25f, 0.5f, 1f];

        var flattened = model.Extract([image], ["flatten"])["flatten"].Data;

        var expected = Enumerable.Range(0, 3)
            .SelectMany(c => resizedPlanes[c].Select(v => ((float)(v * 0.00392156862745098) - 0.5f) / std[c]))
            .ToArray();
        Assert.Equal(expected, flattened);
        Assert.StartsWith("preprocessor_config.json (ViTImageProcessor)", model.Identity.Preprocessing);
        Assert.Contains("resize to 2x2", model.Identity.Preprocessing);
        Assert.Contains("Pillow bilinear", model.Identity.Preprocessing);
        Assert.Contains("normalize mean (0.5, 0.5, 0.5) std (0.25, 0.5, 1)", model.Identity.Preprocessing);
    }

    [Fact]
    public void Without_config_the_imagenet_default_is_used_and_described()
    {
        using var folder = new TempDir();
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));
        var image = Image2x2(100);
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];

        var flattened = model.Extract([image], ["flatten"])["flatten"].Data;

        var raw = FlattenChw(image);
        var expected = raw.Select((v, i) => ((float)(v * (1.0 / 255.0)) - mean[i / 4]) / std[i / 4]).ToArray();
        Assert.Equal(expected, flattened);
        string description = model.Identity.Preprocessing;
        Assert.StartsWith("ImageNet default", description);
        Assert.Contains("resize to 2x2", description);
        Assert.Contains("normalize mean (0.485, 0.456, 0.406) std (0.229, 0.224, 0.225)", description);
    }

    [Fact]
    public void Default_preprocessing_resizes_other_sizes_to_the_graph_input()
    {
        using var folder = new TempDir();
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));

        var small = model.Extract([Uniform(2, 2)], ["flatten"])["flatten"].Data;
        var large = model.Extract([Uniform(5, 3)], ["flatten"])["flatten"].Data;

        Assert.Equal(small, large);
    }

    [Fact]
    public void Fixed_batch_graph_with_baked_shapes_runs_one_stimulus_at_a_time()
    {
        using var folder = new TempDir();
        folder.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path, fixedBatchWithReshape: true));
        RgbImage[] images = [Image2x2(0), Image2x2(20), Image2x2(40)];

        var head = model.Extract(images, ["head"])["head"];

        Assert.Equal(BatchMode.PerStimulus, Assert.IsType<OnnxFeatureModel>(model).BatchMode);
        Assert.Equal([3, 1], head.Shape);
        Assert.Equal(images.Select(i => TinyPyTorchOnnx.Expected(FlattenChw(i))["head"][0]), head.Data);
    }

    [Fact]
    public void Weights_in_an_external_data_file_are_read_and_hashed()
    {
        using var folder = new TempDir();
        folder.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        string path = TinyPyTorchOnnx.WriteTo(folder.Path, externalData: true);
        using var model = ModelCatalog.Open(path);
        var image = Image2x2(5);

        var head = model.Extract([image], ["head"])["head"];

        Assert.Equal(TinyPyTorchOnnx.Expected(FlattenChw(image))["head"], head.Data);
        Assert.NotEqual(ModelFileHash.Sha256(path), model.Identity.WeightsHash); // the data file is part of the hash
        Assert.Equal(ModelFileHash.Sha256([path, Path.Combine(folder.Path, "model.onnx_data")]), model.Identity.WeightsHash);
    }

    [Fact]
    public void Unknown_layer_suggests_close_names()
    {
        using var folder = new TempDir();
        using var model = ModelCatalog.Open(TinyPyTorchOnnx.WriteTo(folder.Path));

        var error = Assert.Throws<UnknownNameException>(() => model.ResolveLayer("layr1"));

        Assert.Equal("layer1", error.Suggestions[0]);
    }

    [Fact]
    public void Identity_is_the_full_path_and_the_file_sha256()
    {
        using var folder = new TempDir();
        string path = TinyPyTorchOnnx.WriteTo(folder.Path);
        using var model = ModelCatalog.Open(path);

        Assert.Equal(Path.GetFullPath(path), model.Identity.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), model.Identity.WeightsHash);
    }

    /// <summary>Pixel values offset + 0..11 in R,G,B order, row-major.</summary>
    static RgbImage Image2x2(int offset) => new(2, 2, Enumerable.Range(0, 12).Select(i => (byte)(offset + i)).ToArray());

    static RgbImage Uniform(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)10, (byte)120, (byte)240);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>The image as the model's flatten sees it: channel planes, each row-major.</summary>
    static float[] FlattenChw(RgbImage image)
    {
        int plane = image.Width * image.Height;
        var values = new float[3 * plane];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < plane; i++)
                values[c * plane + i] = image.Pixels[i * 3 + c];
        return values;
    }
}
