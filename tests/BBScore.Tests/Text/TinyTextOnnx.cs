using Onnx;

namespace BBScore.Tests.Text;

/// <summary>A tiny GPT-2-shaped decoder written with OnnxSharp's protobuf types, named as torch.onnx.export
/// names GPT-2's nodes, so every activation is exactly known without a 50257-row embedding table:
/// <code>
/// input_ids, attention_mask [batch, seq] int64  (optional position_ids [batch, seq], past_key_values.0.key/value [batch, 2, past, 3])
/// transformer.h.0:  h0[t] = id_t·W + b (+ pos_t·P)                 (/transformer/h.0/mlp/MatMul, .../Add)
/// transformer.h.1:  h1[t] = Σ_{s≤t} mask_s·h0[s] (+ Σ past = 0)   (/transformer/h.1/attn/Mul, .../CumSum)
/// </code>
/// h.1 is causal like attention: a token sees itself and earlier tokens, never later ones or padding.</summary>
internal static class TinyTextOnnx
{
    public const int Width = 3;
    public static readonly float[] W = [1, -1, 0.5f];
    public static readonly float[] B = [2, 0, -3];
    public static readonly float[] P = [100, 0, 1000];

    /// <param name="causalBlock">The block number the causal sum is named by (1: <c>transformer.h.1</c>; 11 gives the
    /// lecture's <c>transformer.h.11</c>).</param>
    public static string WriteTo(string folder, bool positionIds = false, bool past = false, int causalBlock = 1)
    {
        string path = Path.Combine(folder, "model.onnx");
        using var stream = File.Create(path);
        using var coded = new Google.Protobuf.CodedOutputStream(stream);
        Build(positionIds, past, causalBlock).WriteTo(coded);
        return path;
    }

    /// <summary>h.0 for one token, directly.</summary>
    public static float[] H0(long id, int position, bool positionIds) =>
        Enumerable.Range(0, Width).Select(d => id * W[d] + B[d] + (positionIds ? position * P[d] : 0)).ToArray();

    /// <summary>h.1 at token <paramref name="t"/> of an unpadded sequence, directly.</summary>
    public static float[] H1(IReadOnlyList<int> ids, int t, bool positionIds = false)
    {
        var sum = new float[Width];
        for (int s = 0; s <= t; s++)
        {
            var h = H0(ids[s], s, positionIds);
            for (int d = 0; d < Width; d++) sum[d] += h[d];
        }
        return sum;
    }

    static ModelProto Build(bool positionIds, bool past, int causalBlock)
    {
        var graph = new GraphProto { Name = "tiny_text" };
        graph.Input.Add(Value("input_ids", TensorProto.Types.DataType.Int64, Batch(), Seq()));
        graph.Input.Add(Value("attention_mask", TensorProto.Types.DataType.Int64, Batch(), Seq()));
        if (positionIds) graph.Input.Add(Value("position_ids", TensorProto.Types.DataType.Int64, Batch(), Seq()));
        if (past)
            foreach (string kind in (string[])["key", "value"])
                graph.Input.Add(Value($"past_key_values.0.{kind}", TensorProto.Types.DataType.Float, Batch(), Fixed(2), Symbolic("past_sequence"), Fixed(3)));
        graph.Output.Add(Value("last_hidden_state", TensorProto.Types.DataType.Float, Batch(), Seq(), Fixed(Width)));

        graph.Initializer.Add(Floats("h.0.mlp.weight", W, 1, Width));
        graph.Initializer.Add(Floats("h.0.mlp.bias", B, Width));
        graph.Initializer.Add(Floats("h.0.mlp.position_weight", P, 1, Width));
        graph.Initializer.Add(Int64s("axes_last", [-1]));
        graph.Initializer.Add(Int64s("axis_seq", [1]));

        // h.0: Unsqueeze ids to [batch, seq, 1] floats, times W, plus b (plus positions times P).
        graph.Node.Add(Node("/transformer/wte/Cast", "Cast", ["input_ids"], attribute: Int("to", (int)TensorProto.Types.DataType.Float)));
        graph.Node.Add(Node("/transformer/wte/Unsqueeze", "Unsqueeze", ["/transformer/wte/Cast_output_0", "axes_last"]));
        graph.Node.Add(Node("/transformer/h.0/mlp/MatMul", "MatMul", ["/transformer/wte/Unsqueeze_output_0", "h.0.mlp.weight"]));
        string h0 = "/transformer/h.0/mlp/Add_output_0";
        graph.Node.Add(Node("/transformer/h.0/mlp/Add", "Add", ["/transformer/h.0/mlp/MatMul_output_0", "h.0.mlp.bias"]));
        if (positionIds)
        {
            graph.Node.Add(Node("/transformer/wpe/Cast", "Cast", ["position_ids"], attribute: Int("to", (int)TensorProto.Types.DataType.Float)));
            graph.Node.Add(Node("/transformer/wpe/Unsqueeze", "Unsqueeze", ["/transformer/wpe/Cast_output_0", "axes_last"]));
            graph.Node.Add(Node("/transformer/h.0/mlp/MatMul_1", "MatMul", ["/transformer/wpe/Unsqueeze_output_0", "h.0.mlp.position_weight"]));
            graph.Node.Add(Node("/transformer/h.0/mlp/Add_1", "Add", [h0, "/transformer/h.0/mlp/MatMul_1_output_0"]));
            h0 = "/transformer/h.0/mlp/Add_1_output_0";
        }

        // h.1: masked running sum over tokens.
        graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/Cast", "Cast", ["attention_mask"], attribute: Int("to", (int)TensorProto.Types.DataType.Float)));
        graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/Unsqueeze", "Unsqueeze", [$"/transformer/h.{causalBlock}/attn/Cast_output_0", "axes_last"]));
        graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/Mul", "Mul", [h0, $"/transformer/h.{causalBlock}/attn/Unsqueeze_output_0"]));
        string h1 = $"/transformer/h.{causalBlock}/attn/CumSum_output_0";
        graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/CumSum", "CumSum", [$"/transformer/h.{causalBlock}/attn/Mul_output_0", "axis_seq"]));
        if (past)
        {
            // An empty cache sums to 0; reading it makes the graph fail unless it is fed with the right rank.
            graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/ReduceSum", "ReduceSum", ["past_key_values.0.key"], attribute: Int("keepdims", 0)));
            graph.Node.Add(Node($"/transformer/h.{causalBlock}/attn/Add", "Add", [h1, $"/transformer/h.{causalBlock}/attn/ReduceSum_output_0"]));
            h1 = $"/transformer/h.{causalBlock}/attn/Add_output_0";
        }
        graph.Node.Add(Node("/transformer/ln_f/Identity", "Identity", [h1], "last_hidden_state"));

        var model = new ModelProto { IrVersion = 8, ProducerName = "BBScore.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    static TensorShapeProto.Types.Dimension Batch() => Symbolic("batch_size");

    static TensorShapeProto.Types.Dimension Seq() => Symbolic("sequence_length");

    static TensorShapeProto.Types.Dimension Symbolic(string name) => new() { DimParam = name };

    static TensorShapeProto.Types.Dimension Fixed(int size) => new() { DimValue = size };

    static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    static NodeProto Node(string name, string op, string[] inputs, string? output = null, AttributeProto? attribute = null)
    {
        var node = new NodeProto { Name = name, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? name + "_output_0");
        if (attribute != null) node.Attribute.Add(attribute);
        return node;
    }

    static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    static TensorProto Int64s(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }
}
