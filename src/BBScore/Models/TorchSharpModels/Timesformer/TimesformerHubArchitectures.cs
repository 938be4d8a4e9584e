namespace BBScore.Models.TorchSharpModels.Timesformer;

/// <summary>TimeSformer checkpoints on the hub (TimesformerForVideoClassification: the model under <c>timesformer.</c>,
/// its <c>classifier</c> ignored, as the original's TimesformerModel drops it): clips of the config's frame count at
/// 32 fps (the original's), outputs folded to (B, frames, −1).</summary>
public static class TimesformerHubArchitectures
{
    public static HubArchitecture Timesformer { get; } = new("TimeSformer",
        new StateDictKeyMap { Rewrites = [KeyRewrite.Prefix("timesformer.", "")], Ignored = [@"^classifier\."] },
        (_, json, path) =>
        {
            var config = TimesformerConfig.Parse(json, path);
            var network = SeededBuild.Construct(() => new TimesformerModel(config), seed: 0);
            return new HubNetwork(network, new TorchClipSpec(config.Frames, 32, new TokenFold.IntoFrames(config.Frames)), config.ImageSize);
        });
}
