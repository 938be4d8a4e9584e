using System.Globalization;
using BBScore.Features;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using BBScore.Stimuli.Video;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Feeds a clip model (VideoMAE, TimeSformer, 3-d CNNs): every stimulus becomes exactly
/// <paramref name="frames"/> frames (<see cref="ClipSampling"/>: re-timed to the model's
/// <paramref name="fps"/>, then linspace-subsampled or padded with the last frame; an image becomes a
/// still clip), each frame preprocessed like an image, stacked in the graph's layout. Outputs already
/// have one row per clip, so they are returned as they are.</summary>
public sealed class OnnxClipFeeder(ClipInput input, int frames, double? fps, IImagePreprocessor preprocessor) : IOnnxInputFeeder
{
    const int ProbeSizeForFreeInputs = 224;

    public int Frames => frames;

    public double? Fps => fps;

    public ClipLayout Layout => input.Layout;

    public string Description =>
        $"clip of {frames} frames at {(fps is double f ? f.ToString("R", CultureInfo.InvariantCulture) + " fps" : "the clip's own rate")} " +
        $"(linspace subsample or repeat last frame; images as still clips), {input.LayoutText}; frames: {preprocessor.Description}";

    public IReadOnlyList<string> InputNames => [input.Name];

    public Stimulus Probe()
    {
        int height = input.Height ?? ProbeSizeForFreeInputs, width = input.Width ?? ProbeSizeForFreeInputs;
        var pixels = new byte[height * width * 3];
        Array.Fill(pixels, (byte)128);
        return new ImageStimulus(new RgbImage(width, height, pixels));
    }

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var clips = batch.Select(s => ClipSampling.ForModel(s, fps, frames)).ToList();
        var (height, width) = FrameSize(clips);
        int total = clips.Count * frames * 3 * height * width;
        // A pooled buffer per feed, returned when the feed is disposed: the next batch may be prepared while this one runs.
        float[] buffer = System.Buffers.ArrayPool<float>.Shared.Rent(total);
        PreprocessedImages.WriteClips(clips, frames, preprocessor, buffer, height, width, channelsBeforeTime: input.Layout != ClipLayout.TimeFirst);
        long[] shape = input.Layout == ClipLayout.TimeFirst
            ? [clips.Count, frames, 3, height, width]
            : [clips.Count, 3, frames, height, width];
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(buffer, 0, total), shape);
        return new OnnxFeed([input.Name], [value], clips.Count, OnnxFeed.AsIs, () => System.Buffers.ArrayPool<float>.Shared.Return(buffer));
    }

    (int Height, int Width) FrameSize(IReadOnlyList<IReadOnlyList<RgbImage>> clips)
    {
        var (height, width) = PreprocessedImages.CommonSize(clips.SelectMany(c => c), preprocessor);
        if ((input.Height is int h && h != height) || (input.Width is int w && w != width))
            throw new InvalidOperationException(
                $"The model input '{input.Name}' takes {input.Width}x{input.Height} frames, but preprocessing gives {width}x{height} ({preprocessor.Description}).");
        return (height, width);
    }

    public void Dispose() { }
}
