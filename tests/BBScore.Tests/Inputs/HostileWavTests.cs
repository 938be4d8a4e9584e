using System.Buffers.Binary;
using BBScore.Stimuli.Audio;

namespace BBScore.Tests.Inputs;

/// <summary>WAV headers that lie: sizes past the end of the file, impossible formats. The decoder allocates only
/// for the samples the file holds and refuses the rest with an <see cref="InvalidDataException"/> naming the file.</summary>
public class HostileWavTests
{
    const string Path = "hostile.wav";

    static byte[] Pcm16(int samples) => AudioFileDecoderTests.Wav(1, 1, 16000, 16, new byte[samples * 2]);

    /// <summary>The offset of the data chunk's size field in <see cref="AudioFileDecoderTests.Wav"/>'s layout.</summary>
    static int DataSizeOffset(byte[] wav) => wav.AsSpan().IndexOf("data"u8) + 4;

    [Fact]
    public void A_data_chunk_declaring_4_GiB_in_a_small_file_yields_only_the_samples_present()
    {
        var wav = Pcm16(10);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(DataSizeOffset(wav)), uint.MaxValue);
        var audio = WavFileDecoder.Decode(wav, Path);
        Assert.Equal(10, audio.Samples.Length);
    }

    [Fact]
    public void A_chunk_size_past_the_end_before_the_data_chunk_is_refused_as_having_no_data()
    {
        var wav = Pcm16(10);
        int junkSize = wav.AsSpan().IndexOf("JUNK"u8) + 4;
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(junkSize), 0xFFFFFFF0);
        var e = Assert.Throws<InvalidDataException>(() => WavFileDecoder.Decode(wav, Path));
        Assert.StartsWith(Path + ":", e.Message);
        Assert.Contains("no data chunk", e.Message);
    }

    [Theory]
    [InlineData((ushort)0, 16000, (ushort)16, "0 channels")]
    [InlineData((ushort)1, 0, (ushort)16, "at 0 Hz")]
    [InlineData((ushort)1, 16000, (ushort)0, "0 bits per sample")]
    [InlineData((ushort)65535, 16000, (ushort)12, "12 bits per sample")]
    public void Impossible_formats_are_refused_naming_the_file(ushort channels, int rate, ushort bits, string expected)
    {
        var wav = AudioFileDecoderTests.Wav(1, channels, rate, bits, new byte[64]);
        var e = Assert.Throws<InvalidDataException>(() => WavFileDecoder.Decode(wav, Path));
        Assert.StartsWith(Path + ":", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_frame_wider_than_the_data_gives_no_samples_and_is_refused()
    {
        var wav = AudioFileDecoderTests.Wav(3, 65535, 16000, 64, new byte[64]); // one frame is 524,280 bytes
        var e = Assert.Throws<InvalidDataException>(() => WavFileDecoder.Decode(wav, Path));
        Assert.Contains("holds no samples", e.Message);
    }
}
