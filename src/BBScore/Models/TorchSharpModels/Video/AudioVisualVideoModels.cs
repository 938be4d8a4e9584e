using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>The self-supervised audio-visual R(2+1)D encoders of spec §3.2 (GDT, SeLaVi, AVID / AVID-CMA): only their
/// video towers, as the original keeps them, loaded from the published training checkpoints (the <c>model</c> entry;
/// the audio tower and projection heads in it are ignored by name).</summary>
/// <remarks>Fixed from the original: GDT's and SeLaVi's loaders hand frames already scaled to [0, 1] to a clip
/// augmentation that divides by 255 again, so every input is within 0.02 of −2 after normalisation; and that
/// augmentation is the training one (random shorter side in [256, 320], random 224 crop, random flip), so two runs
/// differ. Here frames are scaled once and the evaluation view is taken: shorter side 256, centre crop 224, no flip.
/// The original also runs GDT in float16; here every key runs in float32.</remarks>
public static class AudioVisualVideoModels
{
    /// <summary>GDT's and SeLaVi's normalisation (their video_transforms' MEAN/STD).</summary>
    static readonly IReadOnlyList<float> GdtMean = [0.45f, 0.45f, 0.45f];
    static readonly IReadOnlyList<float> GdtStd = [0.225f, 0.225f, 0.225f];

    static readonly ImagePreprocessSpec GdtFrames = new(
        "GDT/SeLaVi clip_augmentation, evaluation view (shorter side 256 bilinear, centre-crop 224, mean 0.45 std 0.225)",
        new ResizeShortestEdge(256), PilResampleFilter.Bilinear, (224, 224), 1.0 / 255.0, GdtMean, GdtStd);

    /// <summary>AVID's <c>VideoPrep_Crop_CJ(resize=(256, 256), crop=(224, 224), augment=False)</c>: an exact 256×256
    /// resize, centre crop, ImageNet normalisation (its configs' crop_size is 224 for all four checkpoints).</summary>
    static readonly ImagePreprocessSpec AvidFrames = new(
        "AVID VideoPrep_Crop_CJ (resize to 256x256 bilinear, centre-crop 224, ImageNet normalisation)",
        new ResizeToSize(256, 256), PilResampleFilter.Bilinear, (224, 224), 1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    /// <summary>Only the video tower's entries are kept, as the original does: GDT's checkpoints name it
    /// <c>video_network.</c>, SeLaVi's <c>module.video_network.</c> (saved from DataParallel; <c>module.</c> is removed
    /// from every key anyway). The audio tower and the projection heads (SeLaVi has one per clustering head) are ignored.</summary>
    static readonly StateDictKeyMap VideoNetworkKeys = OnlyUnder("video_network.");

    /// <summary>AVID's keep theirs under <c>module.video_model.</c>, beside <c>audio_model</c> and the
    /// <c>video_proj</c>/<c>audio_proj</c> heads.</summary>
    static readonly StateDictKeyMap VideoModelKeys = OnlyUnder("video_model.");

    /// <summary>Keys under <paramref name="prefix"/> (after DataParallel's <c>module.</c>) lose it; all others are ignored.
    /// The optional <c>module.</c> is matched atomically, so that it cannot be given back to let the look-ahead pass.</summary>
    static StateDictKeyMap OnlyUnder(string prefix) => new()
    {
        Ignored = [$"^(?>(module\\.)?)(?!{System.Text.RegularExpressions.Regex.Escape(prefix)})"],
        Rewrites = [KeyRewrite.Prefix(prefix, "")],
    };

    const string GdtBucket = "https://storage.googleapis.com/stanford_neuroai_models/gdt/";
    const string SelaviBase = "https://dl.fbaipublicfiles.com/selavi/";
    const string AvidBase = "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/";

    static TorchvisionVideoSpec Gdt(string key, string file) =>
        new(key, GdtBucket + file, VideoBaseNetwork.R2Plus1d18, 30, GdtFrames, Keys: VideoNetworkKeys);

    static TorchvisionVideoSpec Selavi(string key, string file) =>
        new(key, SelaviBase + file, VideoBaseNetwork.R2Plus1d18, 30, GdtFrames, Keys: VideoNetworkKeys);

    static TorchvisionVideoSpec Avid(string key, string file) =>
        new(key, AvidBase + file, AvidR2Plus1D.Published, 16, AvidFrames, Keys: VideoModelKeys);

    /// <summary>Every key, with the file the original's loader fetches for it.</summary>
    public static IReadOnlyList<TorchvisionVideoSpec> Specs { get; } =
    [
        Gdt("gdt_ht100", "gdt_HT100M.pth"),
        Gdt("gdt_ig65", "gdt_IG65M.pth"),
        Gdt("gdt_kinetics400", "gdt_K400.pth"),
        Selavi("selavi_kinetics400", "selavi_kinetics.pth"),
        Selavi("selavi_kinetics_sound", "selavi_kinetics_sound.pth"),
        Selavi("selavi_ave", "selavi_ave.pth"),
        Selavi("selavi_vgg", "selavi_vgg_sound.pth"),
        Avid("avid_kinetics", "AVID_Kinetics_Cross-N1024_checkpoint.pth.tar"),
        Avid("avid_audioset", "AVID_Audioset_Cross-N1024_checkpoint.pth.tar"),
        Avid("avid_cma_kinetics", "AVID-CMA_Kinetics_InstX-N1024-PosW-N64-Top32_checkpoint.pth.tar"),
        Avid("avid_cma_audioset", "AVID-CMA_Audioset_InstX-N1024-PosW-N64-Top32_checkpoint.pth.tar"),
    ];
}
