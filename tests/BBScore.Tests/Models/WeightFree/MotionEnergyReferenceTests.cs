using BBScore.Models.WeightFree;
using BBScore.Stimuli;
using static BBScore.Tests.Models.WeightFree.WeightFreeFixtures;

namespace BBScore.Tests.Models.WeightFree;

/// <summary>Motion energy against the NumPy transcription of pymoten's pyramid and the original's
/// MotionEnergyModule on an 8-frame 16×16 clip at 25 fps.</summary>
public class MotionEnergyReferenceTests
{
    [Fact]
    public void Pyramid_parameters_are_pymotens_defaults()
    {
        var pyramid = new MotionEnergyPyramid(16, 16, 25);
        var (expected, shape) = Float64("motion", "params");
        Assert.Equal(6555, shape[0]);
        Assert.Equal(16, pyramid.TemporalWidth);
        var actual = pyramid.Filters.SelectMany(f => new[] { f.CenterH, f.CenterV, f.Direction, f.SpatialFreq, f.SpatialEnv, f.TemporalFreq, f.TemporalEnv }).ToArray();
        Close(expected, actual, 1e-12, "params");
    }

    [Fact]
    public void Luminance_is_pymotens_cie_l()
    {
        var (clip, _) = Float64("motion", "clip");
        var (expected, _) = Float64("motion", "luminance");
        var actual = Luminance.Of(clip.Select(v => (byte)v).ToArray());
        Close(expected, actual, 1e-9, "L*");
    }

    [Fact]
    public void Energies_match_the_reference_clip()
    {
        var (clip, shape) = Float64("motion", "clip");
        int frames = shape[0], size = shape[1];
        using var model = new MotionEnergyModel(frameSize: size, fps: 25);
        var stimulus = new VideoStimulus(Enumerable.Range(0, frames)
            .Select(t => new RgbImage(size, size, clip.Skip(t * size * size * 3).Take(size * size * 3).Select(v => (byte)v).ToArray())).ToList(), 25);
        var result = model.Extract([stimulus], ["energy"])["energy"];
        var (expected, expectedShape) = Float64("motion", "energy");
        Assert.Equal([1, frames, expectedShape[1]], result.Shape);
        Close(expected, result.Data, 1e-5, "energy");
    }
}
