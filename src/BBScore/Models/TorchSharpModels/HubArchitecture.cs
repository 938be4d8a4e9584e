using BBScore.Models.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A network built from a published <c>config.json</c>: the module, its clip input (null for an image
/// network), and for a repository without <c>preprocessor_config.json</c> the family's preprocessing
/// (<paramref name="Preprocessing"/>; null: shorter side and centre crop to <paramref name="ImageSize"/>, ImageNet norm).</summary>
public sealed record HubNetwork(nn.Module<Tensor, Tensor> Network, TorchClipSpec? Clip, int ImageSize,
    Preprocessing.ImagePreprocessSpec? Preprocessing = null);

/// <summary>How one family of published Hugging Face checkpoints becomes a C# network: the card's family name,
/// the key map from the checkpoint's names to the network's, and the builder (from the card, for keys that differ
/// only in their input, and the repository's <c>config.json</c> text and path), and what the network takes: images or
/// clips, or for <see cref="InputKind.Audio"/> 16 kHz waveforms normalised per sound, as the original's
/// <c>Wav2Vec2FeatureExtractor(sampling_rate=16000)</c> (<see cref="Onnx.Feeders.WaveformBatch.FeatureExtractorDefaults"/>).</summary>
public sealed record HubArchitecture(string Family, StateDictKeyMap Keys, Func<ModelCard, string, string, HubNetwork> Build,
    InputKind Input = InputKind.Image);

/// <summary>The families <see cref="HubCheckpointFamily"/> builds, one entry per architecture file.</summary>
public static class HubArchitectures
{
    static readonly Dictionary<string, HubArchitecture> ByFamily = new HubArchitecture[]
    {
        Vit.VitHubArchitectures.VisionTransformer,
        Vit.VitHubArchitectures.VideoMae,
        Vjepa2.Vjepa2HubArchitectures.Vjepa2,
        Vjepa2.Vjepa2HubArchitectures.Timebin,
        Timm.TimmHubArchitectures.Vgg,
        Timesformer.TimesformerHubArchitectures.Timesformer,
        Vit.VitHubArchitectures.Mae,
        Vit.VitHubArchitectures.IJepa,
        Vit.VitHubArchitectures.Dinov2,
        Vit.VitHubArchitectures.Blip,
        Wav2Vec2.Wav2Vec2HubArchitectures.Wav2Vec2,
        Wav2Vec2.Wav2Vec2HubArchitectures.Hubert,
    }.ToDictionary(a => a.Family, StringComparer.Ordinal);

    public static HubArchitecture? For(string family) => ByFamily.GetValueOrDefault(family);
}
