using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using TorchSharp;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Turns a batch of images, or of clips, into one NCHW float tensor. Clips run frame by frame, as
/// the original runs static models on video: the frames of the whole batch form one batch of B·T images,
/// and <see cref="FramesPerStimulus"/> tells the caller to regroup every output to (B, T, ...).</summary>
public sealed class TorchImageInput
{
    TorchImageInput(float[] pixels, long[] shape, int? framesPerStimulus)
    {
        Pixels = pixels;
        Shape = shape;
        FramesPerStimulus = framesPerStimulus;
    }

    public float[] Pixels { get; }
    public long[] Shape { get; }

    /// <summary>Frames per clip when the batch holds clips; null for still images.</summary>
    public int? FramesPerStimulus { get; }

    public torch.Tensor ToTensor() => torch.tensor(Pixels, Shape);

    public static TorchImageInput From(IReadOnlyList<Stimulus> batch, IImagePreprocessor preprocessor)
    {
        var (images, frames) = FrameBatch.Flatten(batch, "An image model");
        var (height, width) = PreprocessedImages.CommonSize(images, preprocessor);
        int perImage = 3 * height * width;
        var pixels = new float[images.Count * perImage];
        PreprocessedImages.WriteAll(images, preprocessor, pixels, perImage);
        return new TorchImageInput(pixels, [images.Count, 3, height, width], frames);
    }
}
