using System.Collections;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels.Cornet;
using BBScore.Stimuli;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>One image key whose published <c>torch.save</c> file (at <paramref name="Url"/>, zip or legacy format) loads
/// into a C# network by the original's module names.</summary>
/// <param name="Build">The network of the published checkpoint.</param>
/// <param name="Aliases">Other names of a module path (PyTorch's names where TorchVision for .NET's differ).</param>
/// <param name="BuildForCheckpoint">Set where the file's training flags decide what its state dict does not hold (VOneNet's
/// k_exc and simple/complex split): builds the network from the file's top-level dict (and path, for messages), as the
/// original's loader does; <paramref name="Build"/> is then the network of the published file's flags.</param>
public sealed record UrlImageSpec(string Key, string Url, Func<nn.Module<Tensor, Tensor>> Build, ImagePreprocessSpec Preprocessing,
    Func<string, IReadOnlyList<string>>? Aliases = null, Func<Hashtable, string, nn.Module<Tensor, Tensor>>? BuildForCheckpoint = null) : IUrlCheckpointSpec
{
    public TorchClipSpec? Clip => null;

    /// <summary>A key whose architecture depends on the file's training flags is built from the file's top-level dict,
    /// read once for both the build and the load.</summary>
    public nn.Module<Tensor, Tensor> BuildAndLoad(string path)
    {
        if (BuildForCheckpoint is null) return UrlCheckpointFamily.BuildThenLoad(Build, network => TorchCheckpoint.LoadInto(network, path));
        Hashtable root = TorchCheckpoint.ReadRoot(path);
        return UrlCheckpointFamily.BuildThenLoad(() => BuildForCheckpoint(root, path),
            network => TorchCheckpoint.LoadInto(network, [(path, TorchCheckpoint.StateDictIn(root, path))]));
    }
}

/// <summary>The image keys run from published checkpoints at public URLs (spec §3.1): torchvision's AlexNet, the WSL
/// ResNeXt (torchvision's resnext101_32x8d), DINO's ResNet-50, the stylized-ImageNet AlexNet, and the barcode AlexNet,
/// VOneResNet-50 and CORnet-Z/-RT/-S (written in C#).</summary>
public static class UrlImageModels
{
    /// <summary>Resize the shorter side to 256 (Pillow <paramref name="filter"/>), centre crop 224, ImageNet normalisation.</summary>
    static ImagePreprocessSpec R256C224(string origin, PilResampleFilter filter = PilResampleFilter.Bilinear) =>
        new(origin, new ResizeShortestEdge(256), filter, (224, 224), 1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    const string CornetBucket = "https://storage.googleapis.com/stanford_neuroai_models/cornet/";

    static readonly ImagePreprocessSpec CornetInput = R256C224("CORNET transform (Resize(256), CenterCrop(224), ToTensor, Normalize)");

    static IReadOnlyList<string> ResNetAliases(string module) => TorchArchitectures.Aliases("resnet", module);

    static readonly Dictionary<string, UrlImageSpec> ByKey = new UrlImageSpec[]
    {
        // torchvision 0.14's AlexNet_Weights.IMAGENET1K_V1 (what torch.hub pytorch/vision alexnet(pretrained=True) fetches).
        new("alexnet_trained", "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth", () => TorchArchitectures.Build("alexnet", 1000),
            R256C224("torchvision transform (Resize(256), CenterCrop(224), ToTensor, Normalize)")),
        // WSL-Images hubconf: torchvision's ResNeXt-101 32x8d with Instagram-pretrained weights. The original normalises
        // inside its model (after a Resize(256) bilinear / CenterCrop(224) without Normalize); here in the preprocessing.
        new("resnext101_32x8d_wsl", "https://download.pytorch.org/models/ig_resnext101_32x8-c38310e5.pth",
            () => TorchArchitectures.Build("resnext101_32x8d", 1000),
            R256C224("WSL transform (Resize(256) bilinear, CenterCrop(224), ToTensor; ImageNet Normalize inside the model)"), ResNetAliases),
        // The ResNet wrapper's image processor (microsoft/resnet-50's: shortest edge 224 / crop_pct 0.875 = 256, bicubic, crop 224).
        new("resnet50dino", "https://dl.fbaipublicfiles.com/dino/dino_resnet50_pretrain/dino_resnet50_pretrain.pth",
            () => ResNetSubset.Headless(TorchArchitectures.Build("resnet50", 1000)),
            R256C224("HF AutoImageProcessor of microsoft/resnet-50 (shortest edge 256 bicubic, centre crop 224, Normalize)", PilResampleFilter.Bicubic),
            ResNetAliases),
        // Geirhos et al.'s stylized-ImageNet AlexNet (60 epochs): a checkpoint of torchvision's AlexNet with DataParallel
        // features (its 'state_dict'), loaded as the original does; torchvision's Resize(256) bilinear, CenterCrop(224).
        new("alexnet_sin", "https://bitbucket.org/robert_geirhos/texture-vs-shape-pretrained-models/raw/0008049cd10f74a944c6d5e90d4639927f8620ae/alexnet_train_60_epochs_lr0.001-b4aa5238.pth.tar",
            () => new DataParallelAlexNet(), R256C224("AlexNetSIN transform (Resize(256) bilinear antialiased, CenterCrop(224), Normalize)")),
        // The original's AlexNet trained on 32 barcode classes (its own AlexNetBarcode, not torchvision's): barcode.pt keeps
        // the weights under 'model_state_dict' without prefixes. The gs:// path the original downloads anonymously, over
        // HTTPS; torchvision's Resize(256), CenterCrop(224) on Pillow images, ImageNet normalisation.
        new("alexnet_barcode", "https://storage.googleapis.com/stanford_neuroai_models/alexnet/barcode.pt",
            () => new AlexNetBarcode(), R256C224("AlexNet transform (Resize(256), CenterCrop(224), ToTensor, Normalize)")),
        // VOneResNet-50 without noise (Dapello et al. 2020): the file Brain-Score's voneresnet-50-non_stochastic plugin and the
        // original load ({'flags', 'epoch', 'state_dict' with DataParallel's 'module.', 'optimizer'}; the Gabor banks are
        // parameters, so stored). The flags decide k_exc, the simple/complex split and the stride, as in VOneNet's loader.
        // The original resizes the float tensor (torch bilinear, antialiased) and normalises by 0.5/0.5.
        new("voneresnet-50-non_stochastic", "https://brainscore-storage.s3.amazonaws.com/brainscore-vision/models/voneresnet-50-non_stochastic/voneresnet50_ns_e70.pth.tar",
            () => new VOneNet.VOneResNet50(),
            new ImagePreprocessSpec("VOneResNet50NS preprocess (resize shorter side 256 bilinear antialiased, centre crop 224, mean/std 0.5)",
                new ResizeShortestEdge(256), PilResampleFilter.Bilinear, (224, 224), 1.0 / 255.0, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]),
            VOneNet.VOneResNet50.Aliases,
            (root, path) => new VOneNet.VOneResNet50(VOneNet.VOneFlags.Read(root, path))),
        new("cornet_z", CornetBucket + "cornet_z-5c427c9c.pth", () => CornetZ.Build(CornetConfig.Published), CornetInput),
        new("cornet_rt", CornetBucket + "cornet_rt-933c001c.pth", () => new CornetRT(CornetConfig.Published), CornetInput),
        new("cornet_s", CornetBucket + "cornet_s-1d3f7974.pth", () => CornetS.Build(CornetConfig.Published), CornetInput),
    }.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Keys => ByKey.Keys;

    public static UrlImageSpec? For(string key) => ByKey.GetValueOrDefault(key);
}
