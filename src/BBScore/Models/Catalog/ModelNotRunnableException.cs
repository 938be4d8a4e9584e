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
        string model = $"Model '{card.Key}' ({card.Family}, {card.KindText})";
        string head = $"{model} cannot run in this version without an ONNX export: ";
        string why = card.Source.Kind switch
        {
            SourceKind.WeightFree => $"its random-init architecture ({card.Source.Origin}) is not built in C# yet. ",
            SourceKind.S3Checkpoint => $"this version does not load its checkpoint ({card.Source.Origin}) itself. ",
            _ => $"there is no public ONNX export of its weights ({card.Source.Origin}). ",
        };
        return head + why + $"Make one at {local} with:\n  {ExportRecipe.Command(card)}\n" +
               "(add --out <path> to write it elsewhere; docs/MODELS.md explains the options). " + Tail;
    }

    const string Tail = "The built-in 'resnet18' runs offline now, and any ONNX file works with --model path/to/model.onnx.";
}
