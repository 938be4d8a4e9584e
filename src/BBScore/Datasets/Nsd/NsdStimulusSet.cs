using System.Security.Cryptography;
using System.Text;
using BBScore.Formats.Pickles;
using BBScore.Stimuli;

namespace BBScore.Datasets.Nsd;

/// <summary>The NSD shared images as stored in subj01's file (<c>image_data.test</c>), in file order; ids
/// <c>nsd_shared_0000</c>…. The content hash covers the shape and every pixel byte in order.</summary>
public sealed class NsdStimulusSet : IStimulusSet
{
    public const string SetName = "NSDStimulusSet";
    readonly RgbImage[] _images;

    public NsdStimulusSet(IReadOnlyList<RgbImage> images)
    {
        if (images.Count == 0) throw new ArgumentException("The NSD stimulus set has no images.", nameof(images));
        _images = images.ToArray();
        Ids = Enumerable.Range(0, _images.Length).Select(i => $"nsd_shared_{i:D4}").ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"nsd shared images v1\ncount={_images.Length}\n"));
        foreach (var image in _images)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{image.Width}x{image.Height}\n"));
            hash.AppendData(image.Pixels);
        }
        ContentHash = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public string Name => SetName;
    public int Count => _images.Length;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _images[index];
    }

    /// <summary>The images of <paramref name="subject"/>'s <c>image_data.test</c>: a uint8 array N×H×W×3, or a
    /// list of uint8 H×W×3 arrays.</summary>
    public static NsdStimulusSet FromSubject(NsdSubjectData subject)
    {
        string where = $"{subject.Source}: image_data.test";
        return new NsdStimulusSet(subject.ImagesValue switch
        {
            NdArray { Shape.Length: 4 } all => Split(all, where),
            PickleList list => list.Items.Select((v, i) => One(v as NdArray ?? throw new InvalidDataException($"{where}[{i}] is a {v.Describe()}, not an image array."), $"{where}[{i}]")).ToArray(),
            var other => throw new InvalidDataException($"{where} is a {other.Describe()}; expected uint8 images (N, H, W, 3)."),
        });
    }

    static RgbImage[] Split(NdArray all, string where)
    {
        if (all.Shape[3] != 3 || all.Data is not byte[] bytes)
            throw new InvalidDataException($"{where} is a {all.Describe()}; expected uint8 images (N, H, W, 3).");
        int n = all.Shape[0], h = all.Shape[1], w = all.Shape[2], size = h * w * 3;
        var images = new RgbImage[n];
        for (int i = 0; i < n; i++) images[i] = new RgbImage(w, h, bytes.AsSpan(i * size, size).ToArray());
        return images;
    }

    static RgbImage One(NdArray image, string where)
    {
        if (image.Shape.Length != 3 || image.Shape[2] != 3 || image.Data is not byte[] bytes)
            throw new InvalidDataException($"{where} is a {image.Describe()}; expected a uint8 image (H, W, 3).");
        return new RgbImage(image.Shape[1], image.Shape[0], (byte[])bytes.Clone());
    }
}
