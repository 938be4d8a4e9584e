using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Onnx.Feeders;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>Sound models from ONNX: wav2vec2-style waveforms and Whisper log-Mel features, with the
/// audio postprocess (mean over time of (B, frames, D) outputs).</summary>
public class OnnxAudioFeederTests
{
    static float[] Wave(int length, int seed) =>
        Enumerable.Range(0, length).Select(i => (float)(Math.Sin(0.37 * i * seed) * 0.5 + 0.1 * seed)).ToArray();

    /// <summary>What the tiny waveform graph gives after the time mean, from the normalised wave.</summary>
    static double[] ExpectedWaveformFeatures(float[] wave, bool normalize)
    {
        double mean = wave.Average(v => (double)v);
        double variance = wave.Average(v => (v - mean) * (v - mean));
        double[] x = wave.Select(v => normalize ? (double)(float)((v - mean) / Math.Sqrt(variance + 1e-7)) : v).ToArray();
        var sum = new double[2];
        for (int t = 0; t < x.Length / 4; t++)
        {
            var y = TinyMediaOnnx.MatMul(x.AsSpan(t * 4, 4), TinyMediaOnnx.WaveWeights);
            sum[0] += y[0];
            sum[1] += y[1];
        }
        return sum.Select(s => s / (x.Length / 4)).ToArray();
    }

    [Fact]
    public void WaveformsAreNormalisedPerSoundAndRankThreeOutputsAveragedOverTime()
    {
        using var dir = new TempDir();
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteWaveformModel(dir.Path), new ModelOpenOptions(), InputKind.Audio);
        float[] first = Wave(64, 1), second = Wave(64, 3);

        var features = model.Extract(new Stimulus[] { new AudioStimulus(first, 16000), new AudioStimulus(second, 16000) }, ["encoder.proj", "encoder.frames"]);

        Assert.Equal([2, 2], features["encoder.proj"].Shape);
        Assert.Equal([2, 4], features["encoder.frames"].Shape); // (B, 16, 4) → mean over the 16 frames
        double[][] expected = [ExpectedWaveformFeatures(first, true), ExpectedWaveformFeatures(second, true)];
        for (int b = 0; b < 2; b++)
            for (int d = 0; d < 2; d++)
                Assert.Equal(expected[b][d], features["encoder.proj"].Data[b * 2 + d], 1e-5);
        Assert.Contains("zero mean unit variance", model.Identity.Preprocessing);
    }

    [Fact]
    public void DoNormalizeFalseFeedsTheRawWaveAndOtherRatesAreResampledTo16kHz()
    {
        using var dir = new TempDir();
        dir.WriteText("preprocessor_config.json", """{"do_normalize": false, "sampling_rate": 16000}""");
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteWaveformModel(dir.Path), new ModelOpenOptions(), InputKind.Audio);
        float[] wave = Wave(64, 2);
        var features = model.Extract(new Stimulus[] { new AudioStimulus(wave, 16000) }, ["encoder.proj"]);
        double[] expected = ExpectedWaveformFeatures(wave, normalize: false);
        Assert.Equal(expected[0], features["encoder.proj"].Data[0], 1e-5);
        Assert.Equal(expected[1], features["encoder.proj"].Data[1], 1e-5);

        // 32 kHz: the graph sees the resampled wave (half as many samples).
        float[] at32k = Wave(128, 2);
        float[] resampled = AudioResampler.Resample(at32k, 32000, 16000);
        Assert.Equal(64, resampled.Length);
        var fromResampled = model.Extract(new Stimulus[] { new AudioStimulus(at32k, 32000) }, ["encoder.proj"]);
        double[] expectedResampled = ExpectedWaveformFeatures(resampled, normalize: false);
        Assert.Equal(expectedResampled[0], fromResampled["encoder.proj"].Data[0], 1e-5);
    }

    [Fact]
    public void SoundsOfDifferentLengthsRunAloneSoBatchMatesDoNotChangeThem()
    {
        using var dir = new TempDir();
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteWaveformModel(dir.Path), new ModelOpenOptions(), InputKind.Audio);
        float[] longer = Wave(64, 1), shorter = Wave(32, 3);
        var together = model.Extract(new Stimulus[] { new AudioStimulus(longer, 16000), new AudioStimulus(shorter, 16000) }, ["encoder.proj"]);
        var alone = model.Extract(new Stimulus[] { new AudioStimulus(shorter, 16000) }, ["encoder.proj"]);

        // Zero padding to the longer sound would halve the short one's time mean; run alone it keeps its own.
        double[] own = ExpectedWaveformFeatures(shorter, true);
        Assert.Equal(own[0], together["encoder.proj"].Data[2], 1e-5);
        Assert.Equal(own[1], together["encoder.proj"].Data[3], 1e-5);
        Assert.Equal(alone["encoder.proj"].Data, together["encoder.proj"].Data[2..4]);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(128)]
    public void WhisperEncodersGetLogMelFeaturesWithMelsFromTheGraph(int mels)
    {
        using var dir = new TempDir();
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteLogMelModel(dir.Path, mels), new ModelOpenOptions(), InputKind.Audio);
        var feeder = Assert.IsType<OnnxLogMelFeeder>(model.Feeder);
        Assert.Contains($"{mels} mels", feeder.Description);
        float[] wave = Wave(8000, 1);

        var features = model.Extract(new Stimulus[] { new AudioStimulus(wave, 16000) }, ["encoder.proj"]);

        var logMel = new float[mels * 3000];
        new WhisperLogMel(mels).Write(wave, logMel);
        var weights = TinyMediaOnnx.MelWeights(mels);
        for (int d = 0; d < 2; d++)
        {
            double sum = 0;
            for (int t = 0; t < 3000; t++)
                for (int m = 0; m < mels; m++) sum += logMel[m * 3000 + t] * weights[m, d];
            Assert.Equal(sum / 3000, features["encoder.proj"].Data[d], 1e-3);
        }
        Assert.Equal([1, 2], features["encoder.proj"].Shape);
    }

    [Fact]
    public void AFreeMelAxisTakesTheMelCountFromTheConvReadingTheFeatures()
    {
        using var dir = new TempDir();
        string path = TinyMediaOnnx.WriteLogMelModel(dir.Path, 128);
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        model.Graph.Input[0].Type.TensorType.Shape.Dim[1] = new Onnx.TensorShapeProto.Types.Dimension { DimParam = "feature_size" };
        var weight = new Onnx.TensorProto { Name = "conv1.weight", DataType = (int)Onnx.TensorProto.Types.DataType.Float };
        weight.Dims.AddRange([2, 128, 3]);
        model.Graph.Initializer.Add(weight);
        var conv = new Onnx.NodeProto { Name = "/conv1/Conv", OpType = "Conv" };
        conv.Input.AddRange(["input_features", "conv1.weight"]);
        conv.Output.Add("/conv1/Conv_output_0");
        model.Graph.Node.Add(conv);

        var feeder = Assert.IsType<OnnxLogMelFeeder>(OnnxFeeders.For(model.Graph, path, InputKind.Audio));
        Assert.Contains("128 mels", feeder.Description);

        model.Graph.Node.Remove(conv);
        dir.WriteText("preprocessor_config.json", """{"feature_size": 80}""");
        Assert.Contains("80 mels", OnnxFeeders.For(model.Graph, path, InputKind.Audio).Description);
    }

    [Fact]
    public void ClipsGivenToAnAudioModelAreRefused()
    {
        using var dir = new TempDir();
        using var model = OnnxFileModel.Open(TinyMediaOnnx.WriteWaveformModel(dir.Path), new ModelOpenOptions(), InputKind.Audio);
        var clip = new VideoStimulus([new RgbImage(1, 1, [0, 0, 0])], 1);
        var error = Assert.Throws<NotSupportedException>(() => model.Extract(new Stimulus[] { clip }, ["encoder.proj"]));
        Assert.Contains("audio model takes sounds", error.Message);
    }
}
