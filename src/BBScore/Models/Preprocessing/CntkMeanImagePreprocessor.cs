using System.Globalization;
using BBScore.Models.Onnx;
using BBScore.Stimuli;
using Onnx;

namespace BBScore.Models.Preprocessing;

/// <summary>The preprocessing ML.NET's ResNet-18 featurizer applies with its <c>ResNetPreprocess.onnx</c>:
/// RGB pixels in 0..255, reordered to BGR, minus a per-pixel ImageNet mean image. Reproduced here
/// (instead of running that graph) so the subtraction fuses with writing the input buffer; a test
/// proves equality with the graph. Images that are not 224×224 are first resized with SkiaSharp.</summary>
public sealed class CntkMeanImagePreprocessor : IImagePreprocessor
{
    public const int Size = 224;
    const int Plane = Size * Size;

    readonly float[] _meanImage; // [3 (B,G,R), 224, 224]

    CntkMeanImagePreprocessor(float[] meanImage)
    {
        _meanImage = meanImage;
        var means = Enumerable.Range(0, 3).Select(c => meanImage.AsSpan(c * Plane, Plane).ToArray().Average(v => (double)v)).ToArray();
        Description = string.Create(CultureInfo.InvariantCulture,
            $"CNTK ResNet-18 (ML.NET ResNetPreprocess.onnx): resize to {Size}x{Size} when the image differs ({SkiaImageResizer.Description}); " +
            $"RGB 0..255 reordered to BGR; minus the per-pixel ImageNet mean image of ResNetPreprocess.onnx " +
            $"(channel means B {means[0]:F3}, G {means[1]:F3}, R {means[2]:F3}); no scaling; float32 NCHW");
    }

    public string Description { get; }

    /// <summary>Reads the mean image out of ResNetPreprocess.onnx, after checking the graph is the
    /// Split → Concat(B,G,R) → Sub(MeanImage) this class reproduces.</summary>
    public static CntkMeanImagePreprocessor Load(string preprocessGraphPath)
    {
        var graph = OnnxProtoReader.Read(preprocessGraphPath).Graph;
        string[] ops = graph.Node.Select(n => n.OpType).ToArray();
        if (!ops.SequenceEqual(["Split", "Concat", "Sub"]))
            throw new InvalidDataException($"{preprocessGraphPath}: expected Split, Concat, Sub; found {string.Join(", ", ops)}.");
        var split = graph.Node[0];
        var concat = graph.Node[1];
        var sub = graph.Node[2];
        bool reordersToBgr = concat.Input.SequenceEqual([split.Output[2], split.Output[1], split.Output[0]]);
        if (!reordersToBgr || sub.Input[0] != concat.Output[0])
            throw new InvalidDataException($"{preprocessGraphPath}: the graph is not the RGB→BGR mean-image subtraction expected.");
        var mean = graph.Initializer.Single(t => t.Name == sub.Input[1]);
        float[] values = OnnxTensorData.ReadFloats(mean);
        if (values.Length != 3 * Plane)
            throw new InvalidDataException($"{preprocessGraphPath}: mean image has {values.Length} values, expected {3 * Plane}.");
        return new CntkMeanImagePreprocessor(values);
    }

    public (int Height, int Width) OutputSize(RgbImage image) => (Size, Size);

    public void Write(RgbImage image, Span<float> destination)
    {
        if (destination.Length != 3 * Plane)
            throw new ArgumentException($"Destination holds {destination.Length} values, expected {3 * Plane}.", nameof(destination));
        var sized = SkiaImageResizer.ResizeHighQuality(image, Size, Size);
        byte[] rgb = sized.Pixels;
        var mean = _meanImage.AsSpan();
        for (int i = 0; i < Plane; i++)
        {
            int p = i * 3;
            destination[i] = rgb[p + 2] - mean[i];                 // B
            destination[Plane + i] = rgb[p + 1] - mean[Plane + i];  // G
            destination[2 * Plane + i] = rgb[p] - mean[2 * Plane + i]; // R
        }
    }
}
