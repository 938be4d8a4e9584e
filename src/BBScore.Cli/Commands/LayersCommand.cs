using System.CommandLine;
using BBScore.Models;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore layers &lt;model&gt;`: every module path with its output shape per stimulus.</summary>
public static class LayersCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "Model key or path to an .onnx file." };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("layers", "List a model's layers (module paths) with their output shapes.") { model, device };
        command.SetAction(parse => context.Guard(() =>
        {
            using var opened = ModelCatalog.Open(parse.GetValue(model)!,
                new ModelOpenOptions { Device = parse.GetValue(device)!, Progress = context.Progress }, context.Home.ModelsDir);
            TextTable.Write(context.Out, ["layer", "shape", "aliases", "tensor"],
                opened.ListLayers().Select(l => (IReadOnlyList<string>)[l.Name,
                    l.Shape is null ? "?" : "(" + string.Join(", ", l.Shape) + ")", string.Join(",", l.Aliases), l.Tensor]));
            context.Out.WriteLine($"preprocessing: {opened.Identity.Preprocessing}");
            return 0;
        }));
        return command;
    }
}
