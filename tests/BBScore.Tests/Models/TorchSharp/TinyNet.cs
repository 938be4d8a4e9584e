using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The network of tests/fixtures/generate_torch_checkpoint_fixtures.py, module for module (the
/// field names are the module paths, as in PyTorch).</summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch module names
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu;
    readonly ModuleList<Conv2d> blocks;
    readonly AdaptiveAvgPool2d pool;
    readonly Linear fc;
#pragma warning restore IDE1006

    public TinyNet(int classes = 5) : base(nameof(TinyNet))
    {
        conv1 = nn.Conv2d(3, 4, 3, stride: 2, padding: 1);
        bn1 = nn.BatchNorm2d(4);
        relu = nn.ReLU();
        blocks = nn.ModuleList(nn.Conv2d(4, 4, 3, padding: 1), nn.Conv2d(4, 4, 3, padding: 1));
        pool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(4, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = relu.call(bn1.call(conv1.call(input)));
        foreach (var block in blocks) x = nn.functional.relu(block.call(x));
        return fc.call(flatten(pool.call(x), 1)).MoveToOuterDisposeScope();
    }
}
