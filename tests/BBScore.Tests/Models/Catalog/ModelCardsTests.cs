using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.Catalog;

public class ModelCardsTests
{
    // Copied from spec-metrics-models.md §3.1 (93 keys, in table order; scaling keys as listed below the table).
    static readonly string[] ImageKeys =
    [
        "alexnet_untrained", "alexnet_trained", "alexnet_barcode", "alexnet_sin", "cornet_z", "cornet_rt", "cornet_s",
        "resnet18", "resnet34", "resnet50", "resnet50dino", "resnext101_32x8d_wsl", "voneresnet-50-non_stochastic", "vgg19",
        "convnext_tiny", "convnext_small", "convnext_base", "convnext_large", "convnext_xlarge",
        "vit_base", "vit_large", "vit_huge", "dino_vitb8", "dino_vitb16", "dino_vits8", "dino_vits16",
        "dinov2_base", "dinov2_large", "dinov2_giant", "dinov2_large_sub",
        "ijepa_huge_14_1k", "ijepa_huge_14_22k", "ijepa_huge_16_1k", "ijepa_giant", "mae_base", "mae_large",
        "clip_vit_b_32", "clip_vit_b_16", "clip_vit_l_14", "clip_vit_l_14_336", "blip_base", "blip_large", "blip_vqa", "blip_itm",
        "sam_base", "sam_large", "sam_huge", "swin_tiny", "swin_small", "swin_base", "swin_large", "r3m", "hmax", "pixel", "pixelnerf",
        "swim_l_robust", "convnextv2_l + swin-l", "wideresnet101robust", "vit_b_convstem_robust", "resnet50robust", "deit_b_robust",
        "resnet50noisymix",
        "resnet18_imagenet_full", "resnet34_imagenet_full", "resnet50_imagenet_full", "resnet101_imagenet_full", "resnet152_imagenet_full",
        "resnet18_ecoset_full", "resnet34_ecoset_full", "resnet50_ecoset_full", "resnet101_ecoset_full", "resnet152_ecoset_full",
        "resnet50_imagenet_1_seed-0", "resnet50_imagenet_10_seed-0", "resnet50_imagenet_100_seed-0",
        "efficientnet_b0_imagenet_full", "efficientnet_b1_imagenet_full", "efficientnet_b2_imagenet_full",
        "deit_small_imagenet_full_seed-0", "deit_base_imagenet_full_seed-0", "deit_large_imagenet_full_seed-0",
        "deit_small_imagenet_1_seed-0", "deit_small_imagenet_10_seed-0", "deit_small_imagenet_100_seed-0",
        "convnext_tiny_imagenet_full_seed-0", "convnext_small_imagenet_full_seed-0", "convnext_base_imagenet_full_seed-0",
        "convnext_large_imagenet_full_seed-0",
        "convnext_small_imagenet_1_seed-0", "convnext_small_imagenet_10_seed-0", "convnext_small_imagenet_100_seed-0",
        "Random-convnext_large_imagenet_full_seed-0", "Random-resnext101_32x8d_wsl",
    ];

    // §3.2 (75 keys).
    static readonly string[] VideoKeys =
    [
        "videomae_base", "videomae_large", "timesformer_base", "timesformer_hr", "timesformer_l", "vjepa_large", "vjepa_huge",
        "vjepa2_large_64", "vjepa2_huge_64", "vjepa2_great_64", "vjepa2_large_32", "vjepa2_large_16_ssv2",
        "vjepa2_tb01", "vjepa2_tb02", "vjepa2_tb03", "vjepa2_tb04", "vjepa2_tb05", "vjepa2_tb06", "vjepa2_tb07", "vjepa2_tb08",
        "vjepa2_tb09", "vjepa2_tb10", "vjepa2_tb11", "vjepa2_tb12", "vjepa2_tb13", "vjepa2_tb14", "vjepa2_tb15", "vjepa2_tb16",
        "vjepa2_tb17", "vjepa2_tb18",
        "mc3_18", "r2plus1d_18", "r3d_18", "s3d", "mvit_v1_b", "mvit_v2_s", "swin3d_b", "swin3d_s", "swin3d_t", "mvit",
        "swin_transformer", "video_resnet", "s3d-HT100", "Random-s3d-HowTo100M", "Random-VideoMAE-V1-L",
        "gdt_ht100", "gdt_ig65", "gdt_kinetics400", "avid_kinetics", "avid_audioset", "avid_cma_kinetics", "avid_cma_audioset",
        "selavi_kinetics400", "selavi_kinetics_sound", "selavi_ave", "selavi_vgg", "dinov2_lstm", "mae_lstm", "resnet_lstm",
        "r3m_lstm_physion", "r3m_lstm_ego4d", "pixelnerf_lstm", "dfm", "dfm_lstm", "fitvid_ego", "fitvid_phys", "mcvd_ego", "mcvd_phys",
        "convlstm", "predrnn", "mim", "SimVP", "TAU", "motion-energy", "MotionNet",
    ];

    // §3.3 (11 keys).
    static readonly string[] AudioKeys =
    [
        "wav2vec2_base", "wav2vec2_large", "wav2vec2_large_960h", "hubert_base", "hubert_large", "hubert_xl",
        "whisper_tiny", "whisper_base", "whisper_small", "whisper_medium", "whisper_large_v3",
    ];

    // §3.4 (7 keys).
    static readonly string[] LanguageKeys =
        ["gpt2_small", "gpt2_medium", "gpt2_large", "gpt2_xl", "llama3", "glm-4.5v", "glm-4.1v-9b-thinking"];

    [Fact]
    public void Spec_key_lists_have_the_spec_counts()
    {
        Assert.Equal((93, 75, 11, 7), (ImageKeys.Length, VideoKeys.Length, AudioKeys.Length, LanguageKeys.Length));
    }

    [Fact]
    public void Cards_are_exactly_the_spec_keys_in_spec_order()
    {
        string[] expected = [.. ImageKeys, .. VideoKeys, .. AudioKeys, .. LanguageKeys];

        Assert.Equal(186, ModelCards.All.Count);
        Assert.Equal(expected, ModelCards.All.Select(c => c.Key));
        Assert.Equal(expected, ModelCatalog.Keys);
    }

    [Fact]
    public void Cards_per_section_have_the_spec_counts_and_modalities()
    {
        var cards = ModelCards.All;

        Assert.All(cards.Take(93), c => Assert.True(c.Input == InputKind.Image && c.Static, c.Key));
        Assert.All(cards.Skip(93).Take(75), c => Assert.True(c.Input == InputKind.Video && !c.Static, c.Key));
        Assert.All(cards.Skip(168).Take(11), c => Assert.True(c.Input == InputKind.Audio && c.Static, c.Key));
        Assert.Equal(29, cards.Count(c => c.Source.Kind == SourceKind.S3Checkpoint));
        Assert.Equal(18, cards.Count(c => c.Family == "TimebinVJEPA"));
        Assert.Equal(4, cards.Count(c => c.Family == "random_models"));
    }

    [Fact]
    public void Keys_are_unique_even_ignoring_case()
    {
        Assert.Equal(186, ModelCards.All.Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_card_has_preprocessing_postprocess_and_a_source()
    {
        Assert.All(ModelCards.All, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Preprocessing), c.Key);
            Assert.False(string.IsNullOrWhiteSpace(c.Postprocess), c.Key);
            Assert.False(string.IsNullOrWhiteSpace(c.Source.Origin), c.Key);
            Assert.DoesNotContain("|", c.Preprocessing + c.Postprocess + c.Source.Origin);
        });
    }

    [Fact]
    public void Sources_follow_the_known_exports()
    {
        Assert.Equal(SourceKind.BuiltIn, ModelCards.Find("resnet18")!.Source.Kind);
        var clip = ModelCards.Find("clip_vit_l_14_336")!.Source;
        Assert.Equal((SourceKind.OnnxHub, "Xenova/clip-vit-large-patch14-336", "onnx/vision_model.onnx"), (clip.Kind, clip.Repo, clip.File));
        Assert.Equal("onnx/encoder_model.onnx", ModelCards.Find("whisper_large_v3")!.Source.File);
        Assert.Equal(SourceKind.WeightFree, ModelCards.Find("motion-energy")!.Source.Kind);
        var vitLarge = ModelCards.Find("vit_large")!.Source;
        Assert.Equal((SourceKind.HubCheckpoint, "google/vit-large-patch16-224", "model.safetensors"), (vitLarge.Kind, vitLarge.Repo, vitLarge.File));
        Assert.Equal(44, ModelCards.All.Count(c => c.Source.Kind == SourceKind.HubCheckpoint));
        // DINOv2 base/large stay on their public ONNX exports; only giant, which has none, loads its safetensors.
        Assert.Equal(SourceKind.OnnxHub, ModelCards.Find("dinov2_large")!.Source.Kind);
        Assert.Equal(("facebook/dinov2-giant", "DINOv2"), (ModelCards.Find("dinov2_giant")!.Source.Repo, ModelCards.Find("dinov2_giant")!.Family));
        Assert.Equal("url https://download.pytorch.org/models/r3d_18-b3b3357e.pth", ModelCards.Find("r3d_18")!.Source.ToString());
        // wav2vec2/HuBERT load their published weights in C#, except hubert_base, which keeps its public ONNX export.
        var wav2vec2 = ModelCards.Find("wav2vec2_large_960h")!;
        Assert.Equal((SourceKind.HubCheckpoint, "facebook/wav2vec2-large-960h", "Wav2Vec2"), (wav2vec2.Source.Kind, wav2vec2.Source.Repo, wav2vec2.Family));
        Assert.Equal(("facebook/hubert-xlarge-ls960-ft", "HuBERT"), (ModelCards.Find("hubert_xl")!.Source.Repo, ModelCards.Find("hubert_xl")!.Family));
        Assert.Equal(SourceKind.OnnxHub, ModelCards.Find("hubert_base")!.Source.Kind);
        Assert.Equal(39, ModelCards.All.Count(c => c.Source.Kind == SourceKind.OnnxHub));
        Assert.Equal(8, ModelCards.All.Count(c => c.Source.Kind == SourceKind.WeightFree));
    }

    [Fact]
    public void Scaling_and_time_bin_cards_carry_their_generated_details()
    {
        var b1 = ModelCards.Find("efficientnet_b1_imagenet_full")!;
        Assert.Contains("resize 255×255 bilinear, centre-crop 240", b1.Preprocessing);
        Assert.EndsWith("/efficientnet_b1_imagenet_full/ep100.pt", b1.Source.Origin);
        var deit = ModelCards.Find("deit_small_imagenet_10_seed-0")!;
        Assert.Contains("bicubic", deit.Preprocessing);
        Assert.EndsWith("/ep300.pt", deit.Source.Origin);
        Assert.Contains("timm deit3_small_patch16_224", deit.Notes);
        Assert.StartsWith("37 frames per bin", ModelCards.Find("vjepa2_tb18")!.Preprocessing);
        Assert.Contains("fps 24", ModelCards.Find("s3d")!.Preprocessing);
    }

    [Fact]
    public void Opening_a_hub_key_offline_says_exactly_what_it_needs()
    {
        using var home = new TempDir();
        string modelsDir = Path.Combine(home.Path, "models");
        string target = Path.Combine(modelsDir, "hub", "Xenova--dino-vitb16", "<commit>", "onnx", "model.onnx");

        // Offline, so no network is touched; online the export is downloaded (tests under Models/Hub).
        var error = Assert.Throws<BBScore.Models.Hub.HubModelUnavailableException>(() =>
            ModelCatalog.Open("dino_vitb16", new ModelOpenOptions { Offline = true }, modelsDir));

        Assert.Equal(
            "Model 'dino_vitb16' is not downloaded yet and offline mode forbids downloading it. Run " +
            "'bbscore download --model dino_vitb16' (or run without --offline) to fetch onnx/model.onnx from the Hugging Face " +
            $"hub repository Xenova/dino-vitb16 at the commit 'main' points to when downloaded (pinned from then on), to {target}.",
            error.Message);
    }

    [Fact]
    public void Opening_a_key_without_an_export_names_the_target_path_and_recipe()
    {
        using var home = new TempDir();
        string modelsDir = Path.Combine(home.Path, "models");

        var error = Assert.Throws<ModelNotRunnableException>(() => ModelCatalog.Open("LLAMA3", new ModelOpenOptions(), modelsDir));

        Assert.Contains("'llama3'", error.Message);
        Assert.Contains("HF meta-llama/Meta-Llama-3-8B", error.Message);
        Assert.Contains($"Make one at {Path.Combine(modelsDir, "llama3", "model.onnx")} with:\n  python3 tools/export_onnx.py --source transformers --name meta-llama/Meta-Llama-3-8B --input text", error.Message);
        Assert.Contains("'resnet18' runs offline now", error.Message);
    }

    [Fact]
    public void Unknown_key_suggests_close_matches_over_all_keys()
    {
        var error = Assert.Throws<UnknownNameException>(() => ModelCatalog.Open("resnet5", new ModelOpenOptions(), "/nonexistent"));

        Assert.Equal("resnet50", error.Suggestions[0]);
        Assert.Contains("whisper_large_v3", Assert.Throws<UnknownNameException>(() => ModelCatalog.Open("whisper_large_v2")).Suggestions);
        Assert.Contains("resnet18", Assert.Throws<UnknownNameException>(() => ModelCatalog.Open("resnet81")).Suggestions);
    }

    [Fact]
    public void Listing_gives_one_status_per_source_kind()
    {
        using var home = new TempDir();
        var rows = ModelCatalog.List(Path.Combine(home.Path, "models")).ToDictionary(r => r.Key);

        Assert.Equal(186, rows.Count);
        Assert.Equal("ready", rows["resnet18"].Status);
        Assert.Equal(("hub (download on first use)", "image"), (rows["dinov2_base"].Status, rows["dinov2_base"].Kind));
        Assert.Equal("ready (offline)", rows["pixel"].Status);
        Assert.Equal("s3 checkpoint (download on first use)", rows["efficientnet_b0_imagenet_full"].Status);
        Assert.Equal("s3 checkpoint (download on first use)", rows["resnet50_imagenet_full"].Status);
        Assert.Equal(("ready (weights download on first use)", "video"), (rows["videomae_base"].Status, rows["videomae_base"].Kind));
        Assert.Equal("hub MCG-NJU/videomae-base model.safetensors", rows["videomae_base"].Source);
        Assert.Equal(("needs export", "video"), (rows["convlstm"].Status, rows["convlstm"].Kind));
        Assert.Contains(Path.Combine(home.Path, "models", "convlstm", "model.onnx"), rows["convlstm"].Source);
        Assert.Equal(("hub (download on first use)", "text"), (rows["gpt2_small"].Status, rows["gpt2_small"].Kind));
        Assert.Equal(("needs export", "image"), (rows["glm-4.5v"].Status, rows["glm-4.5v"].Kind));
        Assert.Equal(("needs export", "image"), (rows["glm-4.1v-9b-thinking"].Status, rows["glm-4.1v-9b-thinking"].Kind));
    }

    [Fact]
    public void A_local_export_makes_the_key_ready()
    {
        using var home = new TempDir();
        string modelsDir = Path.Combine(home.Path, "models");
        Directory.CreateDirectory(Path.Combine(modelsDir, "vit_large"));
        File.WriteAllText(Path.Combine(modelsDir, "vit_large", "model.onnx"), "not really onnx");

        Assert.Equal("ready (local export)", ModelCatalog.List(modelsDir).Single(r => r.Key == "vit_large").Status);
        // The file is opened as ONNX (and rejected as such), not reported as a missing export.
        var error = Record.Exception(() => ModelCatalog.Open("vit_large", new ModelOpenOptions(), modelsDir));
        Assert.IsNotType<ModelNotRunnableException>(error);
    }

    [Fact]
    public void Cli_list_models_shows_all_186_keys_with_status()
    {
        using var home = new TempDir();
        var output = new StringWriter();
        var errors = new StringWriter();

        int code = BBScore.Cli.BBScoreCli.Run(["list", "models"], output, errors, new BBScore.Data.DataHome(home.Path), SilentProgress.Instance);

        Assert.Equal(0, code);
        string[] lines = output.ToString().Split('\n');
        string[] expected = [.. ImageKeys, .. VideoKeys, .. AudioKeys, .. LanguageKeys];
        Assert.All(expected, key => Assert.Contains(lines, l => l.StartsWith(key + " ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("whisper_tiny ", StringComparison.Ordinal) && l.Contains("hub (download on first use)"));
        Assert.Contains(lines, l => l.StartsWith("hmax ", StringComparison.Ordinal) && l.Contains("ready (offline, seeded patches)"));
        // Which runtime runs what: ONNX where there is an export, TorchSharp for published weights.
        Assert.Contains(lines, l => l.StartsWith("Runtimes: ", StringComparison.Ordinal) && l.Contains("ONNX Runtime") && l.Contains("TorchSharp"));
    }

    [Fact]
    public void Cli_model_option_with_a_not_yet_runnable_key_prints_the_message()
    {
        using var home = new TempDir();

        var (code, _, err) = CliRun.Run(new BBScore.Data.DataHome(home.Path), "layers", "convlstm");

        Assert.NotEqual(0, code);
        Assert.Contains("Model 'convlstm'", err);
    }
}
