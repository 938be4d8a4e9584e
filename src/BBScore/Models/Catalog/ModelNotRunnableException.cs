namespace BBScore.Models.Catalog;

/// <summary>A known model key of the original that this version cannot run yet. The message names the key,
/// what it needs (hub file, checkpoint, or an ONNX export at the local path) and that <c>resnet18</c> runs
/// offline now. Derives from <see cref="InvalidOperationException"/> (not NotSupportedException) so that the
/// CLI's error guard prints it as "error: ..." with exit code 1 instead of a stack trace.</summary>
public sealed class ModelNotRunnableException : InvalidOperationException
{
    public ModelNotRunnableException(ModelCard card, string localExportPath)
        : base(BuildMessage(card, localExportPath))
    {
        Card = card;
        LocalExportPath = localExportPath;
    }

    public ModelCard Card { get; }
    public string LocalExportPath { get; }

    public static string BuildMessage(ModelCard card, string local)
    {
        string head = $"Model '{card.Key}' ({card.Family}, {card.KindText}) is known but cannot run in this version yet: ";
        string need = card.Source.Kind switch
        {
            SourceKind.OnnxHub =>
                $"it needs the public ONNX export {card.Source.Repo} (file {card.Source.File}) from the Hugging Face hub, " +
                $"and hub download is not wired yet (coming). To use it now, download that file to {local} " +
                "(with its preprocessor_config.json beside it).",
            SourceKind.WeightFree =>
                "it needs no downloaded weights and will run offline once its C# implementation lands (coming). " +
                $"To use it now, place an ONNX export at {local}.",
            SourceKind.S3Checkpoint =>
                $"it needs the PyTorch checkpoint {card.Source.Origin}, and loading PyTorch checkpoints is not wired yet (coming). " +
                $"To use it now, place an ONNX export at {local}; export recipe: tools/export_onnx.py (coming).",
            _ =>
                $"there is no public ONNX export of its weights ({card.Source.Origin}). " +
                $"Place an ONNX export at {local}; export recipe: tools/export_onnx.py (coming).",
        };
        return head + need + " The built-in 'resnet18' runs offline now, and any ONNX file works with --model path/to/model.onnx.";
    }
}
