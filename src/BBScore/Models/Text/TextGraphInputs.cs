using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace BBScore.Models.Text;

/// <summary>An empty key or value cache input of a decoder export (<c>past_key_values.N.key</c>), fed with
/// no past tokens: shape [batch, heads, 0, head size].</summary>
public sealed record PastCacheInput(string Name, int Heads, int HeadSize, TensorElementType ElementType);

/// <summary>The inputs of a decoder language-model export (Hugging Face Optimum / torch.onnx naming) that a
/// text feeder fills.</summary>
/// <param name="InputIds">int64 [batch, tokens].</param>
/// <param name="AttentionMask">int64 [batch, past + tokens]; null when the graph has none.</param>
/// <param name="PositionIds">int64 [batch, tokens]; null when the graph numbers positions itself.</param>
/// <param name="Past">Key/value cache inputs, all fed empty.</param>
/// <param name="UseCacheBranch">Optimum's merged-decoder switch (bool [1]), fed false; null when absent.</param>
/// <param name="FixedLength">The token axis when the export fixed it, else null.</param>
public sealed record TextGraphInputs(string InputIds, string? AttentionMask, string? PositionIds,
    IReadOnlyList<PastCacheInput> Past, string? UseCacheBranch, int? FixedLength)
{
    const string PastPrefix = "past_key_values.";

    /// <summary>The batched inputs (batch on axis 0): all but the cache-branch switch.</summary>
    public IReadOnlyList<string> BatchedNames =>
        [InputIds, .. new[] { AttentionMask, PositionIds }.OfType<string>(), .. Past.Select(p => p.Name)];

    public static TextGraphInputs Find(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (!inputs.TryGetValue("input_ids", out var ids))
            throw new NotSupportedException(
                $"A text model needs an 'input_ids' input; this graph takes {string.Join(", ", inputs.Keys.Select(k => $"'{k}'"))}.");

        var past = inputs.Values.Where(i => i.Name.StartsWith(PastPrefix, StringComparison.Ordinal)).Select(PastInput).ToList();
        string? Optional(string name) => inputs.ContainsKey(name) ? name : null;
        var result = new TextGraphInputs("input_ids", Optional("attention_mask"), Optional("position_ids"), past,
            Optional("use_cache_branch"), FixedDim(ids, 1));

        var unknown = inputs.Keys.Except([.. result.BatchedNames, .. new[] { result.UseCacheBranch }.OfType<string>()]).ToList();
        if (unknown.Count > 0)
            throw new NotSupportedException(
                $"The text feeder fills input_ids, attention_mask, position_ids and empty past_key_values; this graph also takes " +
                $"{string.Join(", ", unknown.Select(k => $"'{k}'"))}.");
        return result;
    }

    static PastCacheInput PastInput(ValueInfoProto input)
    {
        var dims = input.Type.TensorType.Shape?.Dim;
        if (dims is not { Count: 4 } || FixedDim(input, 1) is not int heads || FixedDim(input, 3) is not int headSize)
            throw new NotSupportedException(
                $"Cache input '{input.Name}' should be [batch, heads, past, head size] with fixed heads and head size, to be fed empty.");
        return new PastCacheInput(input.Name, heads, headSize, (TensorElementType)input.Type.TensorType.ElemType);
    }

    static int? FixedDim(ValueInfoProto input, int axis)
    {
        var dims = input.Type.TensorType.Shape?.Dim;
        return dims != null && dims.Count > axis && dims[axis].ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            && dims[axis].DimValue > 0 ? (int)dims[axis].DimValue : null;
    }
}
