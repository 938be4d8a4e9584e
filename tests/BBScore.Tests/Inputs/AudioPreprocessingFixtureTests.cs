using BBScore.Formats;
using BBScore.Stimuli.Audio;

namespace BBScore.Tests.Inputs;

/// <summary>The resampler and the Whisper log-Mel against SciPy / NumPy references
/// (tests/fixtures/generate_audio_fixtures.py).</summary>
public class AudioPreprocessingFixtureTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "audio", name + ".npy");

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(22050)]
    [InlineData(8000)]
    public void ResamplingTo16kHzMatchesScipyResamplePoly(int rate)
    {
        var (input, _) = NpyFile.ReadFloat32(Fixture($"resample_in_{rate}"));
        var (expected, shape) = NpyFile.ReadFloat64(Fixture($"resample_{rate}_16000"));

        float[] actual = AudioResampler.Resample(input, rate, 16000);

        Assert.Equal(shape[0], actual.Length);
        // Float32 output of a float64 computation: float32 rounding only (3e-7 seen for a signal of amplitude ~0.6).
        double worst = expected.Select((e, i) => Math.Abs(e - actual[i])).Max();
        Assert.True(worst < 1e-6, $"largest difference {worst:g3}");
    }

    [Fact]
    public void EqualRatesAreCopiedUnchanged()
    {
        float[] wave = [0.1f, -0.2f, 0.3f];
        Assert.Equal(wave, AudioResampler.Resample(wave, 16000, 16000));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(128)]
    public void WhisperLogMelMatchesTheNumpyReference(int mels)
    {
        var (wave, _) = NpyFile.ReadFloat32(Fixture("logmel_in"));
        var (expected, shape) = NpyFile.ReadFloat64(Fixture($"logmel_{mels}"));
        Assert.Equal([mels, 256], shape);

        var actual = new float[mels * WhisperLogMel.Frames];
        new WhisperLogMel(mels).Write(wave, actual);

        double worst = 0;
        for (int m = 0; m < mels; m++)
            for (int t = 0; t < WhisperLogMel.Frames; t++)
            {
                // Frames past the reference's 256 are silence, equal to its frame 255.
                double reference = expected[m * 256 + Math.Min(t, 255)];
                worst = Math.Max(worst, Math.Abs(reference - actual[m * WhisperLogMel.Frames + t]));
            }
        // Float32 rounding of the double computation (6e-8 seen); far inside the 1e-4 the port promises.
        Assert.True(worst < 1e-6, $"largest difference {worst:g3}");
    }

    [Fact]
    public void LongSoundsAreCutAt30Seconds()
    {
        var logMel = new WhisperLogMel(80);
        var wave = Enumerable.Range(0, 40 * 16000).Select(i => (float)Math.Sin(i * 0.05)).ToArray();
        var full = new float[80 * 3000];
        var cut = new float[80 * 3000];
        logMel.Write(wave, full);
        logMel.Write(wave.AsSpan(0, 30 * 16000), cut);
        Assert.Equal(cut, full);
    }
}
