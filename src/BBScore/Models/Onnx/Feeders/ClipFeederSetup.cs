using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using Onnx;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>Builds the feeder of a clip graph. Frame count: the graph's fixed time axis, else
/// <c>num_frames</c> (preprocessor_config.json, then config.json), else the card's "N frames". Frame
/// rate: <c>fps</c> in those files, else the card's "fps F", else the clip's own rate. Per-frame
/// preprocessing: preprocessor_config.json, else a resize to the graph's size (224 when free) with the
/// card's mean/std (ImageNet when the card names none).</summary>
public static class ClipFeederSetup
{
    public static OnnxClipFeeder Create(GraphProto graph, FeederConfig config)
    {
        var input = ClipInput.From(GraphInput.Single(graph, "clip model"));
        int? configured = config.Number("num_frames") is double n ? (int)n : null;
        if (input.Frames is int fixedFrames && configured is int c && c != fixedFrames)
            throw new InvalidOperationException(
                $"The model input '{input.Name}' takes {fixedFrames} frames but num_frames in {config.Folder} says {c}; fix the config or re-export the model.");
        int frames = input.Frames ?? configured ?? config.CardFrames
            ?? throw new NotSupportedException(
                $"The clip model input '{input.Name}' leaves the frame count free and nothing says how many frames to give it; " +
                $"add \"num_frames\": N to {config.PreprocessorPath}.");
        double? fps = config.Number("fps") ?? config.CardFps;
        return new OnnxClipFeeder(input, frames, fps, new NormalizingImagePreprocessor(FramePreprocessing(input, config)));
    }

    static ImagePreprocessSpec FramePreprocessing(ClipInput input, FeederConfig config)
    {
        if (config.HasPreprocessor) return HuggingFacePreprocessorConfig.Load(config.PreprocessorPath);
        int height = input.Height ?? 224, width = input.Width ?? 224;
        if (config.CardMeanStd is var (mean, std))
            return new ImagePreprocessSpec($"model card (no {HuggingFacePreprocessorConfig.FileName} beside the model)",
                new ResizeToSize(height, width), PilResampleFilter.Bilinear, null, 1.0 / 255.0, mean, std);
        return ImagePreprocessSpec.ImageNetDefault(height, width);
    }
}
