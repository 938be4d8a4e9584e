using BBScore.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Builds a randomly initialised network reproducibly. torch's generator is process-wide, so
/// construction runs under one lock: two models built at once on different threads would otherwise draw
/// from each other's stream and neither would be reproducible.</summary>
public static class SeededBuild
{
    static readonly object Gate = new();

    /// <summary>How the weights are drawn after construction.</summary>
    public enum Init
    {
        /// <summary>The architecture's own default initialisation (torchvision <c>pretrained=False</c>).</summary>
        Default,
        /// <summary>Kaiming normal for every conv (2-D and 3-D) and linear weight (the original's random_models); other
        /// parameters keep the default initialisation.</summary>
        KaimingNormal,
    }

    public static nn.Module<Tensor, Tensor> Build(string architecture, int classes, long seed, Init init) =>
        Construct(() => TorchArchitectures.Build(architecture, classes), seed, init);

    /// <summary>Runs <paramref name="construct"/> with torch's generator seeded, under the lock. Every
    /// construction of a randomly initialised module in this process should go through here.</summary>
    public static T Construct<T>(Func<T> construct, long seed, Init init = Init.Default) where T : nn.Module
    {
        TorchRuntime.EnsureLoaded();
        lock (Gate)
        {
            random.manual_seed(seed);
            var network = construct();
            if (init == Init.KaimingNormal) KaimingNormal(network);
            return network;
        }
    }

    static void KaimingNormal(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            // torch.nn.init.kaiming_normal_ defaults: fan_in, leaky_relu with a = 0 (gain √2).
            var weight = module switch
            {
                TorchSharp.Modules.Conv2d conv => conv.weight,
                TorchSharp.Modules.Conv3d conv => conv.weight, // video models' tubelet and 3-D convolutions
                TorchSharp.Modules.Linear linear => linear.weight,
                _ => null,
            };
            if (weight is not null) nn.init.kaiming_normal_(weight);
        }
    }
}
