using System.Buffers.Binary;

namespace BBScore.Stimuli.Audio;

/// <summary>Reads RIFF/WAVE files in C#: PCM 8-bit (unsigned), 16, 24 and 32-bit integers, and IEEE
/// float 32/64 (plain or WAVE_FORMAT_EXTENSIBLE). Integers are scaled to [-1, 1) by 2^(bits-1), as
/// soundfile/librosa do; several channels are averaged to mono (librosa's <c>to_mono</c>). The file's
/// own sample rate is kept: resampling is the model's business.</summary>
public static class WavFileDecoder
{
    const ushort Pcm = 1, IeeeFloat = 3, Extensible = 0xFFFE;

    public static AudioStimulus Decode(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="path"/> names the file in errors.</summary>
    public static AudioStimulus Decode(byte[] bytes, string path)
    {
        var data = bytes.AsSpan();
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw Bad(path, "not a RIFF/WAVE file");
        ushort format = 0, channels = 0, bits = 0;
        int sampleRate = 0;
        ReadOnlySpan<byte> samples = default;
        bool haveFormat = false, haveData = false;
        for (int offset = 12; offset + 8 <= data.Length;)
        {
            var id = data.Slice(offset, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 4, 4));
            int body = offset + 8;
            // A truncated last chunk (common for streamed recordings) is read as far as it goes.
            int available = (int)Math.Min(size, data.Length - body);
            if (id.SequenceEqual("fmt "u8))
            {
                if (available < 16) throw Bad(path, "the fmt chunk is too short");
                var fmt = data.Slice(body, available);
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (format == Extensible && available >= 26) format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                samples = data.Slice(body, available);
                haveData = true;
            }
            offset = (int)Math.Min(data.Length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        if (!haveFormat || !haveData) throw Bad(path, $"no {(haveFormat ? "data" : "fmt")} chunk");
        if (channels == 0 || sampleRate <= 0) throw Bad(path, $"{channels} channels at {sampleRate} Hz");
        Func<ReadOnlySpan<byte>, double> read = (format, bits) switch
        {
            (Pcm, 8) => s => (s[0] - 128) / 128.0,
            (Pcm, 16) => s => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
            (Pcm, 24) => s => ((s[0] | (s[1] << 8) | (s[2] << 16)) << 8 >> 8) / 8388608.0,
            (Pcm, 32) => s => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0,
            (IeeeFloat, 32) => s => BinaryPrimitives.ReadSingleLittleEndian(s),
            (IeeeFloat, 64) => s => BinaryPrimitives.ReadDoubleLittleEndian(s),
            _ => throw Bad(path, $"format {format} with {bits} bits per sample is not supported (PCM 8/16/24/32-bit or float 32/64 are)"),
        };
        int width = bits / 8, frame = width * channels, count = samples.Length / frame;
        var mono = new float[count];
        for (int i = 0; i < count; i++)
        {
            double sum = 0;
            for (int c = 0; c < channels; c++) sum += read(samples.Slice(i * frame + c * width, width));
            mono[i] = (float)(sum / channels);
        }
        if (count == 0) throw Bad(path, "the data chunk holds no samples");
        return new AudioStimulus(mono, sampleRate);
    }

    static InvalidDataException Bad(string path, string why) =>
        new($"{path}: not a readable WAV file ({why}). Convert it (e.g. ffmpeg -i in -c:a pcm_s16le out.wav) or remove it from the stimulus list.");
}
