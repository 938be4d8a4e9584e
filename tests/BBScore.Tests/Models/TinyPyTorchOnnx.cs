using Onnx;

namespace BBScore.Tests.Models;

/// <summary>A tiny image model written with OnnxSharp's protobuf types, named the way
/// torch.onnx.export names nodes, with small integer weights so every activation is exact:
/// <code>
/// pixel_values [batch,3,2,2] -> /flatten/Flatten -> [batch,12]
/// layer1:   relu(x W1 + b1)                      (/layer1/fc/MatMul, /layer1/fc/Add, /layer1/relu/Relu; then /layer1/Constant_1)
/// layer2.0: relu(x W2)                           (/layer2/layer2.0/fc/MatMul, /layer2/layer2.0/relu/Relu)
/// layer2.1: relu(relu(x W3) - 5)                 (the relu module called twice: relu/Relu, Sub, relu_1/Relu)
/// head:     x W4 -> logits
/// </code></summary>
internal static class TinyPyTorchOnnx
{
    public static readonly float[,] W1 = Weights(12, 4, seed: 1);
    public static readonly float[] B1 = [1, -2, 0, 3];
    public static readonly float[,] W2 = Weights(4, 3, seed: 2);
    public static readonly float[,] W3 = Weights(3, 2, seed: 3);
    public static readonly float[,] W4 = Weights(2, 1, seed: 4);
    public const float SubtractedInLayer2_1 = 5;

    public static readonly string[] ModulesInOrder =
    [
        "flatten", "layer1", "layer1.fc", "layer1.relu", "layer2", "layer2.0", "layer2.0.fc", "layer2.0.relu",
        "layer2.1", "layer2.1.fc", "layer2.1.relu", "head",
    ];

    /// <summary>Writes model.onnx into the folder and returns its path.</summary>
    /// <param name="folder">Where to write model.onnx.</param>
    /// <param name="fixedBatchWithReshape">Export-with-batch-1 variant: the input's batch axis is fixed at 1
    /// and the flatten is a Reshape to the constant shape [1, 12].</param>
    /// <param name="externalData">Store the weights in model.onnx_data beside the graph, as exports over 2 GB do.</param>
    public static string WriteTo(string folder, bool fixedBatchWithReshape = false, bool externalData = false)
    {
        var model = Build(fixedBatchWithReshape);
        if (externalData) MoveWeightsToExternalFile(model, Path.Combine(folder, "model.onnx_data"));
        string path = Path.Combine(folder, "model.onnx");
        using var stream = File.Create(path);
        using var coded = new Google.Protobuf.CodedOutputStream(stream);
        model.WriteTo(coded);
        return path;
    }

    static void MoveWeightsToExternalFile(ModelProto model, string dataPath)
    {
        using var data = File.Create(dataPath);
        foreach (var tensor in model.Graph.Initializer.Where(t => t.FloatData.Count > 0))
        {
            byte[] bytes = new byte[tensor.FloatData.Count * sizeof(float)];
            Buffer.BlockCopy(tensor.FloatData.ToArray(), 0, bytes, 0, bytes.Length);
            long offset = data.Position;
            data.Write(bytes);
            tensor.FloatData.Clear();
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = Path.GetFileName(dataPath) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }

    public static ModelProto Build(bool fixedBatchWithReshape = false)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(Value("pixel_values", fixedBatchWithReshape ? null : "batch", 3, 2, 2));
        graph.Output.Add(Value("logits", fixedBatchWithReshape ? null : "batch", 1));
        graph.Initializer.Add(Tensor("layer1.fc.weight", W1));
        graph.Initializer.Add(Tensor("layer1.fc.bias", B1));
        graph.Initializer.Add(Tensor("layer2.0.fc.weight", W2));
        graph.Initializer.Add(Tensor("layer2.1.fc.weight", W3));
        graph.Initializer.Add(Tensor("head.weight", W4));

        if (fixedBatchWithReshape)
        {
            var shape = new TensorProto { Name = "flatten.shape", DataType = (int)TensorProto.Types.DataType.Int64 };
            shape.Dims.Add(2);
            shape.Int64Data.AddRange([1, 12]);
            graph.Initializer.Add(shape);
            graph.Node.Add(Node("/flatten/Reshape", "Reshape", ["pixel_values", "flatten.shape"], "/flatten/Flatten_output_0"));
        }
        else
        {
            var flatten = Node("/flatten/Flatten", "Flatten", ["pixel_values"]);
            flatten.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(flatten);
        }
        graph.Node.Add(Node("/layer1/fc/MatMul", "MatMul", ["/flatten/Flatten_output_0", "layer1.fc.weight"]));
        graph.Node.Add(Node("/layer1/fc/Add", "Add", ["/layer1/fc/MatMul_output_0", "layer1.fc.bias"]));
        graph.Node.Add(Node("/layer1/relu/Relu", "Relu", ["/layer1/fc/Add_output_0"]));
        // A constant emitted last inside layer1's scope: it must not become layer1's output.
        var constant = Node("/layer1/Constant_1", "Constant", []);
        constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Tensor("", [SubtractedInLayer2_1], []) });
        graph.Node.Add(constant);
        graph.Node.Add(Node("/layer2/layer2.0/fc/MatMul", "MatMul", ["/layer1/relu/Relu_output_0", "layer2.0.fc.weight"]));
        graph.Node.Add(Node("/layer2/layer2.0/relu/Relu", "Relu", ["/layer2/layer2.0/fc/MatMul_output_0"]));
        graph.Node.Add(Node("/layer2/layer2.1/fc/MatMul", "MatMul", ["/layer2/layer2.0/relu/Relu_output_0", "layer2.1.fc.weight"]));
        graph.Node.Add(Node("/layer2/layer2.1/relu/Relu", "Relu", ["/layer2/layer2.1/fc/MatMul_output_0"]));
        graph.Node.Add(Node("/layer2/layer2.1/Sub", "Sub", ["/layer2/layer2.1/relu/Relu_output_0", "/layer1/Constant_1_output_0"]));
        graph.Node.Add(Node("/layer2/layer2.1/relu_1/Relu", "Relu", ["/layer2/layer2.1/Sub_output_0"]));
        graph.Node.Add(Node("/head/MatMul", "MatMul", ["/layer2/layer2.1/relu_1/Relu_output_0", "head.weight"], "logits"));

        var model = new ModelProto { IrVersion = 8, ProducerName = "BBScore.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    /// <summary>What each module outputs for one input row (the flattened C×H×W image), computed directly.</summary>
    public static Dictionary<string, float[]> Expected(float[] flattened)
    {
        var layer1 = Relu(Add(MatMul(flattened, W1), B1));
        var layer20 = Relu(MatMul(layer1, W2));
        var layer21Fc = MatMul(layer20, W3);
        var layer21 = Relu(Relu(layer21Fc).Select(v => v - SubtractedInLayer2_1).ToArray());
        return new()
        {
            ["flatten"] = flattened, ["layer1.fc"] = Add(MatMul(flattened, W1), B1), ["layer1"] = layer1, ["layer1.relu"] = layer1,
            ["layer2.0.fc"] = MatMul(layer1, W2), ["layer2.0"] = layer20, ["layer2.0.relu"] = layer20,
            ["layer2.1.fc"] = layer21Fc, ["layer2.1"] = layer21, ["layer2.1.relu"] = layer21, ["layer2"] = layer21,
            ["head"] = MatMul(layer21, W4),
        };
    }

    /// <summary>Small integer weights in [-2, 2], so every activation is exact; shared by the tiny test graphs.</summary>
    public static float[,] Weights(int rows, int columns, int seed)
    {
        var w = new float[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                w[i, j] = (i * 7 + j * 3 + seed * 5) % 5 - 2;
        return w;
    }

    static float[] MatMul(float[] x, float[,] w)
    {
        var y = new float[w.GetLength(1)];
        for (int j = 0; j < y.Length; j++)
            for (int i = 0; i < x.Length; i++)
                y[j] += x[i] * w[i, j];
        return y;
    }

    static float[] Add(float[] x, float[] b) => x.Select((v, i) => v + b[i]).ToArray();

    static float[] Relu(float[] x) => x.Select(v => Math.Max(0f, v)).ToArray();

    static NodeProto Node(string name, string op, string[] inputs, string? output = null)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? name + "_output_0");
        return node;
    }

    /// <param name="batch">Name of a free batch axis, or null for a batch fixed at 1.</param>
    static ValueInfoProto Value(string name, string? batch, params int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(batch == null ? new TensorShapeProto.Types.Dimension { DimValue = 1 } : new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (int d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    static TensorProto Tensor(string name, float[,] values)
    {
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return Tensor(name, flat, [values.GetLength(0), values.GetLength(1)]);
    }

    static TensorProto Tensor(string name, float[] values) => Tensor(name, values, [values.Length]);

    static TensorProto Tensor(string name, float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }
}
