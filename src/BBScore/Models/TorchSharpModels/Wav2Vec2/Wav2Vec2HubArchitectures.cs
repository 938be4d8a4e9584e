using BBScore.Models.Catalog;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>The wav2vec2 and HuBERT checkpoints on the hub, loaded as the original loads them, into
/// <c>Wav2Vec2Model</c> / <c>HubertModel</c> (AutoModel): a CTC checkpoint's model under <c>wav2vec2.</c> /
/// <c>hubert.</c> comes up to the top and its <c>lm_head</c> is ignored; a pre-training checkpoint's quantizer and
/// contrastive projections are ignored. Newer saves keep the positional convolution's weight norm as
/// <c>parametrizations.weight.original0/1</c>, older ones as <c>weight_g</c>/<c>weight_v</c>: both load into the
/// latter. Every other tensor of a checkpoint is loaded.</summary>
public static class Wav2Vec2HubArchitectures
{
    public static HubArchitecture Wav2Vec2 { get; } = Entry("Wav2Vec2", "wav2vec2.",
        // Wav2Vec2ForPreTraining's codebook quantizer and the projections of its contrastive loss; Wav2Vec2ForCTC's head.
        [@"^quantizer\.", @"^project_q\.", @"^project_hid\.", @"^lm_head\."]);

    public static HubArchitecture Hubert { get; } = Entry("HuBERT", "hubert.", [@"^lm_head\."]);

    static HubArchitecture Entry(string family, string prefix, string[] ignored) => new(family,
        new StateDictKeyMap
        {
            Rewrites =
            [
                KeyRewrite.Prefix(prefix, ""),
                KeyRewrite.Pattern(@"\.parametrizations\.weight\.original0$", ".weight_g"),
                KeyRewrite.Pattern(@"\.parametrizations\.weight\.original1$", ".weight_v"),
            ],
            Ignored = ignored,
        },
        (_, json, path) =>
        {
            var config = HfWav2Vec2Config.Parse(json, path);
            // Construction draws initial weights from torch's process-wide generator; the checkpoint overwrites them.
            // A waveform network has no image size.
            return new HubNetwork(SeededBuild.Construct(() => new Wav2Vec2Model(config), seed: 0), null, ImageSize: 0);
        },
        InputKind.Audio);
}
