namespace BBScore.Models;

/// <summary>How to run a model: where, and with how many threads.</summary>
public sealed record ModelOpenOptions
{
    /// <summary><c>cpu</c> (default) or <c>cuda</c> / <c>cuda:N</c>. CUDA needs an ONNX Runtime build with the
    /// CUDA execution provider; opening fails with a clear message otherwise.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Threads ONNX Runtime uses inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }
}
