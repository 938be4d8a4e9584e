using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>The <c>module</c> that DataParallel puts between a wrapped container and its children, so the wrapped
/// layers keep the names <c>&lt;container&gt;.module.N</c> that the checkpoint and the original's hooks use.</summary>
public sealed class DataParallelWrapper : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // DataParallel's attribute name
    readonly nn.Module<Tensor, Tensor> module;
#pragma warning restore IDE1006

    public DataParallelWrapper(nn.Module<Tensor, Tensor> wrapped) : base("DataParallel")
    {
        module = wrapped;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => module.call(input);
}

/// <summary>
/// torchvision's AlexNet with its <c>features</c> wrapped in DataParallel, as the stylized-ImageNet AlexNet
/// (<c>alexnet_sin</c>, Geirhos et al.) was trained and saved, and as the original rebuilds it before loading: module
/// paths <c>features.module.N</c>, <c>avgpool</c>, <c>classifier.N</c>, so the checkpoint loads by name and the original's
/// layer names (<c>_orig_mod.classifier.4</c>, <c>features.module.10</c>) resolve.
/// </summary>
public sealed class DataParallelAlexNet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // torchvision's module names
    readonly DataParallelWrapper features;
    readonly AdaptiveAvgPool2d avgpool;
    readonly Sequential classifier;
#pragma warning restore IDE1006

    public DataParallelAlexNet(int classes = 1000) : base("AlexNet")
    {
        features = new DataParallelWrapper(nn.Sequential(
            nn.Conv2d(3, 64, 11, stride: 4, padding: 2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(64, 192, 5, padding: 2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(192, 384, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(256, 256, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(3, 2)));
        avgpool = nn.AdaptiveAvgPool2d([6, 6]);
        classifier = nn.Sequential(
            nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
            nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(),
            nn.Linear(4096, classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classifier.call(avgpool.call(features.call(images)).flatten(1)).MoveToOuterDisposeScope();
    }
}
