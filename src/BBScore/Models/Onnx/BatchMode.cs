namespace BBScore.Models.Onnx;

/// <summary>How a graph takes a batch of stimuli.</summary>
public enum BatchMode
{
    /// <summary>The batch axis is free (as exported, or freed by <see cref="OnnxGraphEditor.FreeBatchDimension"/>): one run per batch.</summary>
    Batched,

    /// <summary>The graph is fixed to batch 1 with shapes baked into its operators: one run per stimulus.</summary>
    PerStimulus,
}
