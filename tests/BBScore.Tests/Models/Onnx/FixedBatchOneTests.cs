using BBScore.Tests.Models.Hub;
using BBScore.Features;
using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Stimuli;
using BBScore.Tests.Support;
using Google.Protobuf;
using Onnx;

namespace BBScore.Tests.Models.Onnx;

/// <summary>Graphs exported with the batch fixed at 1 and that 1 baked into their shapes (GLM exports from
/// <c>tools/export_onnx.py --source glm</c>) run one graph row per call: images one by one, clips frame by frame.</summary>
public sealed class FixedBatchOneTests
{
    static readonly string[] Layers = ["flatten", "layer1", "layer2.1", "head"];

    [Fact]
    public void Three_images_give_the_features_of_each_run_alone()
    {
        using var folder = new TempDir();
        using var model = Open(folder, withUnbatchedTensor: false);
        RgbImage[] images = [Image(0), Image(20), Image(40)];

        var together = model.Extract(images, Layers);

        Assert.Equal(BatchMode.PerStimulus, Assert.IsType<OnnxFeatureModel>(model).BatchMode);
        for (int b = 0; b < images.Length; b++)
        {
            var alone = model.Extract([images[b]], Layers);
            foreach (string layer in Layers)
            {
                Assert.Equal([3, .. alone[layer].Shape[1..]], together[layer].Shape);
                Assert.Equal(alone[layer].Data, Row(together[layer], b));
            }
        }
    }

    [Fact]
    public void Clips_run_frame_by_frame_and_are_regrouped_per_clip()
    {
        using var folder = new TempDir();
        using var model = Open(folder, withUnbatchedTensor: false);
        RgbImage[][] clips = [[Image(0), Image(10), Image(20)], [Image(30), Image(40), Image(50)]];

        var head = model.Extract(clips.Select(Stimulus (frames) => new VideoStimulus(frames, 30)).ToList(), ["head"])["head"];

        Assert.Equal([2, 3, 1], head.Shape);
        var frames = clips.SelectMany(c => c).ToList();
        Assert.Equal(frames.SelectMany(f => model.Extract([f], ["head"])["head"].Data), head.Data);
    }

    [Fact]
    public void A_tensor_without_a_batch_axis_is_the_one_stimulus_row()
    {
        using var folder = new TempDir();
        using var model = Open(folder, withUnbatchedTensor: true);
        RgbImage[] images = [Image(0), Image(20), Image(40)];

        var unbatched = model.Extract(images, ["unbatched"])["unbatched"];
        var flatten = model.Extract(images, ["flatten"])["flatten"];

        Assert.Equal([3, 12], unbatched.Shape);
        Assert.Equal(flatten.Data, unbatched.Data);
        var listed = model.ListLayers().Single(l => l.Name == "unbatched").Shape;
        Assert.NotNull(listed);
        Assert.Equal([12], listed);
    }

    /// <summary>The tiny fixed-batch graph (<see cref="TinyPyTorchOnnx"/>), optionally with a module whose output
    /// drops the batch axis, as GLM's vision blocks do: <c>/unbatched/Reshape</c> of the flattened image to [12].</summary>
    static IFeatureModel Open(TempDir folder, bool withUnbatchedTensor)
    {
        folder.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        var model = TinyPyTorchOnnx.Build(fixedBatchWithReshape: true);
        if (withUnbatchedTensor)
        {
            var shape = new TensorProto { Name = "unbatched.shape", DataType = (int)TensorProto.Types.DataType.Int64 };
            shape.Dims.Add(1);
            shape.Int64Data.Add(12);
            model.Graph.Initializer.Add(shape);
            var reshape = new NodeProto { Name = "/unbatched/Reshape", OpType = "Reshape" };
            reshape.Input.AddRange(["/flatten/Flatten_output_0", "unbatched.shape"]);
            reshape.Output.Add("/unbatched/Reshape_output_0");
            model.Graph.Node.Add(reshape);
        }
        string path = Path.Combine(folder.Path, "model.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return ModelCatalog.Open(path);
    }

    static float[] Row(FeatureTensor tensor, int row) => tensor.Data.AsSpan(row * tensor.RowLength, tensor.RowLength).ToArray();

    /// <summary>A 2×2 image with pixel values offset + 0..11.</summary>
    static RgbImage Image(int offset) => new(2, 2, Enumerable.Range(0, 12).Select(i => (byte)(offset + i)).ToArray());
}
