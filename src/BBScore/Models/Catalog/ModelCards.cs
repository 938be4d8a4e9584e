namespace BBScore.Models.Catalog;

/// <summary>The 186 model keys of the Python original (spec §3), generated from one compact table per spec
/// subsection plus three small tables of how this port gets the weights (public ONNX hub exports, weight-free
/// models, S3 checkpoints). Everything else needs a user-made ONNX export.</summary>
public static class ModelCards
{
    const string InNorm = "IN-norm mean (0.485,0.456,0.406) std (0.229,0.224,0.225)";
    const string R256C224 = "resize shorter side 256, centre-crop 224, " + InNorm;
    const string BTFlat = "→(B,T,−1)";
    const string BFlat = "→(B,−1)";
    const string OnnxModel = "onnx/model.onnx";

    /// <summary>Keys whose published Hugging Face weights load into a C# architecture (<see cref="TorchSharpModels.HubCheckpointFamily"/>):
    /// key → repository (its <c>model.safetensors</c> and <c>config.json</c>).</summary>
    static readonly Dictionary<string, string> HubCheckpoints = new(StringComparer.Ordinal)
    {
        ["vit_large"] = "google/vit-large-patch16-224",
        ["vit_huge"] = "google/vit-huge-patch14-224-in21k",
        ["videomae_base"] = "MCG-NJU/videomae-base",
        ["videomae_large"] = "MCG-NJU/videomae-large",
        ["vgg19"] = "timm/vgg19.tv_in1k",
        ["timesformer_l"] = "facebook/timesformer-large-finetuned-k400",
        ["vjepa2_large_64"] = "facebook/vjepa2-vitl-fpc64-256",
        ["vjepa2_huge_64"] = "facebook/vjepa2-vith-fpc64-256",
        ["vjepa2_great_64"] = TimeBinRepo,
        ["vjepa2_large_32"] = "facebook/vjepa2-vitl-fpc32-256-diving48",
        ["vjepa2_large_16_ssv2"] = "facebook/vjepa2-vitl-fpc16-256-ssv2",
        ["mae_base"] = "facebook/vit-mae-base",
        ["mae_large"] = "facebook/vit-mae-large",
        ["ijepa_huge_14_22k"] = "facebook/ijepa_vith14_22k",
        ["ijepa_huge_16_1k"] = "facebook/ijepa_vith16_1k",
        ["ijepa_giant"] = "facebook/ijepa_vitg16_22k",
        ["dinov2_giant"] = "facebook/dinov2-giant",
        ["blip_base"] = "Salesforce/blip-image-captioning-base",
        ["blip_large"] = "Salesforce/blip-image-captioning-large",
        ["blip_vqa"] = "Salesforce/blip-vqa-base",
        ["blip_itm"] = "Salesforce/blip-itm-base-coco",
        // wav2vec2 / HuBERT (Wav2Vec2Model, HubertModel); these 2020-2021 repositories publish pytorch_model.bin.
        ["wav2vec2_base"] = "facebook/wav2vec2-base",
        ["wav2vec2_large"] = "facebook/wav2vec2-large",
        ["wav2vec2_large_960h"] = "facebook/wav2vec2-large-960h",
        ["hubert_large"] = "facebook/hubert-large-ls960-ft",
        ["hubert_xl"] = "facebook/hubert-xlarge-ls960-ft",
    };

    /// <summary>Keys whose weights exist as a public ONNX export (repo, file).</summary>
    static readonly Dictionary<string, (string Repo, string File)> HubExports = new()
    {
        ["resnet34"] = ("Xenova/resnet-34", OnnxModel),
        ["resnet50"] = ("Xenova/resnet-50", OnnxModel),
        ["convnext_tiny"] = ("Xenova/convnext-tiny-224", OnnxModel),
        ["convnext_small"] = ("Xenova/convnext-small-224", OnnxModel),
        ["convnext_base"] = ("Xenova/convnext-base-224", OnnxModel),
        ["convnext_large"] = ("Xenova/convnext-large-224", OnnxModel),
        ["convnext_xlarge"] = ("Xenova/convnext-xlarge-224-22k-1k", OnnxModel),
        ["vit_base"] = ("Xenova/vit-base-patch16-224", OnnxModel),
        ["dino_vitb8"] = ("Xenova/dino-vitb8", OnnxModel),
        ["dino_vitb16"] = ("Xenova/dino-vitb16", OnnxModel),
        ["dino_vits8"] = ("Xenova/dino-vits8", OnnxModel),
        ["dino_vits16"] = ("Xenova/dino-vits16", OnnxModel),
        ["dinov2_base"] = ("Xenova/dinov2-base", OnnxModel),
        ["dinov2_large"] = ("Xenova/dinov2-large", OnnxModel),
        ["dinov2_large_sub"] = ("Xenova/dinov2-large", OnnxModel),
        ["ijepa_huge_14_1k"] = ("onnx-community/ijepa_vith14_1k", OnnxModel),
        ["clip_vit_b_32"] = ("Xenova/clip-vit-base-patch32", "onnx/vision_model.onnx"),
        ["clip_vit_b_16"] = ("Xenova/clip-vit-base-patch16", "onnx/vision_model.onnx"),
        ["clip_vit_l_14"] = ("Xenova/clip-vit-large-patch14", "onnx/vision_model.onnx"),
        ["clip_vit_l_14_336"] = ("Xenova/clip-vit-large-patch14-336", "onnx/vision_model.onnx"),
        ["sam_base"] = ("Xenova/sam-vit-base", "onnx/vision_encoder.onnx"),
        ["sam_large"] = ("Xenova/sam-vit-large", "onnx/vision_encoder.onnx"),
        ["sam_huge"] = ("Xenova/sam-vit-huge", "onnx/vision_encoder.onnx"),
        ["swin_tiny"] = ("Xenova/swin-tiny-patch4-window7-224", OnnxModel),
        ["swin_small"] = ("Xenova/swin-small-patch4-window7-224", OnnxModel),
        ["swin_base"] = ("Xenova/swin-base-patch4-window7-224", OnnxModel),
        ["swin_large"] = ("Xenova/swin-large-patch4-window7-224", OnnxModel),
        ["timesformer_base"] = ("onnx-community/timesformer-base-finetuned-k400", OnnxModel),
        ["timesformer_hr"] = ("onnx-community/timesformer-hr-finetuned-k400", OnnxModel),
        ["hubert_base"] = ("Xenova/hubert-base-ls960", OnnxModel),
        ["whisper_tiny"] = ("Xenova/whisper-tiny", "onnx/encoder_model.onnx"),
        ["whisper_base"] = ("Xenova/whisper-base", "onnx/encoder_model.onnx"),
        ["whisper_small"] = ("Xenova/whisper-small", "onnx/encoder_model.onnx"),
        ["whisper_medium"] = ("Xenova/whisper-medium", "onnx/encoder_model.onnx"),
        ["whisper_large_v3"] = ("Xenova/whisper-large-v3", "onnx/encoder_model.onnx"),
        ["gpt2_small"] = ("openai-community/gpt2", "onnx/decoder_model.onnx"),
        ["gpt2_medium"] = ("openai-community/gpt2-medium", "onnx/decoder_model.onnx"),
        ["gpt2_large"] = ("openai-community/gpt2-large", "onnx/decoder_model.onnx"),
        ["gpt2_xl"] = ("onnx-community/gpt2-xl-ONNX", OnnxModel),
    };

    /// <summary>Keys with no trained weights to fetch (fixed transforms, random initialisations).</summary>
    static readonly HashSet<string> WeightFree =
    [
        "alexnet_untrained", "pixel", "hmax", "motion-energy",
        "Random-convnext_large_imagenet_full_seed-0", "Random-resnext101_32x8d_wsl",
        "Random-s3d-HowTo100M", "Random-VideoMAE-V1-L",
    ];

    /// <summary>Per-key notes where the export or the port differs from the original.</summary>
    static readonly Dictionary<string, string> KeyNotes = new()
    {
        ["resnet18"] = "built-in CNTK export (pooled 512-d, own preprocessing), not microsoft/resnet-18; Xenova/resnet-18 is the HF export",
        ["convnext_xlarge"] = "the hub export is the 22k→1k fine-tune",
        ["dinov2_large_sub"] = "same weights as dinov2_large",
        ["hmax"] = "needs the universal patch set gs://stanford_neuroai_models/hmax/universal_patch_set.mat",
        ["alexnet_untrained"] = "random initialisation (torchvision alexnet, pretrained=False)",
        ["mae_base"] = MaeNote,
        ["mae_large"] = MaeNote,
        ["dinov2_giant"] = "position grid (518 px config) resized bicubically to the 224 px input, as transformers ≥ 4.45 does",
        ["blip_base"] = BlipNote,
        ["blip_large"] = BlipNote,
        ["blip_vqa"] = BlipNote,
        ["blip_itm"] = BlipNote,
        ["glm-4.5v"] = GlmNote,
        ["glm-4.1v-9b-thinking"] = GlmNote,
    };

    const string MaeNote = "encoder only, every patch token in image order; the original (mask_ratio 0) keeps every patch too, " +
                           "but shuffled in a random order per image (see docs/TORCHSHARP-MODELS.md)";

    const string BlipNote = "vision tower only (model.vision_model, as the original): layers embeddings, encoder.layers.N, post_layernorm";

    const string GlmNote = "vision-language model run as an image model: the export (--source glm) bakes in the fixed chat prompt; batch 1";

    /// <summary>A table row: keys and origins are '|'-separated (one origin shared by all keys, or one per key).</summary>
    readonly record struct Row(string Keys, string Family, string Origins, string Pre, string Post);

    // §3.1 Static image models (93 keys; the 29 scaling keys are generated by ScalingRows).
    static readonly Row[] ImageRows =
    [
        new("alexnet_untrained|alexnet_trained|alexnet_barcode", "AlexNet",
            "torch.hub pytorch/vision:v0.10.0 alexnet (untrained)|torch.hub pytorch/vision:v0.10.0 alexnet (pretrained)|gs://stanford_neuroai_models/alexnet/barcode.pt", R256C224, BTFlat),
        new("alexnet_sin", "AlexNetSIN", "Geirhos stylized-ImageNet alexnet checkpoint (60 epochs)",
            "resize shorter side 256 bilinear, centre-crop 224, " + InNorm, BTFlat),
        new("cornet_z|cornet_rt|cornet_s", "CORNET",
            "gs://stanford_neuroai_models/cornet/cornet_z-5c427c9c.pth|gs://stanford_neuroai_models/cornet/cornet_rt-933c001c.pth|gs://stanford_neuroai_models/cornet/cornet_s-1d3f7974.pth", R256C224, BTFlat),
        new("resnet18|resnet34|resnet50|resnet50dino", "ResNet",
            "HF microsoft/resnet-18|HF microsoft/resnet-34|HF microsoft/resnet-50|torch.hub dino_resnet50",
            "HF AutoImageProcessor (resize shorter side 256 → crop 224, " + InNorm + ")", BFlat),
        new("resnext101_32x8d_wsl", "ResNeXtWSL", "torch.hub facebookresearch/WSL-Images resnext101_32x8d_wsl",
            "resize shorter side 256 bilinear, centre-crop 224 (normalisation inside the model)", BTFlat),
        new("voneresnet-50-non_stochastic", "VOneResNet50NS", "brainscore-storage S3 voneresnet50_ns_e70",
            "resize shorter side 256 bilinear, centre-crop 224, mean/std 0.5", BTFlat),
        new("vgg19", "VGG", "timm vgg19.tv_in1k", "timm data config: resize/centre-crop to 224, " + InNorm, BTFlat),
        new("convnext_tiny|convnext_small|convnext_base|convnext_large|convnext_xlarge", "ConvNeXt",
            "HF facebook/convnext-tiny-224|HF facebook/convnext-small-224|HF facebook/convnext-base-224|HF facebook/convnext-large-224|HF facebook/convnext-xlarge-224",
            "HF ConvNextImageProcessor (224, crop_pct 0.875, " + InNorm + ")", "none defined in the original (raw hook output)"),
        new("vit_base|vit_large|vit_huge", "VisionTransformer",
            "HF google/vit-base-patch16-224|HF google/vit-large-patch16-224|HF google/vit-huge-patch14-224-in21k",
            "HF ViTImageProcessor (resize 224×224, mean/std 0.5)", BTFlat + " (all tokens incl. CLS)"),
        new("dino_vitb8|dino_vitb16|dino_vits8|dino_vits16", "DINO",
            "HF facebook/dino-vitb8|HF facebook/dino-vitb16|HF facebook/dino-vits8|HF facebook/dino-vits16",
            "HF ViTImageProcessor (resize 224×224, " + InNorm + ")", BFlat),
        new("dinov2_base|dinov2_large|dinov2_giant|dinov2_large_sub", "DINOv2",
            "HF facebook/dinov2-base|HF facebook/dinov2-large|HF facebook/dinov2-giant|HF facebook/dinov2-large",
            "resize 256 bicubic, centre-crop 224, " + InNorm, BTFlat),
        new("ijepa_huge_14_1k|ijepa_huge_14_22k|ijepa_huge_16_1k|ijepa_giant", "IJEPA",
            "HF facebook/ijepa_vith14_1k|HF facebook/ijepa_vith14_22k|HF facebook/ijepa_vith16_1k|HF facebook/ijepa_vitg16_22k",
            "HF AutoProcessor (resize 224×224, " + InNorm + ")", BFlat),
        new("mae_base|mae_large", "MAE", "HF facebook/vit-mae-base|HF facebook/vit-mae-large",
            "HF AutoImageProcessor (resize 224×224, " + InNorm + ")", BTFlat),
        new("clip_vit_b_32|clip_vit_b_16|clip_vit_l_14|clip_vit_l_14_336", "CLIP",
            "HF openai/clip-vit-base-patch32|HF openai/clip-vit-base-patch16|HF openai/clip-vit-large-patch14|HF openai/clip-vit-large-patch14-336",
            "CLIPProcessor (resize shorter side bicubic, centre-crop 224 (336 for _336), CLIP mean (0.4815,0.4578,0.4082) std (0.2686,0.2613,0.2758))", BTFlat),
        new("blip_base|blip_large|blip_vqa|blip_itm", "BLIP",
            "HF Salesforce/blip-image-captioning-base|HF Salesforce/blip-image-captioning-large|HF Salesforce/blip-vqa-base|HF Salesforce/blip-itm-base-coco",
            "resize 384×384, AutoProcessor", BFlat),
        new("sam_base|sam_large|sam_huge", "SAM", "HF facebook/sam-vit-base|HF facebook/sam-vit-large|HF facebook/sam-vit-huge",
            "AutoProcessor (longest side 1024, pad to 1024×1024, " + InNorm + ")", BFlat),
        new("swin_tiny|swin_small|swin_base|swin_large", "Swin",
            "HF microsoft/swin-tiny-patch4-window7-224|HF microsoft/swin-small-patch4-window7-224|HF microsoft/swin-base-patch4-window7-224|HF microsoft/swin-large-patch4-window7-224",
            "HF AutoImageProcessor (resize 224×224, " + InNorm + ")", BFlat),
        new("r3m", "R3M", "r3m package resnet50", "resize shorter side 256, centre-crop 224", BTFlat),
        new("hmax", "HMAX", "none (fixed S1/C1/S2/C2 filters)", "resize 64×64, " + InNorm,
            BTFlat + "; the hook returns a list of tensors (cropped to common shape, stacked)"),
        new("pixel", "PIXEL", "none (identity pixel baseline)", "resize 256×256, " + InNorm, BTFlat),
        new("pixelnerf", "PixelNerf", "gs://stanford_neuroai_models/pixelnerf/pixel_nerf_latest", R256C224, BTFlat),
        new("swim_l_robust|convnextv2_l + swin-l|wideresnet101robust|vit_b_convstem_robust|resnet50robust|deit_b_robust|resnet50noisymix", "ROBUST",
            "RobustBench Xu2024MIMIR_Swin-L|RobustBench Bai2024MixedNUTS|RobustBench Peng2023Robust|RobustBench Singh2023Revisiting_ViT-B-ConvStem|RobustBench Salman2020Do_R50|RobustBench Tian2022Deeper_DeiT-B|RobustBench Erichson2022NoisyMix_new",
            "per model: Res256Crop224, BicubicRes256Crop224, or CenterCrop288→Resize224", BFlat),
    ];

    // Appended to §3.1 after the scaling keys.
    static readonly Row[] ImageRandomRows =
    [
        new("Random-convnext_large_imagenet_full_seed-0|Random-resnext101_32x8d_wsl", "random_models",
            "convnext_large_imagenet_full_seed-0 architecture, Kaiming re-init|resnext101_32x8d_wsl architecture, Kaiming re-init",
            "as parent: resize 256 bicubic, centre-crop 224, " + InNorm + "|as parent: resize shorter side 256 bilinear, centre-crop 224", BTFlat),
    ];

    // §3.2 Video models (75 keys; the 18 V-JEPA2 time-bin keys are generated after the vjepa2 row).
    static readonly Row[] VideoRowsBeforeTimeBins =
    [
        new("videomae_base|videomae_large", "VideoMAE", "HF MCG-NJU/videomae-base|HF MCG-NJU/videomae-large",
            "16 frames (uniform subsample or repeat last), 224, " + InNorm + ", fps 6.25", "→(B,16,−1) (tokens folded into frames)"),
        new("timesformer_base|timesformer_hr|timesformer_l", "TimeSformer",
            "HF facebook/timesformer-base-finetuned-k400|HF facebook/timesformer-hr-finetuned-k400|HF facebook/timesformer-large-finetuned-k400",
            "8 frames (or config.num_frames), 224, mean 0.45 std 0.225, fps 32", "→(B,frames,−1)"),
        new("vjepa_large|vjepa_huge", "VJEPA",
            "https://dl.fbaipublicfiles.com/jepa/vitl16/vitl16.pth.tar|https://dl.fbaipublicfiles.com/jepa/vith16/vith16.pth.tar",
            "16 frames (linspace / pad), bilinear resize 224×224, " + InNorm + ", fps 10, layout (C,T,H,W)", "squeeze axis 1, →(B,16,−1)"),
        new("vjepa2_large_64|vjepa2_huge_64|vjepa2_great_64|vjepa2_large_32|vjepa2_large_16_ssv2", "VJEPA2",
            "HF facebook/vjepa2-vitl-fpc64-256|HF facebook/vjepa2-vith-fpc64-256|HF facebook/vjepa2-vitg-fpc64-256|HF facebook/vjepa2-vitl-fpc32-256-diving48|HF facebook/vjepa2-vitl-fpc16-256-ssv2",
            string.Join('|', new[] { 64, 64, 64, 32, 16 }.Select(f => $"HF AutoVideoProcessor (pixel_values_videos, {f} frames, 256, {InNorm})")),
            "(B,N,D)→(B,N/256,256·D); error unless N is a multiple of 256"),
    ];

    static readonly Row[] VideoRowsAfterTimeBins =
    [
        new("mc3_18|r2plus1d_18|r3d_18|s3d|mvit_v1_b|mvit_v2_s|swin3d_b|swin3d_s|swin3d_t|mvit|swin_transformer|video_resnet", "TorchVideoModels",
            "torchvision.models.video <arch>(weights=DEFAULT)",
            string.Join('|', new[] { "25", "25", "25", "24", "7.5", "7.5", "15", "15", "15", "7.5", "15", "25" }
                .Select(fps => $"torchvision <Weights>.DEFAULT.transforms(); clip padded/subsampled to 16 frames; fps {fps}")),
            "MViT: squeeze(1); others: T from axis 3 → (B,T,−1)"),
        new("s3d-HT100", "S3DHowTo100M", "https://www.rocq.inria.fr/cluster-willow/amiech/howto100m/s3d_howto100m.pth",
            "resize 256×256, at least 6 frames (repeat last), fps 24", "(B,C,T,…)→(B,T,−1)"),
        new("Random-s3d-HowTo100M|Random-VideoMAE-V1-L", "random_models",
            "S3D HowTo100M architecture, Kaiming re-init|VideoMAE-large architecture, Kaiming re-init",
            "as parent: resize 256×256, at least 6 frames, fps 24|as parent: 16 frames, 224, " + InNorm + ", fps 6.25",
            "(B,C,T,…)→(B,T,−1)|→(B,16,−1)"),
        new("gdt_ht100|gdt_ig65|gdt_kinetics400", "GDTVideo",
            "gs://stanford_neuroai_models/gdt/gdt_HT100M.pth|gs://stanford_neuroai_models/gdt/gdt_IG65M.pth|gs://stanford_neuroai_models/gdt/gdt_K400.pth",
            "fps 30, GDT clip augmentation", "T from axis 3 → (B,T,−1)"),
        new("avid_kinetics|avid_audioset|avid_cma_kinetics|avid_cma_audioset", "AVID",
            "https://dl.fbaipublicfiles.com/avid-cma/checkpoints/ (kinetics)|https://dl.fbaipublicfiles.com/avid-cma/checkpoints/ (audioset)|https://dl.fbaipublicfiles.com/avid-cma/checkpoints/ (cma kinetics)|https://dl.fbaipublicfiles.com/avid-cma/checkpoints/ (cma audioset)",
            "resize 256, crop 256, fps from config (default 16)", BTFlat),
        new("selavi_kinetics400|selavi_kinetics_sound|selavi_ave|selavi_vgg", "SeLaVi",
            "https://dl.fbaipublicfiles.com/selavi/selavi_kinetics.pth|https://dl.fbaipublicfiles.com/selavi/selavi_kinetics_sound.pth|https://dl.fbaipublicfiles.com/selavi/selavi_ave.pth|https://dl.fbaipublicfiles.com/selavi/selavi_vgg_sound.pth",
            "fps 30 resampling", "T from axis 3 → (B,T,−1)"),
        new("dinov2_lstm|mae_lstm|resnet_lstm", "*_LSTM",
            "gs://stanford_neuroai_models/lstm_models/dino_lstm.pt|gs://stanford_neuroai_models/lstm_models/mae_lstm.pt|gs://stanford_neuroai_models/lstm_models/resnet_lstm.pt",
            "fps 1000/60, " + R256C224, BTFlat),
        new("r3m_lstm_physion|r3m_lstm_ego4d", "R3M_LSTM",
            "gs://stanford_neuroai_models/lstm_models/r3m_lstm_physion.pt|gs://stanford_neuroai_models/lstm_models/r3m_lstm_ego4d.pt",
            "fps 1000/60, resize shorter side 256, centre-crop 224", BTFlat),
        new("pixelnerf_lstm", "PIXELNERF_LSTM", "gs://stanford_neuroai_models/pixelnerf/pixelnerf_lstm.pt",
            "fps 1000/60, resize shorter side 256, centre-crop 224, every 2nd frame", BTFlat),
        new("dfm|dfm_lstm", "DFM", "gs://stanford_neuroai_models/dfm/dfm.pt|gs://stanford_neuroai_models/dfm/dfm_lstm.pt",
            "mean/std 0.5, fps 1000/60, every 2nd frame", BTFlat),
        new("fitvid_ego|fitvid_phys", "FITVID", "gs://stanford_neuroai_models/fitvid/fitvid_ego4d.pt|gs://stanford_neuroai_models/fitvid/fitvid_physion.pt",
            "64×64, values in [0,1], fps 62.5, at least 7 frames (repeat last)", "reshape to (model.B, batch/model.B, −1)"),
        new("mcvd_ego|mcvd_phys", "MCVD", "gs://stanford_neuroai_models/mcvd/mcvd_ego4d.pt|gs://stanford_neuroai_models/mcvd/mcvd_physion.pt",
            "64×64, fps 25, every 2nd frame", "keep every 101st step on axis 1, →(B,T,−1)"),
        new("convlstm|predrnn|mim|SimVP|TAU", "OpenSTL",
            "OpenSTL kitticaltech_convlstm_one_ep100.pth|OpenSTL kitticaltech_predrnn_one_ep100.pth|OpenSTL kitticaltech_mim_one_ep100.pth|OpenSTL kitticaltech_simvp_gsta_one_ep100.pth|OpenSTL kitticaltech_tau_one_ep100.pth",
            "resize to config IMAGE_SIZES, fps 10, patchified (B,T,H,W,C)|resize to config IMAGE_SIZES, fps 10, patchified (B,T,H,W,C)|resize to config IMAGE_SIZES, fps 10, patchified (B,T,H,W,C)|resize to config IMAGE_SIZES, fps 10, exactly 10 frames (linspace)|resize to config IMAGE_SIZES, fps 10, exactly 10 frames (linspace)",
            "→(B,T,−1)|→(B,T,−1)|→(B,T,−1)|→(B,10,−1)|→(B,10,−1)"),
        new("motion-energy", "MotionEnergyLoader", "none (pymoten Gabor motion-energy pyramid)",
            "luminance at frame_size, fps 25", "squeeze(1)"),
        new("MotionNet", "MotionNetLoader", "gs://stanford_neuroai_models/motion_net/motionnet.pkl",
            "112×112, Kinetics mean (0.43216,0.394666,0.37645) std (0.22803,0.22145,0.216989), layout (C,T,H,W)", "T from axis 3 → (B,T,−1)"),
    ];

    const string AudioPost = "(B,frames,D) → mean over time → (B,D); other ranks flattened";

    // §3.3 Audio models (11 keys, static, 16 kHz waveform).
    static readonly Row[] AudioRows =
    [
        new("wav2vec2_base|wav2vec2_large|wav2vec2_large_960h", "Wav2Vec2",
            "HF facebook/wav2vec2-base|HF facebook/wav2vec2-large|HF facebook/wav2vec2-large-960h",
            "16 kHz mono waveform, Wav2Vec2FeatureExtractor (zero-mean unit-variance)", AudioPost),
        new("hubert_base|hubert_large|hubert_xl", "HuBERT",
            "HF facebook/hubert-base-ls960|HF facebook/hubert-large-ls960-ft|HF facebook/hubert-xlarge-ls960-ft",
            "16 kHz mono waveform, Wav2Vec2FeatureExtractor", AudioPost),
        new("whisper_tiny|whisper_base|whisper_small|whisper_medium|whisper_large_v3", "Whisper",
            "HF openai/whisper-tiny|HF openai/whisper-base|HF openai/whisper-small|HF openai/whisper-medium|HF openai/whisper-large-v3",
            "16 kHz mono waveform, WhisperFeatureExtractor log-Mel (80 bins; 128 for large-v3), encoder only", AudioPost),
    ];

    const string GptPost = "hidden state (B,tokens,D): last token, or the last valid token of each aligned word";

    // §3.4 Language / vision-language models (7 keys).
    static readonly Row[] LanguageRows =
    [
        new("gpt2_small|gpt2_medium|gpt2_large|gpt2_xl", "GPT2", "HF gpt2|HF gpt2-medium|HF gpt2-large|HF gpt2-xl",
            "text with preceding context, gpt2 tokenizer, padded/truncated to 1024 tokens", GptPost),
        new("llama3", "LLaMA3", "HF meta-llama/Meta-Llama-3-8B",
            "text with preceding context, Llama-3 tokenizer, padded/truncated", GptPost),
        new("glm-4.5v|glm-4.1v-9b-thinking", "GLM", "HF zai-org/GLM-4.5V|HF zai-org/GLM-4.1V-9B-Thinking",
            "image resized 256×256 bicubic plus a chat prompt (AutoProcessor)", "features.unsqueeze(0)"),
    ];

    /// <summary>All 186 cards, in the spec's order (§3.1, §3.2, §3.3, §3.4).</summary>
    public static IReadOnlyList<ModelCard> All { get; } = Build();

    static readonly Dictionary<string, ModelCard> ByKey = All.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The card for a key (case-insensitive), or null.</summary>
    public static ModelCard? Find(string key) => ByKey.GetValueOrDefault(key);

    static List<ModelCard> Build()
    {
        var cards = new List<ModelCard>();
        Add(cards, ImageRows, InputKind.Image, isStatic: true);
        cards.AddRange(ScalingCards());
        Add(cards, ImageRandomRows, InputKind.Image, isStatic: true);
        Add(cards, VideoRowsBeforeTimeBins, InputKind.Video, isStatic: false);
        cards.AddRange(TimeBinCards());
        Add(cards, VideoRowsAfterTimeBins, InputKind.Video, isStatic: false);
        Add(cards, AudioRows, InputKind.Audio, isStatic: true);
        Add(cards, LanguageRows[..2], InputKind.Text, isStatic: false);
        Add(cards, LanguageRows[2..], InputKind.Image, isStatic: true);
        return cards;
    }

    static void Add(List<ModelCard> cards, Row[] rows, InputKind input, bool isStatic)
    {
        foreach (var row in rows)
        {
            string[] keys = row.Keys.Split('|');
            string Pick(string column, int i, string name)
            {
                string[] parts = column.Split('|');
                if (parts.Length == 1) return parts[0];
                if (parts.Length == keys.Length) return parts[i];
                throw new InvalidOperationException($"model table row {row.Keys}: column {name} has {parts.Length} entries for {keys.Length} keys");
            }
            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i];
                string origin = Pick(row.Origins, i, "origin");
                cards.Add(new ModelCard(key, row.Family, input, isStatic, SourceFor(key, origin),
                    Pick(row.Pre, i, "pre"), Pick(row.Post, i, "post"), KeyNotes.GetValueOrDefault(key, "")));
            }
        }
    }

    static ModelSource SourceFor(string key, string origin) =>
        key == Onnx.ResNet18Builtin.Key ? new ModelSource(SourceKind.BuiltIn, origin)
        : HubExports.TryGetValue(key, out var hub) ? new ModelSource(SourceKind.OnnxHub, origin, hub.Repo, hub.File)
        : HubCheckpoints.TryGetValue(key, out string? repo) ? new ModelSource(SourceKind.HubCheckpoint, origin, repo, "model.safetensors")
        : TorchSharpModels.Video.TorchvisionVideoModels.For(key) is { } video ? new ModelSource(SourceKind.UrlCheckpoint, video.Url)
        : TorchSharpModels.UrlImageModels.For(key) is { } image ? new ModelSource(SourceKind.UrlCheckpoint, image.Url)
        : WeightFree.Contains(key) ? new ModelSource(SourceKind.WeightFree, origin)
        : new ModelSource(SourceKind.NeedsExport, origin);

    const string ScalingBucket = "https://epfl-neuroailab-scalinglaws.s3.eu-north-1.amazonaws.com/checkpoints";

    /// <summary>The 29 scaling-model keys (spec §3.1), in the spec's order.</summary>
    static IEnumerable<ModelCard> ScalingCards()
    {
        string[] resnets = ["18", "34", "50", "101", "152"];
        var keys = new List<string>();
        keys.AddRange(resnets.Select(d => $"resnet{d}_imagenet_full"));
        keys.AddRange(resnets.Select(d => $"resnet{d}_ecoset_full"));
        keys.AddRange(new[] { 1, 10, 100 }.Select(n => $"resnet50_imagenet_{n}_seed-0"));
        keys.AddRange(new[] { 0, 1, 2 }.Select(b => $"efficientnet_b{b}_imagenet_full"));
        keys.AddRange(new[] { "small", "base", "large" }.Select(s => $"deit_{s}_imagenet_full_seed-0"));
        keys.AddRange(new[] { 1, 10, 100 }.Select(n => $"deit_small_imagenet_{n}_seed-0"));
        keys.AddRange(new[] { "tiny", "small", "base", "large" }.Select(s => $"convnext_{s}_imagenet_full_seed-0"));
        keys.AddRange(new[] { 1, 10, 100 }.Select(n => $"convnext_small_imagenet_{n}_seed-0"));
        foreach (string key in keys)
        {
            bool transformerLike = key.StartsWith("deit", StringComparison.Ordinal) || key.StartsWith("convnext", StringComparison.Ordinal);
            (int resize, int crop) = key switch
            {
                _ when key.StartsWith("efficientnet_b1", StringComparison.Ordinal) => (255, 240),
                _ when key.StartsWith("efficientnet_b2", StringComparison.Ordinal) => (288, 288),
                _ => (256, 224),
            };
            string arch = key.StartsWith("deit", StringComparison.Ordinal)
                ? "timm " + key[..key.IndexOf("_imagenet", StringComparison.Ordinal)].Replace("deit_", "deit3_") + "_patch16_224"
                : "torchvision " + key[..key.IndexOf('_', key.StartsWith("efficientnet", StringComparison.Ordinal) ? "efficientnet_".Length : 0)];
            string epoch = transformerLike ? "ep300" : "ep100";
            string notes = arch + (transformerLike ? ", EMA weights" : "") + (key.Contains("ecoset", StringComparison.Ordinal) ? ", 565 ecoset classes" : "");
            yield return new ModelCard(key, "scaling_models", InputKind.Image, true,
                new ModelSource(SourceKind.S3Checkpoint, $"{ScalingBucket}/{key}/{epoch}.pt"),
                $"resize {resize}×{resize} {(transformerLike ? "bicubic" : "bilinear")}, centre-crop {crop}, {InNorm}", BTFlat, notes);
        }
    }

    const string TimeBinRepo = "facebook/vjepa2-vitg-fpc64-256";

    /// <summary>The 18 auto-registered V-JEPA2 time-bin keys vjepa2_tb01 … vjepa2_tb18, all on ViT-g's weights.</summary>
    static IEnumerable<ModelCard> TimeBinCards() =>
        Enumerable.Range(1, 18).Select(i => new ModelCard($"vjepa2_tb{i:00}", "TimebinVJEPA", InputKind.Video, false,
            new ModelSource(SourceKind.HubCheckpoint, "HF facebook/vjepa2-vitg-fpc64-256", TimeBinRepo, "model.safetensors"),
            $"{3 + 2 * (i - 1)} frames per bin (single image repeated), HF AutoVideoProcessor (256, {InNorm})",
            "keep the last 256 tokens → (B,256,D)", $"model id VJEPA2-TB{i:00}-F{3 + 2 * (i - 1)}-LAST256"));
}
