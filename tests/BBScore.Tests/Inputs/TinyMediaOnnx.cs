using Onnx;

namespace BBScore.Tests.Inputs;

/// <summary>Tiny clip and sound graphs written with OnnxSharp's protobuf types, node names in
/// torch.onnx.export's style (<c>/encoder/layer.0/...</c>) so their modules become layers. Small integer
/// weights keep every activation exact (or to float rounding where the input is not integer).
/// <code>
/// clip:     pixel_values [batch, 4, 3, 2, 2] (or [batch, 3, 4, 2, 2]) -> /embeddings/Flatten [batch, 48]
///           -> /encoder/layer.0/dense/MatMul (48x3) -> /encoder/layer.0/act/Relu
/// waveform: input_values [batch, samples] -> /encoder/frames/Reshape [batch, samples/4, 4]
///           -> /encoder/proj/MatMul (4x2) [batch, samples/4, 2]
/// log-Mel:  input_features [batch, mels, 3000] -> /encoder/Transpose [batch, 3000, mels]
///           -> /encoder/proj/MatMul (mels x 2) [batch, 3000, 2]
/// </code></summary>
internal static class TinyMediaOnnx
{
    public const int ClipFrames = 4, ClipSize = 2;

    /// <summary>A preprocessor_config.json that squashes frames to the graphs' 2x2 and keeps raw pixel values, so
    /// expected features follow from the decoded bytes alone.</summary>
    public const string SquashedRawPixelsConfig = """{"size": {"height": 2, "width": 2}, "do_rescale": false, "do_normalize": false}""";

    public static float[,] ClipWeights { get; } = Weights(3 * ClipFrames * ClipSize * ClipSize, 3, seed: 1);

    public static float[,] WaveWeights { get; } = Weights(4, 2, seed: 2);

    public static float[,] MelWeights(int mels) => Weights(mels, 2, seed: 3);

    /// <param name="channelsFirst">(B, C, T, H, W) as 3-d CNNs take it, instead of (B, T, C, H, W).</param>
    /// <param name="module">The module path of the dense layer (a VideoMAE's <c>encoder.layer.11</c>, say).</param>
    public static string WriteClipModel(string folder, bool channelsFirst = false, string module = "encoder.layer.0") =>
        WriteDenseModel(folder, "tiny_clip", channelsFirst ? [3, ClipFrames, ClipSize, ClipSize] : [ClipFrames, 3, ClipSize, ClipSize], ClipWeights, module);

    public static float[,] ImageWeights { get; } = Weights(3 * ClipSize * ClipSize, 3, seed: 4);

    /// <summary>An image graph, pixel_values [batch, 3, 2, 2] -> flatten -> <paramref name="module"/>'s dense (12x3) and
    /// ReLU: a stand-in for an exported image network whose module path a test names (<c>resnet.encoder.stages.3</c>).</summary>
    public static string WriteImageModel(string folder, string module) =>
        WriteDenseModel(folder, "tiny_image", [3, ClipSize, ClipSize], ImageWeights, module);

    static string WriteDenseModel(string folder, string name, int[] input, float[,] weights, string module)
    {
        // torch.onnx.export's scopes: one per attribute, list indices kept with their list ("stages.3").
        var parts = new List<string>();
        foreach (string part in module.Split('.'))
            if (part.All(char.IsAsciiDigit) && parts.Count > 0) parts[^1] += "." + part;
            else parts.Add(part);
        string scope = "/" + string.Join("/", parts);
        var graph = new GraphProto { Name = name };
        graph.Input.Add(Value("pixel_values", "batch", input));
        graph.Output.Add(Value("last_hidden_state", "batch", weights.GetLength(1)));
        graph.Initializer.Add(Tensor(module + ".dense.weight", weights));
        var flatten = Node("/embeddings/Flatten", "Flatten", ["pixel_values"]);
        flatten.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(flatten);
        graph.Node.Add(Node(scope + "/dense/MatMul", "MatMul", ["/embeddings/Flatten_output_0", module + ".dense.weight"]));
        graph.Node.Add(Node(scope + "/act/Relu", "Relu", [scope + "/dense/MatMul_output_0"], "last_hidden_state"));
        return Write(folder, graph);
    }

    public static string WriteWaveformModel(string folder)
    {
        var graph = new GraphProto { Name = "tiny_wave" };
        graph.Input.Add(Value("input_values", "batch", -1));
        graph.Output.Add(Value("last_hidden_state", "batch", -1, 2));
        graph.Initializer.Add(Tensor("encoder.proj.weight", WaveWeights));
        var shape = new TensorProto { Name = "frames_shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(3);
        shape.Int64Data.AddRange([0, -1, 4]); // 0 copies the batch axis
        graph.Initializer.Add(shape);
        graph.Node.Add(Node("/encoder/frames/Reshape", "Reshape", ["input_values", "frames_shape"]));
        graph.Node.Add(Node("/encoder/proj/MatMul", "MatMul", ["/encoder/frames/Reshape_output_0", "encoder.proj.weight"], "last_hidden_state"));
        return Write(folder, graph);
    }

    public static string WriteLogMelModel(string folder, int mels = 80)
    {
        var graph = new GraphProto { Name = "tiny_whisper_encoder" };
        graph.Input.Add(Value("input_features", "batch", mels, 3000));
        graph.Output.Add(Value("last_hidden_state", "batch", 3000, 2));
        graph.Initializer.Add(Tensor("encoder.proj.weight", MelWeights(mels)));
        var transpose = Node("/encoder/Transpose", "Transpose", ["input_features"]);
        transpose.Attribute.Add(new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 0, 2, 1 } });
        graph.Node.Add(transpose);
        graph.Node.Add(Node("/encoder/proj/MatMul", "MatMul", ["/encoder/Transpose_output_0", "encoder.proj.weight"], "last_hidden_state"));
        return Write(folder, graph);
    }

    static string Write(string folder, GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "BBScore.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "model.onnx");
        using var stream = File.Create(path);
        using var coded = new Google.Protobuf.CodedOutputStream(stream);
        model.WriteTo(coded);
        return path;
    }

    /// <summary>Row vector times matrix.</summary>
    public static double[] MatMul(ReadOnlySpan<double> x, float[,] w)
    {
        var y = new double[w.GetLength(1)];
        for (int j = 0; j < y.Length; j++)
            for (int i = 0; i < x.Length; i++)
                y[j] += x[i] * w[i, j];
        return y;
    }

    static float[,] Weights(int rows, int columns, int seed) => BBScore.Tests.Models.TinyPyTorchOnnx.Weights(rows, columns, seed);

    static NodeProto Node(string name, string op, string[] inputs, string? output = null)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? name + "_output_0");
        return node;
    }

    /// <param name="dims">Fixed sizes; -1 for a free axis.</param>
    static ValueInfoProto Value(string name, string batch, params int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        int free = 0;
        foreach (int d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = $"free{free++}" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    static TensorProto Tensor(string name, float[,] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange([values.GetLength(0), values.GetLength(1)]);
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        tensor.FloatData.AddRange(flat);
        return tensor;
    }
}
