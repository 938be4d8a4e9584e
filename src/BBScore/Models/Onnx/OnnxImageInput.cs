using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>The image input of a graph: an NCHW float32 tensor with 3 channels. Height and width are
/// null when the graph leaves them free.</summary>
public sealed record OnnxImageInput(string Name, int? Height, int? Width)
{
    public static OnnxImageInput Find(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new NotSupportedException(
                $"Only graphs with one image input are supported; this one has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}).");
        var input = inputs[0];
        var tensor = input.Type?.TensorType
            ?? throw new NotSupportedException($"Graph input '{input.Name}' is not a tensor.");
        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new NotSupportedException(
                $"Graph input '{input.Name}' has element type {(TensorProto.Types.DataType)tensor.ElemType}; only float32 inputs are supported (export the model in fp32).");
        var dims = tensor.Shape?.Dim.Select(Fixed).ToArray() ?? [];
        if (dims.Length != 4)
            throw new NotSupportedException($"Graph input '{input.Name}' has rank {dims.Length}; an image model needs [batch, 3, height, width].");
        if (dims[1] is { } channels && channels != 3)
        {
            string hint = dims[3] == 3 ? " It looks channels-last (NHWC); export it channels-first (NCHW)." : "";
            throw new NotSupportedException($"Graph input '{input.Name}' has {channels} channels; expected 3 (RGB, NCHW).{hint}");
        }
        return new OnnxImageInput(input.Name, dims[2], dims[3]);
    }

    static int? Fixed(TensorShapeProto.Types.Dimension dim) =>
        dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0 ? (int)dim.DimValue : null;
}
