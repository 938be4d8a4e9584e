using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using TorchSharp;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Turns a batch of images, or of clips, into one float tensor. For an image model (<see cref="From"/>)
/// clips run frame by frame, as the original runs static models on video: the frames of the whole batch form one
/// NCHW batch of B·T images, and <see cref="FramesPerStimulus"/> tells the caller to regroup every output to
/// (B, T, ...). For a clip model (<see cref="FromClips"/>) every stimulus becomes one (T, C, H, W) clip of the
/// model's frame count, a batch (B, T, C, H, W).</summary>
public sealed class TorchImageInput : ITorchInput
{
    TorchImageInput(float[] pixels, long[] shape, int? framesPerStimulus)
    {
        Pixels = pixels;
        Shape = shape;
        FramesPerStimulus = framesPerStimulus;
    }

    public float[] Pixels { get; }

    /// <summary>The layout of <see cref="Pixels"/>: (N, C, H, W) images, or (B, T, C, H, W) clips ((B, C, T, H, W) for a
    /// clip spec with <see cref="TorchClipSpec.ChannelsBeforeTime"/>).</summary>
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

    /// <summary>Clips of exactly <paramref name="clip"/>'s frame count, re-timed to its rate
    /// (<see cref="ClipSampling.ForModel"/>: linspace subsample or repeat the last frame; an image is a still clip),
    /// each frame preprocessed like an image.</summary>
    public static TorchImageInput FromClips(IReadOnlyList<Stimulus> batch, IImagePreprocessor preprocessor, TorchClipSpec clip)
    {
        var clips = batch.Select(s => Stimuli.Video.ClipSampling.ForModel(s, clip.Fps, clip.Frames)).ToList();
        var (height, width) = PreprocessedImages.CommonSize(clips.SelectMany(c => c), preprocessor);
        var pixels = new float[clips.Count * clip.Frames * 3 * height * width];
        PreprocessedImages.WriteClips(clips, clip.Frames, preprocessor, pixels, height, width, clip.ChannelsBeforeTime);
        long[] shape = clip.ChannelsBeforeTime ? [clips.Count, 3, clip.Frames, height, width] : [clips.Count, clip.Frames, 3, height, width];
        return new TorchImageInput(pixels, shape, null);
    }
}
