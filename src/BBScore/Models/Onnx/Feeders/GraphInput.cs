using Onnx;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>The single float32 input of a graph with its dimensions (null where the graph leaves one
/// free), the common ground of the clip and sound feeders.</summary>
public sealed record GraphInput(string Name, IReadOnlyList<int?> Dims)
{
    public int Rank => Dims.Count;

    /// <param name="graph">The graph.</param>
    /// <param name="kind">What the model takes ("a clip model"), for messages.</param>
    public static GraphInput Single(GraphProto graph, string kind)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new NotSupportedException(
                $"Only {kind} graphs with one input are supported; this one has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}).");
        var input = inputs[0];
        var tensor = input.Type?.TensorType ?? throw new NotSupportedException($"Graph input '{input.Name}' is not a tensor.");
        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new NotSupportedException(
                $"Graph input '{input.Name}' has element type {(TensorProto.Types.DataType)tensor.ElemType}; only float32 inputs are supported (export the model in fp32).");
        return new GraphInput(input.Name, tensor.Shape?.Dim.Select(Fixed).ToArray() ?? []);
    }

    public string ShapeText => "[" + string.Join(", ", Dims.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")) + "]";

    static int? Fixed(TensorShapeProto.Types.Dimension dim) =>
        dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0 ? (int)dim.DimValue : null;
}
