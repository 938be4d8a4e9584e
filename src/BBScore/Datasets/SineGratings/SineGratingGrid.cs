namespace BBScore.Datasets.SineGratings;

/// <summary>
/// The parameter grid of the generated V1 grating set: 8 orientations × 8 spatial frequencies ×
/// 4 phases × 2 colour schemes = 512 gratings.
/// </summary>
/// <remarks>
/// <para>Orientations 0, 22.5, …, 157.5° match the grid documented for neuroailab's related
/// SineGrating2019 set (the BBScore repository itself only downloads pre-rendered JPEGs and
/// states no grid).</para>
/// <para>Spatial frequencies: that related set's ticks run from 5.5 to 110 cycles per image. On
/// a 224-pixel image 110 cycles is 2.04 pixels per cycle — right at the Nyquist limit (2 px), so
/// the 0° and 180° phases of a cosine sampled there collapse toward a flat grey and oblique
/// orientations alias into moiré. We instead use a half-octave (×√2) series from 4 to 45.3
/// cycles per image, rounded to one decimal so the file-name label equals the rendered value
/// exactly. The finest grating still has ≈4.9 px per cycle at 224 px (over twice the Nyquist
/// minimum), so every orientation and phase renders at full contrast without aliasing. Read as
/// the related set's 8° of visual angle per image, the series spans 0.5–5.7 cycles/degree, which
/// covers the preferred spatial frequencies of most macaque V1 neurons. Half-octave spacing is the
/// usual choice for V1 spatial-frequency tuning because tuning bandwidths are roughly constant in
/// octaves.</para>
/// <para>Phases 0, 90, 180, 270° (the related set gives no phase count; four quadrature phases
/// let phase-invariant units average to a clean orientation tuning curve).</para>
/// </remarks>
public static class SineGratingGrid
{
    public static IReadOnlyList<double> OrientationsDeg { get; } = [0, 22.5, 45, 67.5, 90, 112.5, 135, 157.5];

    public static IReadOnlyList<double> CyclesPerImage { get; } = [4.0, 5.7, 8.0, 11.3, 16.0, 22.6, 32.0, 45.3];

    public static IReadOnlyList<double> PhasesDeg { get; } = [0, 90, 180, 270];

    public static IReadOnlyList<GratingColour> Colours { get; } = [GratingColour.BlackWhite, GratingColour.Colour];

    public static int Count => OrientationsDeg.Count * CyclesPerImage.Count * PhasesDeg.Count * Colours.Count;

    /// <summary>The smallest image side that keeps the finest grating strictly below Nyquist
    /// (more than 2 pixels per cycle along every axis).</summary>
    public static int MinimumImageSize => (int)Math.Floor(2 * CyclesPerImage.Max()) + 1;

    /// <summary>All gratings in a fixed nested order: orientation (outermost), spatial frequency,
    /// phase, colour (innermost).</summary>
    public static IReadOnlyList<SineGratingParameters> Enumerate()
    {
        var all = new List<SineGratingParameters>(Count);
        foreach (double angle in OrientationsDeg)
            foreach (double sf in CyclesPerImage)
                foreach (double phase in PhasesDeg)
                    foreach (GratingColour colour in Colours)
                        all.Add(new SineGratingParameters(angle, sf, phase, colour));
        return all;
    }
}
