using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Picks the input feeder for a graph: by the card's input kind when the model is known,
/// else by the graph's inputs (a 4-d float input is an image model).</summary>
public static class OnnxFeeders
{
    /// <param name="graph">The (batch-freed) graph.</param>
    /// <param name="modelPath">The .onnx file; its folder may hold a preprocessor_config.json.</param>
    /// <param name="kind">The card's input kind; null for a bare .onnx file (image assumed).</param>
    public static IOnnxInputFeeder For(GraphProto graph, string modelPath, InputKind? kind)
    {
        switch (kind ?? InputKind.Image)
        {
            case InputKind.Image:
                var input = OnnxImageInput.Find(graph);
                return new OnnxImageFeeder(input, new NormalizingImagePreprocessor(OnnxFileModel.PreprocessingFor(modelPath, input)));
            default:
                throw new NotSupportedException($"{kind} models cannot be run from ONNX yet.");
        }
    }
}
