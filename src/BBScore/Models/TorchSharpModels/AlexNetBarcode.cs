using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>
/// The original's barcode AlexNet (<c>models/alexnet/alexnet_barcode.py</c>, trained on 32 barcode classes): not
/// torchvision's AlexNet, so its checkpoint does not fit that one. Its first convolution has no padding, its fourth maps
/// 384 to 384 channels, and there is no average pool: the classifier's first layer takes the 256×5×5 map that a
/// 224×224 image leaves, so the network needs exactly that input size. Module paths are the original's
/// (<c>features.N</c>, <c>classifier.N</c>, with dropout before FC7 and FC8 rather than before FC6 and FC7).
/// </summary>
public sealed class AlexNetBarcode : nn.Module<Tensor, Tensor>
{
    /// <summary>The classes of the published checkpoint.</summary>
    public const int BarcodeClasses = 32;

#pragma warning disable IDE1006 // the original's module names
    readonly Sequential features;
    readonly Sequential classifier;
#pragma warning restore IDE1006

    public AlexNetBarcode(int classes = BarcodeClasses) : base("AlexNetBarcode")
    {
        features = nn.Sequential(
            nn.Conv2d(3, 64, 11, stride: 4, padding: 0L), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(64, 192, 5, padding: 2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(192, 384, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(384, 384, 3, padding: 1), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(3, 2));
        classifier = nn.Sequential(
            nn.Linear(256 * 5 * 5, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classifier.call(features.call(images).flatten(1)).MoveToOuterDisposeScope();
    }
}
