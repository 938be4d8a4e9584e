using BBScore.Tests.Models.Hub;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Onnx.Feeders;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>Clip models from ONNX: frame sampling, layout (B,T,C,H,W) or (B,C,T,H,W), exact activations.</summary>
public class OnnxClipFeederTests
{

    /// <summary>A 2x2 frame whose pixel values encode the frame number and position: 10·f + 3·p + c.</summary>
    static RgbImage Frame(int f)
    {
        var pixels = new byte[12];
        for (int p = 0; p < 4; p++)
            for (int c = 0; c < 3; c++) pixels[p * 3 + c] = (byte)(10 * f + 3 * p + c);
        return new RgbImage(2, 2, pixels);
    }

    static VideoStimulus Clip(int frames, double fps = 10) => new(Enumerable.Range(0, frames).Select(Frame).ToList(), fps);

    /// <summary>The graph input for frames <paramref name="picked"/>, flattened in the given layout.</summary>
    static double[] Flattened(RgbImage[] picked, bool channelsFirst)
    {
        var values = new List<double>();
        if (!channelsFirst)
        {
            foreach (var frame in picked)
                for (int c = 0; c < 3; c++)
                    for (int p = 0; p < 4; p++) values.Add(frame.Pixels[p * 3 + c]);
            return values.ToArray();
        }
        for (int c = 0; c < 3; c++)
            foreach (var frame in picked)
                for (int p = 0; p < 4; p++) values.Add(frame.Pixels[p * 3 + c]);
        return values.ToArray();
    }

    static OnnxFeatureModel Open(TempDir dir, bool channelsFirst)
    {
        dir.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        return OnnxFileModel.Open(TinyMediaOnnx.WriteClipModel(dir.Path, channelsFirst), new ModelOpenOptions(), InputKind.Video);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LongClipsAreLinspaceSubsampledShortOnesPaddedAndImagesStill(bool channelsFirst)
    {
        using var dir = new TempDir();
        using var model = Open(dir, channelsFirst);
        Stimulus[] batch = [Clip(8), Clip(2), new ImageStimulus(Frame(5))];
        // linspace(0, 7, 4) truncated = 0, 2, 4, 7; two frames padded with the last; an image repeated.
        RgbImage[][] expectedFrames =
        [
            [Frame(0), Frame(2), Frame(4), Frame(7)],
            [Frame(0), Frame(1), Frame(1), Frame(1)],
            [Frame(5), Frame(5), Frame(5), Frame(5)],
        ];

        var features = model.Extract(batch, ["embeddings", "encoder.layer.0"]);

        Assert.Equal([3, 48], features["embeddings"].Shape);
        Assert.Equal([3, 3], features["encoder.layer.0"].Shape);
        for (int b = 0; b < batch.Length; b++)
        {
            double[] input = Flattened(expectedFrames[b], channelsFirst);
            Assert.Equal(input.Select(v => (float)v).ToArray(), features["embeddings"].Data.AsSpan(b * 48, 48).ToArray());
            float[] expected = TinyMediaOnnx.MatMul(input, TinyMediaOnnx.ClipWeights)
                .Select(v => (float)Math.Max(0, v)).ToArray();
            Assert.Equal(expected, features["encoder.layer.0"].Data.AsSpan(b * 3, 3).ToArray());
        }
    }

    [Fact]
    public void LayoutIsReadFromTheChannelAxisAndTheFrameCountFromTheGraph()
    {
        using var dir = new TempDir();
        using var timeFirst = Open(dir, channelsFirst: false);
        var feeder = Assert.IsType<OnnxClipFeeder>(timeFirst.Feeder);
        Assert.Equal(ClipLayout.TimeFirst, feeder.Layout);
        Assert.Equal(4, feeder.Frames);
        Assert.Null(feeder.Fps); // no card, no fps in the config: the clip's own rate
        Assert.Contains("(B,T,C,H,W)", timeFirst.Identity.Preprocessing);

        using var other = new TempDir();
        using var channelsFirst = Open(other, channelsFirst: true);
        Assert.Equal(ClipLayout.ChannelsFirst, Assert.IsType<OnnxClipFeeder>(channelsFirst.Feeder).Layout);
    }

    [Fact]
    public void TheCardSuppliesFpsAndTheClipIsRetimedBeforeSampling()
    {
        using var dir = new TempDir();
        dir.WriteText("preprocessor_config.json", HubMirror.RawPixelsConfig);
        // videomae_base's card: 16 frames ... fps 6.25; the graph fixes 4 frames, which wins over the card's 16.
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteClipModel(dir.Path), new ModelOpenOptions(), InputKind.Video, "videomae_base");
        var feeder = Assert.IsType<OnnxClipFeeder>(model.Feeder);
        Assert.Equal(6.25, feeder.Fps);
        Assert.Equal(4, feeder.Frames);

        // 25 fps, 16 frames (0.64 s) → at 6.25 fps: source frames 0, 4, 8, 12 → exactly 4, no subsampling.
        var features = model.Extract(new Stimulus[] { Clip(16, fps: 25) }, ["embeddings"]);
        double[] expected = Flattened([Frame(0), Frame(4), Frame(8), Frame(12)], channelsFirst: false);
        Assert.Equal(expected.Select(v => (float)v).ToArray(), features["embeddings"].Data);
    }

    [Fact]
    public void SoundsAreRefusedNamingWhatTheModelTakes()
    {
        using var dir = new TempDir();
        using var model = Open(dir, channelsFirst: false);
        var error = Assert.Throws<NotSupportedException>(() => model.Extract(new Stimulus[] { new AudioStimulus(new float[16], 16000) }, ["embeddings"]));
        Assert.Contains("clip model takes clips", error.Message);
    }

    [Fact]
    public void A_free_frame_axis_without_num_frames_is_refused_with_the_fix()
    {
        using var dir = new TempDir();
        string path = TinyMediaOnnx.WriteClipModel(dir.Path);
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Input[0].Type.TensorType.Shape.Dim[1] = new Onnx.TensorShapeProto.Types.Dimension { DimParam = "frames" };
        var error = Assert.Throws<NotSupportedException>(() => OnnxFeeders.For(model.Graph, path, InputKind.Video));
        Assert.Contains("num_frames", error.Message);

        dir.WriteText("preprocessor_config.json", """{"num_frames": 6, "do_resize": false, "do_rescale": false, "do_normalize": false}""");
        Assert.Equal(6, Assert.IsType<OnnxClipFeeder>(OnnxFeeders.For(model.Graph, path, InputKind.Video)).Frames);
    }
}
