using System.Security.Cryptography;
using System.Text;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using BBScore.Stimuli.Video;

namespace BBScore.Datasets.ImageFiles;

/// <summary>Clips, sounds or texts read from files in a given order. Each is decoded when loaded, in
/// its own kind: clips at their native frame rate and size, sounds at the file's rate (WAV) or 16 kHz
/// (ffmpeg), texts as UTF-8 with trailing line breaks dropped. The model samples what it needs (frame
/// count, rate, size, sample rate) in its feeder: the set cannot know the model, and decoding once at the
/// native rate keeps one cache key per file set for every model. The price is memory: a batch holds its
/// clips' full frames. The content hash covers every file's bytes in order, plus the decoder.</summary>
public sealed class MediaFileStimulusSet : IStimulusSet
{
    readonly IReadOnlyList<StimulusFile> _files;

    public MediaFileStimulusSet(string name, IReadOnlyList<StimulusFile> files, StimulusFileKind kind)
    {
        if (kind == StimulusFileKind.Image) throw new ArgumentException("Image files are an ImageFileStimulusSet.", nameof(kind));
        if (files.Count == 0) throw new ArgumentException($"Stimulus set '{name}' has no {StimulusFileKinds.Plural(kind)}.", nameof(files));
        Name = name;
        Kind = kind;
        _files = files;
        Ids = files.Select(f => f.Id).ToArray();
        ContentHash = ComputeContentHash(files, kind);
    }

    public string Name { get; }

    public StimulusFileKind Kind { get; }

    public int Count => _files.Count;

    public IReadOnlyList<string> Ids { get; }

    public string ContentHash { get; }

    public double[,]? Labels => null;

    /// <summary>Clips always go through ffmpeg; sounds only when they are not WAV, which is read here.</summary>
    public bool DecodesOutOfProcess => Kind == StimulusFileKind.Clip;

    public RgbImage LoadImage(int index) =>
        throw new NotSupportedException($"Stimulus set '{Name}' holds {StimulusFileKinds.Plural(Kind)}, not images; use a model that takes {StimulusFileKinds.Plural(Kind)}.");

    public Stimulus Load(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        string path = _files[index].Path;
        return Kind switch
        {
            StimulusFileKind.Clip => VideoFileDecoder.Decode(path),
            StimulusFileKind.Sound => AudioFileDecoder.Decode(path),
            _ => new TextStimulus(ReadText(path)),
        };
    }

    /// <summary>Decoder descriptions: part of the hash, so a decoding change invalidates cached features.</summary>
    public static string DecoderDescription(StimulusFileKind kind) => kind switch
    {
        StimulusFileKind.Clip => VideoFileDecoder.Description,
        StimulusFileKind.Sound => AudioFileDecoder.Description,
        _ => "UTF-8 text, trailing line breaks dropped",
    };

    static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)).TrimEnd('\r', '\n');
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: not valid UTF-8 text ({e.Message}); save it as UTF-8.", e);
        }
    }

    static string ComputeContentHash(IReadOnlyList<StimulusFile> files, StimulusFileKind kind) =>
        HashFiles($"{StimulusFileKinds.Singular(kind)} files v1\ndecoder={DecoderDescription(kind)}\ncount={files.Count}\n", files.Select(f => f.Path));

    /// <summary>SHA-256 over <paramref name="header"/> (what is done to the files) and every file's own digest, in order.</summary>
    public static string HashFiles(string header, IEnumerable<string> paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(header));
        foreach (string path in paths) hash.AppendData(SHA256.HashData(ImageFileDecoder.ReadBytes(path)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
