using BBScore.Stimuli.Video;

namespace BBScore.Stimuli.Audio;

/// <summary>Decodes a sound file to a mono waveform. WAV is read in C# at its own rate
/// (<see cref="WavFileDecoder"/>); FLAC, MP3 and Ogg (and WAV codecs other than PCM/float) go through
/// the ffmpeg CLI, which decodes, mixes to mono and resamples to 16 kHz in one step
/// (<c>ffmpeg -i f -ac 1 -ar 16000 -f f32le -</c>).</summary>
public static class AudioFileDecoder
{
    /// <summary>File extensions (lower case) read as sounds.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".wav", ".flac", ".mp3", ".ogg"];

    /// <summary>Changes whenever decoding could change samples, so content hashes (and cached features) change too.</summary>
    public const string Description = "WAV in C# at the file's rate, mono by channel mean; other formats ffmpeg f32le mono 16 kHz";

    public static bool HasAudioExtension(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static AudioStimulus Decode(string path)
    {
        if (string.Equals(Path.GetExtension(path), ".wav", StringComparison.OrdinalIgnoreCase))
        {
            byte[] bytes = File.ReadAllBytes(path);
            try
            {
                return WavFileDecoder.Decode(bytes, path);
            }
            catch (InvalidDataException) when (DeclaresOtherCodec(bytes))
            {
                // A WAV holding a compressed codec (ADPCM, µ-law, ...): ffmpeg knows it.
            }
        }
        return DecodeWithFfmpeg(path);
    }

    /// <summary>Any format ffmpeg reads, mixed to mono and resampled to <see cref="AudioResampler.ModelRate"/>.</summary>
    public static AudioStimulus DecodeWithFfmpeg(string path)
    {
        byte[] raw = FfmpegTool.Run("ffmpeg",
            ["-v", "error", "-nostdin", "-i", path, "-vn", "-ac", "1", "-ar", AudioResampler.ModelRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-f", "f32le", "-"], path);
        if (raw.Length < sizeof(float))
            throw new InvalidDataException($"{path}: ffmpeg decoded no audio samples; the file may be empty or damaged. Remove it from the stimulus list.");
        var samples = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw, 0, samples, 0, samples.Length * sizeof(float));
        return new AudioStimulus(samples, AudioResampler.ModelRate);
    }

    /// <summary>True when a fmt chunk names a codec other than PCM or float (ADPCM, µ-law, ...): a
    /// failure is then a codec to hand to ffmpeg, not a damaged file to report.</summary>
    static bool DeclaresOtherCodec(byte[] bytes)
    {
        int index = bytes.AsSpan().IndexOf("fmt "u8);
        if (!bytes.AsSpan().StartsWith("RIFF"u8) || index < 0 || index + 10 > bytes.Length) return false;
        ushort format = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(index + 8));
        return format is not (1 or 3 or 0xFFFE);
    }
}
