using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx;

/// <summary>Creates ONNX Runtime sessions with full graph optimisation on the requested device.</summary>
public static class OnnxSessionFactory
{
    const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>Checks the device string and that this ONNX Runtime build can run it; returns the CUDA
    /// device id, or null for the CPU.</summary>
    public static int? ParseDevice(string device)
    {
        string text = device.Trim().ToLowerInvariant();
        if (text == "cpu") return null;
        int? cudaId = text == "cuda" ? 0
            : text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text[5..], out int id) && id >= 0 ? id
            : null;
        if (cudaId == null)
            throw new ArgumentException($"Unknown device '{device}'. Use 'cpu', 'cuda' or 'cuda:N'.", nameof(device));
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
            throw new InvalidOperationException(
                $"Device '{device}' needs ONNX Runtime's CUDA execution provider, but the CPU build of ONNX Runtime " +
                "(Microsoft.ML.OnnxRuntime) is installed. Build BBScore with `dotnet build -p:OnnxRuntimeGpu=true` on a Linux machine " +
                "with CUDA and cuDNN (see docs/MODELS.md), or use --device cpu.");
        return cudaId;
    }

    /// <summary>Adds the CUDA provider; its native libraries are loaded here, so missing CUDA or cuDNN
    /// libraries surface as one clear error instead of ONNX Runtime's stack trace.</summary>
    static void AppendCuda(SessionOptions sessionOptions, int id, string device)
    {
        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(id);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException(
                $"Device '{device}': ONNX Runtime's CUDA build is installed but its CUDA provider could not start ({e.Message.Trim()}). " +
                "Install the CUDA and cuDNN libraries it names (and an NVIDIA driver), or use --device cpu.", e);
        }
    }

    /// <param name="model">Serialised ModelProto.</param>
    /// <param name="options">Device and threads.</param>
    /// <param name="externalDataFolder">Folder of external-data files, for a model loaded from memory.</param>
    public static InferenceSession Create(byte[] model, ModelOpenOptions options, string? externalDataFolder)
    {
        int? cudaId = ParseDevice(options.Device);
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        try
        {
            // One thread per logical core: ONNX Runtime's own default counts physical cores, which on
            // machines with SMT siblings (typical cloud vCPUs) leaves half the processors idle.
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;
            // Idle workers sleep instead of spinning after each run: the next batch is decoded on these same cores
            // between runs, and spinning workers would take them (docs/PERFORMANCE.md; batch 16 and 32 unchanged,
            // batch 1 about 4% slower).
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            if (externalDataFolder != null)
                sessionOptions.AddSessionConfigEntry("session.model_external_initializers_file_folder_path", externalDataFolder);
            if (cudaId is int id) AppendCuda(sessionOptions, id, options.Device);
            return new InferenceSession(model, sessionOptions);
        }
        finally
        {
            // The session copies what it needs from the options.
            sessionOptions.Dispose();
        }
    }
}
