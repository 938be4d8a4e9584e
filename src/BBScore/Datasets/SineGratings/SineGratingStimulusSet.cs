using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BBScore.Stimuli;

namespace BBScore.Datasets.SineGratings;

/// <summary>
/// The V1 static full-field sine-grating set, generated in memory instead of downloading the
/// original's JPEGs: 512 gratings over the grid in <see cref="SineGratingGrid"/>, ids in the
/// original's file-name scheme, labels [angle_deg, sf, phase_deg, colour] per image. Images are
/// rendered on demand.
/// </summary>
public sealed class SineGratingStimulusSet : IStimulusSet
{
    /// <summary>Bump whenever rendering changes in any way, so cached features are invalidated.</summary>
    public const int GeneratorVersion = 1;

    public const int DefaultImageSize = 224;

    readonly IReadOnlyList<SineGratingParameters> _gratings;
    readonly double[,] _labels;

    /// <param name="imageSize">Side of the square images in pixels; must keep the finest grating
    /// below Nyquist (at least <see cref="SineGratingGrid.MinimumImageSize"/>).</param>
    public SineGratingStimulusSet(int imageSize = DefaultImageSize)
    {
        if (imageSize < SineGratingGrid.MinimumImageSize || imageSize > 4096)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize,
                $"Grating images must be {SineGratingGrid.MinimumImageSize}..4096 pixels: below " +
                $"{SineGratingGrid.MinimumImageSize} the finest grating ({SineGratingGrid.CyclesPerImage.Max()} cycles/image) would alias.");
        ImageSize = imageSize;
        _gratings = SineGratingGrid.Enumerate();
        Ids = _gratings.Select(SineGratingFileNames.Format).ToArray();
        _labels = BuildLabels(_gratings);
        ContentHash = ComputeContentHash(imageSize);
    }

    public string Name => "StaticFullFieldSineGratingsStimulusSet";

    public int ImageSize { get; }

    public int Count => _gratings.Count;

    public IReadOnlyList<string> Ids { get; }

    public string ContentHash { get; }

    /// <summary>[angle_deg, sf (cycles/image), phase_deg, colour (bw 0, colour 1)] per image. The
    /// same array on every call (no copy per access): treat it as read-only.</summary>
    public double[,] Labels => _labels;

    public IReadOnlyList<SineGratingParameters> Gratings => _gratings;

    public RgbImage LoadImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return SineGratingRenderer.Render(_gratings[index], ImageSize);
    }

    /// <summary>The original's file-name label parser; see <see cref="SineGratingFileNames.ParseLabels"/>.</summary>
    public static double[] ParseLabels(string id) => SineGratingFileNames.ParseLabels(id);

    static double[,] BuildLabels(IReadOnlyList<SineGratingParameters> gratings)
    {
        var labels = new double[gratings.Count, 4];
        for (int i = 0; i < gratings.Count; i++)
        {
            double[] row = gratings[i].ToLabelRow();
            for (int j = 0; j < row.Length; j++) labels[i, j] = row[j];
        }
        return labels;
    }

    /// <summary>Hashes a canonical description of every generation parameter rather than the
    /// pixels: identical descriptions render identical images, and hashing needs no rendering.</summary>
    static string ComputeContentHash(int imageSize)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .Append("generator=BBScore.NET sine gratings v").Append(GeneratorVersion).Append('\n')
            .Append("size=").Append(imageSize).Append('\n')
            .Append("orientations_deg=").AppendJoin(',', SineGratingGrid.OrientationsDeg.Select(v => v.ToString("R", inv))).Append('\n')
            .Append("cycles_per_image=").AppendJoin(',', SineGratingGrid.CyclesPerImage.Select(v => v.ToString("R", inv))).Append('\n')
            .Append("phases_deg=").AppendJoin(',', SineGratingGrid.PhasesDeg.Select(v => v.ToString("R", inv))).Append('\n')
            .Append("colours=bw:black-white,color:red(255,0,0)-cyan(0,255,255)\n")
            .Append("waveform=cos,phase-at-centre,contrast=1,mean=127.5,round-half-even\n")
            .Append("order=angle,sf,phase,colour\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
