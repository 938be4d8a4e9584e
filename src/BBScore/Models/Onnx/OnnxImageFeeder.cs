using BBScore.Features;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx;

/// <summary>Feeds an image graph (NCHW float input). Clips are run frame by frame, as the original runs
/// static models on video: the frames of the whole batch form one graph batch of B·T images and every
/// output is regrouped to (B, T, ...). Input buffers are pooled: a feed returns its buffer when disposed,
/// so the next batch can be prepared while the current one runs.</summary>
public sealed class OnnxImageFeeder(OnnxImageInput input, IImagePreprocessor preprocessor) : IOnnxInputFeeder
{
    // Listing shapes of a graph with free height and width needs some image size; 224 is the ImageNet one.
    const int ProbeSizeForFreeInputs = 224;

    public string Description => preprocessor.Description;

    public IImagePreprocessor Preprocessor => preprocessor;

    public IReadOnlyList<string> InputNames => [input.Name];

    public Stimulus Probe() => new ImageStimulus(GreyImage(input.Height ?? ProbeSizeForFreeInputs, input.Width ?? ProbeSizeForFreeInputs));

    /// <summary>Clips of different lengths cannot share one frame-wise batch; they run one at a time.</summary>
    public bool BatchesTogether(IReadOnlyList<Stimulus> batch) =>
        batch.OfType<VideoStimulus>().Select(c => c.Frames.Count).Distinct().Count() <= 1;

    /// <summary>A graph fixed to batch 1 sees a clip one frame at a time.</summary>
    public IReadOnlyList<Stimulus> SingleRows(Stimulus stimulus) =>
        stimulus is VideoStimulus clip ? clip.Frames.Select(Stimulus (frame) => new ImageStimulus(frame)).ToList() : [stimulus];

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var (images, framesPerStimulus) = FrameBatch.Flatten(batch, "An image model");
        var (height, width) = InputSize(images);
        int perImage = 3 * height * width, total = images.Count * perImage;
        float[] buffer = System.Buffers.ArrayPool<float>.Shared.Rent(total);
        PreprocessedImages.WriteAll(images, preprocessor, buffer, perImage);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            new Memory<float>(buffer, 0, total), [images.Count, 3, height, width]);
        Func<FeatureTensor, FeatureTensor> restore = framesPerStimulus is int frames
            ? output => new FeatureTensor(output.Data, [output.Rows / frames, frames, .. output.Shape[1..]])
            : OnnxFeed.AsIs;
        return new OnnxFeed([input.Name], [value], images.Count, restore, () => System.Buffers.ArrayPool<float>.Shared.Return(buffer));
    }

    (int Height, int Width) InputSize(IReadOnlyList<RgbImage> images)
    {
        var (height, width) = PreprocessedImages.CommonSize(images, preprocessor);
        if ((input.Height is int h && h != height) || (input.Width is int w && w != width))
            throw new InvalidOperationException(
                $"The model input '{input.Name}' is {input.Width}x{input.Height}, but preprocessing gives {width}x{height} ({preprocessor.Description}).");
        return (height, width);
    }

    static RgbImage GreyImage(int height, int width)
    {
        var pixels = new byte[height * width * 3];
        Array.Fill(pixels, (byte)128);
        return new RgbImage(width, height, pixels);
    }

    public void Dispose() { }
}
