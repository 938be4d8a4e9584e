using BBScore.Progress;

namespace BBScore.Models;

/// <summary>How to run a model: where, with how many threads, and whether its weights may be downloaded.</summary>
public sealed record ModelOpenOptions
{
    /// <summary><c>cpu</c> (default) or <c>cuda</c> / <c>cuda:N</c>. CUDA needs an ONNX Runtime build with the
    /// CUDA execution provider; opening fails with a clear message otherwise.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Threads ONNX Runtime uses inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>True: never download (a hub model that is not on disk yet fails, naming
    /// <c>bbscore download --model &lt;key&gt;</c> and where its files go).</summary>
    public bool Offline { get; init; }

    /// <summary>Where download progress goes; silent when null.</summary>
    public IProgressSink? Progress { get; init; }
}
