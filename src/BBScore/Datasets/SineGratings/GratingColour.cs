namespace BBScore.Datasets.SineGratings;

/// <summary>The grating's colour scheme; the numeric value is the label the original's parser
/// produces (<c>bw</c> → 0, anything else → 1).</summary>
public enum GratingColour
{
    /// <summary>Luminance grating: R = G = B, from black to white.</summary>
    BlackWhite = 0,

    /// <summary>Chromatic grating between red (255, 0, 0) and its RGB complement cyan (0, 255, 255).</summary>
    Colour = 1,
}
