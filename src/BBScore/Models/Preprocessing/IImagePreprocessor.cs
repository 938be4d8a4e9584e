using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>Turns an RGB image into the planar float input (channels × height × width) of one model.</summary>
public interface IImagePreprocessor
{
    /// <summary>Complete, human-readable description of every step and constant: part of the feature-cache
    /// key, printed and stored with results.</summary>
    string Description { get; }

    /// <summary>Height and width of the model input this image becomes.</summary>
    (int Height, int Width) OutputSize(RgbImage image);

    /// <summary>Writes the image's 3 × height × width values (channel-major) into <paramref name="destination"/>.</summary>
    void Write(RgbImage image, Span<float> destination);
}
