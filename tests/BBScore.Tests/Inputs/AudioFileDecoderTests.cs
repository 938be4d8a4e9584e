using System.Buffers.Binary;
using BBScore.Stimuli.Audio;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>WAV decoding in C# (sample formats, mono mixing) and other formats through ffmpeg.</summary>
public class AudioFileDecoderTests
{
    /// <summary>A RIFF/WAVE file with the given fmt fields and raw sample bytes (and an extra chunk before data).</summary>
    internal static byte[] Wav(ushort format, ushort channels, int rate, ushort bits, byte[] samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + 16 + 8 + 3 + 1 + 8 + samples.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write(format);
        writer.Write(channels);
        writer.Write(rate);
        writer.Write(rate * channels * bits / 8);
        writer.Write((ushort)(channels * bits / 8));
        writer.Write(bits);
        writer.Write("JUNK"u8); // an odd-sized chunk the reader must skip, with its pad byte
        writer.Write(3);
        writer.Write(new byte[] { 1, 2, 3, 0 });
        writer.Write("data"u8);
        writer.Write(samples.Length);
        writer.Write(samples);
        return stream.ToArray();
    }

    [Fact]
    public void Pcm16StereoIsScaledAndMixedToMono()
    {
        short[] interleaved = [16384, -16384, 32767, 32767, -32768, 0];
        var bytes = new byte[interleaved.Length * 2];
        for (int i = 0; i < interleaved.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), interleaved[i]);

        var sound = WavFileDecoder.Decode(Wav(1, 2, 22050, 16, bytes), "x.wav");

        Assert.Equal(22050, sound.SampleRate);
        Assert.Equal([0f, 32767f / 32768f, -0.5f], sound.Samples);
    }

    [Fact]
    public void Pcm24And32AndFloat32AreRead()
    {
        byte[] pcm24 = [0x00, 0x00, 0x40, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF]; // 0.5, -1, -1/2^23
        Assert.Equal([0.5f, -1f, (float)(-1 / 8388608.0)], WavFileDecoder.Decode(Wav(1, 1, 16000, 24, pcm24), "a.wav").Samples);

        var pcm32 = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(pcm32, int.MinValue / 4);
        BinaryPrimitives.WriteInt32LittleEndian(pcm32.AsSpan(4), 1 << 30);
        Assert.Equal([-0.25f, 0.5f], WavFileDecoder.Decode(Wav(1, 1, 16000, 32, pcm32), "b.wav").Samples);

        var float32 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(float32, 0.125f);
        BinaryPrimitives.WriteSingleLittleEndian(float32.AsSpan(4), -0.75f);
        Assert.Equal([0.125f, -0.75f], WavFileDecoder.Decode(Wav(3, 1, 48000, 32, float32), "c.wav").Samples);
    }

    [Fact]
    public void ABrokenWavNamesTheFile()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "broken.wav");
        File.WriteAllBytes(path, "RIFF\0\0\0\0WAVEjunk"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => AudioFileDecoder.Decode(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("no fmt chunk", error.Message);
    }

    [Fact]
    public void FlacGoesThroughFfmpegAt16kHzMono()
    {
        using var dir = new TempDir();
        string wav = Path.Combine(dir.Path, "tone.wav"), flac = Path.Combine(dir.Path, "tone.flac");
        var samples = new byte[44100 * 2 * 2 / 4]; // 0.25 s of 16-bit stereo silence... with a ramp on the left channel
        for (int i = 0; i < samples.Length / 4; i++) BinaryPrimitives.WriteInt16LittleEndian(samples.AsSpan(i * 4), (short)(i % 200 * 50));
        File.WriteAllBytes(wav, Wav(1, 2, 44100, 16, samples));
        VideoFileDecoderTests.Ffmpeg("-i", wav, flac);

        var sound = AudioFileDecoder.Decode(flac);

        Assert.Equal(16000, sound.SampleRate);
        Assert.InRange(sound.Samples.Length, 3990, 4010); // 0.25 s
        Assert.Contains(sound.Samples, v => v != 0);
    }
}
