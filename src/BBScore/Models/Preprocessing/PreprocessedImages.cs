using BBScore.Stimuli;

namespace BBScore.Models.Preprocessing;

/// <summary>Batch-level steps shared by every model that preprocesses images (ONNX image and clip feeders,
/// TorchSharp and weight-free models): one common size, and the images written side by side as floats.</summary>
public static class PreprocessedImages
{
    /// <summary>The (height, width) all <paramref name="images"/> have after preprocessing. Images that end up at
    /// different sizes cannot share a batch; the error says how to fix the preprocessing.</summary>
    public static (int Height, int Width) CommonSize(IEnumerable<RgbImage> images, IImagePreprocessor preprocessor)
    {
        var sizes = images.Select(preprocessor.OutputSize).Distinct().ToList();
        if (sizes.Count > 1)
            throw new InvalidOperationException(
                $"The images of one batch become different sizes ({string.Join(", ", sizes.Select(s => $"{s.Width}x{s.Height}"))}) after preprocessing " +
                $"({preprocessor.Description}); give the model a fixed-size resize or crop (e.g. size {{height, width}} in {HuggingFacePreprocessorConfig.FileName}).");
        return sizes[0];
    }

    /// <summary>Writes each image's 3 × height × width values into consecutive slots of <paramref name="destination"/>, in parallel.</summary>
    public static void WriteAll(IReadOnlyList<RgbImage> images, IImagePreprocessor preprocessor, float[] destination, int perImage) =>
        Parallel.For(0, images.Count, i => preprocessor.Write(images[i], destination.AsSpan(i * perImage, perImage)));

    /// <summary>Writes clips of <paramref name="frames"/> frames each, every frame preprocessed like an image, in parallel:
    /// (B, T, C, H, W), or (B, C, T, H, W) when <paramref name="channelsBeforeTime"/> (torchvision's and some exports'
    /// video layout), each channel plane of frame t going to its own time slot.</summary>
    public static void WriteClips(IReadOnlyList<IReadOnlyList<RgbImage>> clips, int frames, IImagePreprocessor preprocessor,
        float[] destination, int height, int width, bool channelsBeforeTime)
    {
        int plane = height * width, perFrame = 3 * plane, perClip = frames * perFrame;
        if (destination.Length < clips.Count * perClip)
            throw new ArgumentException($"{clips.Count} clips of {frames} frames need {clips.Count * perClip} values; the buffer holds {destination.Length}.", nameof(destination));
        Parallel.For(0, clips.Count * frames, index =>
        {
            int b = index / frames, t = index % frames;
            if (!channelsBeforeTime)
            {
                preprocessor.Write(clips[b][t], destination.AsSpan(b * perClip + t * perFrame, perFrame));
                return;
            }
            var chw = new float[perFrame];
            preprocessor.Write(clips[b][t], chw);
            for (int c = 0; c < 3; c++)
                chw.AsSpan(c * plane, plane).CopyTo(destination.AsSpan(b * perClip + (c * frames + t) * plane, plane));
        });
    }
}
