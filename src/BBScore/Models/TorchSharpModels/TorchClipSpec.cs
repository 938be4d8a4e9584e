namespace BBScore.Models.TorchSharpModels;

/// <summary>A clip model's input: <paramref name="Frames"/> per clip at <paramref name="Fps"/> (null: the clip's own
/// rate), and how its hooked outputs are regrouped (<paramref name="Fold"/>; null keeps them as they are).
/// <paramref name="ChannelsBeforeTime"/>: the network takes (B, C, T, H, W), as torchvision's video models do,
/// instead of (B, T, C, H, W).</summary>
public sealed record TorchClipSpec(int Frames, double? Fps, TokenFold? Fold, bool ChannelsBeforeTime = false)
{
    public string Describe() =>
        $"clip of {Frames} frames at {(Fps is double f ? f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " fps" : "the clip's own rate")} " +
        "(linspace subsample or repeat last frame; images as still clips)" + (ChannelsBeforeTime ? ", input (B, C, T, H, W)" : "") +
        (Fold is null ? "" : $"; outputs {Fold.Describe()}");
}
