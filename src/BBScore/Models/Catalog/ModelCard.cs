namespace BBScore.Models.Catalog;

/// <summary>What a model consumes.</summary>
public enum InputKind { Image, Video, Audio, Text }

/// <summary>How the C# port gets (or will get) a model's weights.</summary>
public enum SourceKind
{
    /// <summary>Ships with BBScore and runs offline (the built-in <c>resnet18</c>).</summary>
    BuiltIn,
    /// <summary>A public ONNX export on the Hugging Face hub (<see cref="ModelSource.Repo"/>, <see cref="ModelSource.File"/>).</summary>
    OnnxHub,
    /// <summary>No trained weights: a fixed transform or a random initialisation, computable offline.</summary>
    WeightFree,
    /// <summary>A PyTorch checkpoint in the original's public S3 bucket (the scaling models).</summary>
    S3Checkpoint,
    /// <summary>A torch.save checkpoint at a public URL (<see cref="ModelSource.Origin"/>; torchvision's weights at
    /// download.pytorch.org) loaded into an architecture written in C#.</summary>
    UrlCheckpoint,
    /// <summary>A Hugging Face repository's published weights (<see cref="ModelSource.File"/>, <c>model.safetensors</c>)
    /// loaded into an architecture written in C# (<see cref="TorchSharpModels.HubCheckpointFamily"/>).</summary>
    HubCheckpoint,
    /// <summary>No public ONNX export: the user must export the original model to ONNX.</summary>
    NeedsExport,
}

/// <summary>Where a card's weights come from. <paramref name="Origin"/> is the original's weight source
/// (HF id, bucket path, URL), kept for export recipes and messages. <paramref name="Revision"/> is the hub
/// revision (branch, tag or commit) a hub export is fetched at; pin a commit for reproducible downloads.</summary>
public sealed record ModelSource(SourceKind Kind, string Origin, string? Repo = null, string? File = null, string Revision = "main")
{
    /// <summary>Files fetched from the Hugging Face hub (an ONNX export, or published weights), pinned the same way.</summary>
    public bool IsHub => Kind is SourceKind.OnnxHub or SourceKind.HubCheckpoint;

    /// <summary>One checkpoint file at the URL <see cref="Origin"/> (S3 bucket or any other host).</summary>
    public bool IsCheckpointUrl => Kind is SourceKind.S3Checkpoint or SourceKind.UrlCheckpoint;

    public override string ToString() => Kind switch
    {
        SourceKind.OnnxHub or SourceKind.HubCheckpoint => Revision == "main" ? $"hub {Repo} {File}" : $"hub {Repo}@{Revision} {File}",
        SourceKind.S3Checkpoint => $"s3 {Origin}",
        SourceKind.UrlCheckpoint => $"url {Origin}",
        _ => Origin,
    };
}

/// <summary>One model key of the Python original, with what the C# port knows about running it.</summary>
/// <param name="Key">The registry key, as typed after <c>--model</c>.</param>
/// <param name="Family">The original's wrapper class (e.g. <c>DINOv2</c>).</param>
/// <param name="Input">The stimulus modality.</param>
/// <param name="Static">True: an image model applied frame by frame; false: consumes the whole clip/sequence.</param>
/// <param name="Source">Where the weights come from in this port.</param>
/// <param name="Preprocessing">The original's preprocessing (resize/crop/mean/std, sample rate, frames/fps).</param>
/// <param name="Postprocess">The original's postprocess rule for hooked features.</param>
/// <param name="Notes">Anything else worth knowing (mismatches between the export and the original, caveats).</param>
public sealed record ModelCard(
    string Key, string Family, InputKind Input, bool Static, ModelSource Source,
    string Preprocessing, string Postprocess, string Notes = "")
{
    /// <summary>Where a user-made ONNX export of this model is looked for: <c>&lt;models dir&gt;/&lt;key&gt;/model.onnx</c>.</summary>
    public string LocalExportPath(string modelsDir) => Path.Combine(modelsDir, Key, "model.onnx");

    /// <summary>The status column of <c>bbscore list models</c>.</summary>
    public string Status(string modelsDir) => Status(modelsDir, () => Hub.HubModelFiles.For(this, modelsDir));

    /// <param name="hubFiles">A hub card's files on disk, looked up only when the status depends on them.</param>
    string Status(string modelsDir, Func<Hub.HubModelFiles> hubFiles) =>
        Source.Kind == SourceKind.BuiltIn ? (Onnx.ResNet18Builtin.IsInstalled ? "ready" : "missing")
        : System.IO.File.Exists(LocalExportPath(modelsDir)) ? "ready (local export)"
        : ModelCatalog.OfflineFamilies.FirstOrDefault(f => f.Supports(this)) is { } family ? family.Status(this, modelsDir)
        : Source.Kind == SourceKind.OnnxHub ? (hubFiles().IsComplete ? "ready (downloaded)" : "hub (download on first use)")
        : Source.Kind switch
        {
            SourceKind.WeightFree => "offline (coming)",
            SourceKind.S3Checkpoint => "s3 checkpoint (coming)",
            _ => "needs export",
        };

    /// <summary>A hub card's row: its files on disk are looked up once, the source shows the commit its branch is
    /// pinned to on this machine (after the first download), and a broken pin file is reported in the row, with
    /// its fix, instead of failing the whole list.</summary>
    ModelCardSummary HubSummary(string modelsDir)
    {
        Hub.HubModelFiles files;
        try
        {
            files = Hub.HubModelFiles.For(this, modelsDir);
        }
        catch (Hub.BrokenPinException e)
        {
            return new(Key, KindText, Source.ToString(), $"broken pin file: delete {e.PinPath}");
        }
        string source = files.IsPinned && files.Revision != Source.Revision ? $"{Source} (pinned: {files.Revision})" : Source.ToString();
        return new(Key, KindText, source, Status(modelsDir, () => files));
    }

    public string KindText => Input.ToString().ToLowerInvariant();

    public ModelCardSummary Summary(string modelsDir) => Source.Kind switch
    {
        SourceKind.BuiltIn => new(Key, KindText, Onnx.ResNet18Builtin.Source, Status(modelsDir)),
        SourceKind.NeedsExport => new(Key, KindText, $"export {Source.Origin} to {LocalExportPath(modelsDir)}", Status(modelsDir)),
        SourceKind.OnnxHub or SourceKind.HubCheckpoint => HubSummary(modelsDir),
        _ => new(Key, KindText, Source.ToString(), Status(modelsDir)),
    };
}
