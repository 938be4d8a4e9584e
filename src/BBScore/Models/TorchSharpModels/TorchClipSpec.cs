namespace BBScore.Models.TorchSharpModels;

/// <summary>A clip model's input: <paramref name="Frames"/> per clip at <paramref name="Fps"/> (null: the clip's own
/// rate), and how its hooked outputs are regrouped (<paramref name="Fold"/>; null keeps them as they are).</summary>
public sealed record TorchClipSpec(int Frames, double? Fps, TokenFold? Fold)
{
    public string Describe() =>
        $"clip of {Frames} frames at {(Fps is double f ? f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " fps" : "the clip's own rate")} " +
        "(linspace subsample or repeat last frame; images as still clips)" + (Fold is null ? "" : $"; outputs {Fold.Describe()}");
}
