using System.Security.Cryptography;
using System.Text;
using BBScore.Stimuli;

namespace BBScore.Datasets.ImageFiles;

/// <summary>Images read from files in a given order (a user's <c>--stimuli</c>). The content hash
/// covers every file's bytes in order, plus the decoder: renaming or moving files keeps it (and
/// the cached features), changing a pixel or the order changes it.</summary>
public sealed class ImageFileStimulusSet : IStimulusSet
{
    readonly IReadOnlyList<StimulusFile> _files;

    public ImageFileStimulusSet(string name, IReadOnlyList<StimulusFile> files)
    {
        if (files.Count == 0) throw new ArgumentException($"Stimulus set '{name}' has no images.", nameof(files));
        Name = name;
        _files = files;
        Ids = files.Select(f => f.Id).ToArray();
        ContentHash = ComputeContentHash(files);
    }

    public string Name { get; }

    public int Count => _files.Count;

    public IReadOnlyList<string> Ids { get; }

    public string ContentHash { get; }

    public double[,]? Labels => null;

    public RgbImage LoadImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return ImageFileDecoder.Decode(_files[index].Path);
    }

    static string ComputeContentHash(IReadOnlyList<StimulusFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"image files v1\ndecoder={ImageFileDecoder.Description}\ncount={files.Count}\n"));
        foreach (var file in files) hash.AppendData(SHA256.HashData(ImageFileDecoder.ReadBytes(file.Path)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
