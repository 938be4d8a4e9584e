using Google.Protobuf;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>The two graph edits that layer extraction needs: a free batch axis, and intermediate
/// tensors exposed as graph outputs (ONNX Runtime only returns graph outputs).</summary>
public static class OnnxGraphEditor
{
    // Operators whose shape arguments are often constants with the exported batch size of 1 in them:
    // freeing the input's batch axis would then break the graph, so such graphs run one stimulus at a time.
    static readonly HashSet<string> ShapeConstantOps = new(StringComparer.Ordinal)
    {
        "Reshape", "Expand", "Tile", "ConstantOfShape", "Range", "Squeeze", "Unsqueeze",
    };

    /// <summary>Makes the batch axis of the input free when it is fixed to 1 and no operator could
    /// have that 1 baked into a shape constant. (OnnxSharp's <c>Graph.SetDim()</c> does the same for
    /// inputs and outputs but rewrites every leading 1 in value_info and assumes Reshape shapes are
    /// initializers, which breaks PyTorch exports; the stored value_info is dropped here instead and
    /// ONNX Runtime infers the shapes again.)</summary>
    public static BatchMode FreeBatchDimension(GraphProto graph, string inputName) => FreeBatchDimension(graph, [inputName]);

    /// <summary>As above, for a graph with several batched inputs (token ids and attention mask): all are
    /// freed together, or the graph runs one stimulus at a time.</summary>
    public static BatchMode FreeBatchDimension(GraphProto graph, IReadOnlyList<string> inputNames)
    {
        var batches = inputNames.Select(name => (Name: name, Dim: graph.Input.Single(i => i.Name == name).Type.TensorType.Shape.Dim[0])).ToList();
        var fixedOnes = batches.Where(b => b.Dim.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && b.Dim.DimValue > 0).ToList();
        if (fixedOnes.Count == 0) return BatchMode.Batched;
        if (fixedOnes.FirstOrDefault(b => b.Dim.DimValue != 1) is { Name: not null } wrong)
            throw new NotSupportedException($"Graph input '{wrong.Name}' has a fixed batch size of {wrong.Dim.DimValue}; export it with batch 1 or a dynamic batch axis.");
        if (graph.Node.Any(n => ShapeConstantOps.Contains(n.OpType))) return BatchMode.PerStimulus;

        foreach (var (_, dim) in fixedOnes) dim.DimParam = "batch"; // setting the oneof's other case clears dim_value
        graph.ValueInfo.Clear();
        foreach (var output in graph.Output)
        {
            var dims = output.Type?.TensorType?.Shape?.Dim;
            if (dims is { Count: > 0 } && dims[0].DimValue == 1) dims[0].DimParam = "batch";
        }
        return BatchMode.Batched;
    }

    /// <summary>Serialises the model with exactly the given tensors as graph outputs. The model is
    /// changed only for the duration of the call (callers serialise access).</summary>
    public static byte[] SerializeWithOutputs(ModelProto model, IReadOnlyList<string> tensors)
    {
        var graph = model.Graph;
        var originalOutputs = graph.Output.ToList();
        var declared = originalOutputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        try
        {
            graph.Output.Clear();
            foreach (string tensor in tensors.Distinct(StringComparer.Ordinal))
            {
                // A name is enough: ONNX Runtime infers the type and shape of an intermediate tensor.
                graph.Output.Add(declared.TryGetValue(tensor, out var existing) ? existing : new ValueInfoProto { Name = tensor });
            }
            return model.ToByteArray();
        }
        finally
        {
            graph.Output.Clear();
            graph.Output.AddRange(originalOutputs);
        }
    }

    /// <summary>Every tensor and node name of the graph, mapped to the tensor it denotes (a node name
    /// denotes its first output), so raw names resolve as layers.</summary>
    public static IReadOnlyDictionary<string, string> RawNames(GraphProto graph)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            if (node.Output.Count == 0) continue;
            foreach (string output in node.Output)
                if (output.Length > 0) names[output] = output;
            if (node.Name.Length > 0) names.TryAdd(node.Name, node.Output[0]);
        }
        return names;
    }
}
