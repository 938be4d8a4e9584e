using BBScore.Models.Catalog;
using BBScore.Models.Onnx.Feeders;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>Frame counts, rates and mean/std read from the catalogue cards' preprocessing text and the files beside a model.</summary>
public class FeederConfigTests
{
    static FeederConfig ForCard(TempDir dir, string key) => FeederConfig.Load(Path.Combine(dir.Path, "model.onnx"), ModelCards.Find(key)!.Preprocessing);

    [Fact]
    public void VideoCardsGiveFramesFpsAndMeanStd()
    {
        using var dir = new TempDir();
        var videomae = ForCard(dir, "videomae_base");
        Assert.Equal(16, videomae.CardFrames);
        Assert.Equal(6.25, videomae.CardFps);
        Assert.Equal([0.485f, 0.456f, 0.406f], videomae.CardMeanStd!.Value.Mean);

        var timesformer = ForCard(dir, "timesformer_base");
        Assert.Equal(8, timesformer.CardFrames);
        Assert.Equal(32, timesformer.CardFps);
        Assert.Equal([0.225f, 0.225f, 0.225f], timesformer.CardMeanStd!.Value.Std);

        Assert.Equal(1000.0 / 60, ForCard(dir, "resnet_lstm").CardFps);
    }

    [Fact]
    public void PreprocessorConfigNumbersComeBeforeConfigJson()
    {
        using var dir = new TempDir();
        dir.WriteText("config.json", """{"num_frames": 16, "image_size": 224}""");
        var config = FeederConfig.Load(Path.Combine(dir.Path, "model.onnx"), null);
        Assert.Equal(16, config.Number("num_frames"));
        Assert.False(config.HasPreprocessor);

        dir.WriteText("preprocessor_config.json", """{"num_frames": 8, "do_normalize": false}""");
        config = FeederConfig.Load(Path.Combine(dir.Path, "model.onnx"), null);
        Assert.Equal(8, config.Number("num_frames"));
        Assert.False(config.Bool("do_normalize"));
        Assert.Null(config.CardFps);
    }
}
