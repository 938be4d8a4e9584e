namespace BBScore.Datasets.SineGratings;

/// <summary>Everything that defines one full-field, full-contrast grating.</summary>
/// <param name="AngleDeg">Orientation in degrees: 0 = vertical stripes (luminance varies along
/// the image's x axis), 90 = horizontal stripes; angles grow counter-clockwise.</param>
/// <param name="CyclesPerImage">Spatial frequency: full cycles across the image width.</param>
/// <param name="PhaseDeg">Phase of the cosine at the image centre (0 = brightest / red at the centre).</param>
/// <param name="Colour">Luminance or red–cyan chromatic grating.</param>
public readonly record struct SineGratingParameters(
    double AngleDeg,
    double CyclesPerImage,
    double PhaseDeg,
    GratingColour Colour)
{
    /// <summary>The label row the original's file-name parser yields: [angle, sf, phase, colour].</summary>
    public double[] ToLabelRow() => [AngleDeg, CyclesPerImage, PhaseDeg, (double)(int)Colour];
}
