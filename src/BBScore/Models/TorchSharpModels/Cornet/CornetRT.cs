using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Cornet;

/// <summary>CORnet-RT (dicarlolab/CORnet cornet_rt.py): V1, V2, V4, IT <see cref="CornetRTBlock"/>s run for
/// <c>times</c> = 5 steps, each area at step t taking the area below's output of step t−1 (V1 the image) and its own
/// state; at step 0 the areas above V1 have no input yet and start from zeros of their output size (56, 28, 14, 7: the
/// original fixes them for 224-pixel inputs). The decoder reads IT's last output. A hook on an area sees it once a step;
/// the last step's output is what remains.</summary>
public sealed class CornetRT : nn.Module<Tensor, Tensor>
{
    const int Times = 5;
#pragma warning disable IDE1006 // the original's module names
    readonly CornetRTBlock V1;
    readonly CornetRTBlock V2;
    readonly CornetRTBlock V4;
    readonly CornetRTBlock IT;
    readonly Sequential decoder;
#pragma warning restore IDE1006

    public CornetRT(CornetConfig config) : base("CORnet_RT")
    {
        V1 = new CornetRTBlock(3, config.V1, kernel: 7, stride: 4, outShape: 56);
        V2 = new CornetRTBlock(config.V1, config.V2, stride: 2, outShape: 28);
        V4 = new CornetRTBlock(config.V2, config.V4, stride: 2, outShape: 14);
        IT = new CornetRTBlock(config.V4, config.IT, stride: 2, outShape: 7);
        decoder = CornetDecoder.Build(config.IT, config.Classes, withOutput: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        CornetRTBlock[] areas = [V1, V2, V4, IT];
        foreach (var area in areas) area.Reset();
        long batch = input.shape[0];
        // Step 0: V1 sees the image, the others start from nothing.
        var outputs = new Tensor[areas.Length];
        outputs[0] = areas[0].call(input);
        for (int i = 1; i < areas.Length; i++) outputs[i] = areas[i].Start(batch, input.dtype, input.device);
        for (int t = 1; t < Times; t++)
        {
            var next = new Tensor[areas.Length];
            for (int i = 0; i < areas.Length; i++) next[i] = areas[i].call(i == 0 ? input : outputs[i - 1]);
            outputs = next;
        }
        return decoder.call(outputs[^1]);
    }
}

/// <summary>CORblock_RT: the input through conv_input (stride, padding kernel/2), GroupNorm(32) and ReLU, added to the
/// block's state (its previous output), then conv1 (3×3, no bias), GroupNorm(32), ReLU and an identity <c>output</c>;
/// the result is both the output and the next state. The state lives in the block between the calls of one forward
/// pass, so that the block maps one tensor to one and can be hooked like any module.</summary>
public sealed class CornetRTBlock : nn.Module<Tensor, Tensor>
{
    readonly long _outChannels, _outShape;
    Tensor? _state;
#pragma warning disable IDE1006 // the original's module names
    readonly Conv2d conv_input;
    readonly GroupNorm norm_input;
    readonly ReLU nonlin_input;
    readonly Conv2d conv1;
    readonly GroupNorm norm1;
    readonly ReLU nonlin1;
    readonly Identity output;
#pragma warning restore IDE1006

    public CornetRTBlock(long inChannels, long outChannels, long kernel = 3, long stride = 1, long outShape = 0) : base("CORblock_RT")
    {
        _outChannels = outChannels;
        _outShape = outShape;
        conv_input = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2);
        norm_input = nn.GroupNorm(32, outChannels);
        nonlin_input = nn.ReLU();
        conv1 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        norm1 = nn.GroupNorm(32, outChannels);
        nonlin1 = nn.ReLU();
        output = nn.Identity();
        RegisterComponents();
    }

    /// <summary>Forgets the state of the previous forward pass.</summary>
    public void Reset() => _state = null;

    /// <summary>Step 0 of an area above V1: no input yet, zeros of the output's size, state 0.</summary>
    public Tensor Start(long batch, ScalarType dtype, Device device)
    {
        using var zeros = torch.zeros([batch, _outChannels, _outShape, _outShape], dtype, device);
        return Recur(zeros);
    }

    public override Tensor forward(Tensor input) =>
        Recur(nonlin_input.call(norm_input.call(conv_input.call(input))));

    Tensor Recur(Tensor input)
    {
        var skip = _state is null ? input : input + _state;
        _state = output.call(nonlin1.call(norm1.call(conv1.call(skip))));
        return _state;
    }
}
