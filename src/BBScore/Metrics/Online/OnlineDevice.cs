using BBScore.Numerics;
using TorchSharp;

namespace BBScore.Metrics.Online;

/// <summary>Where an online read-out trains: <c>cpu</c> (default), or <c>cuda:N</c> when the CUDA build of libtorch is
/// loaded and sees that GPU. Anything else stops before training with the fix.</summary>
public static class OnlineDevice
{
    public static torch.Device Resolve(string name)
    {
        TorchRuntime.EnsureLoaded();
        if (string.Equals(name, "cpu", StringComparison.OrdinalIgnoreCase)) return torch.CPU;
        if (!name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--device '{name}' is not a device; use cpu or cuda:N (e.g. cuda:0).");
        if (!torch.cuda.is_available())
            throw new ArgumentException($"--device {name}: this installation's libtorch has no CUDA (the CPU build is bundled); the read-outs train on " +
                                        "the CPU with --device cpu, or install TorchSharp's CUDA runtime package to train on the GPU.");
        int index = name.Length == 4 ? 0 : int.TryParse(name.AsSpan(5), out int n) && name[4] == ':' ? n
            : throw new ArgumentException($"--device '{name}' is not a device; use cpu or cuda:N (e.g. cuda:0).");
        if (index < 0 || index >= torch.cuda.device_count())
            throw new ArgumentException($"--device {name}: only {torch.cuda.device_count()} CUDA device(s) are visible (cuda:0 … cuda:{torch.cuda.device_count() - 1}).");
        return new torch.Device(DeviceType.CUDA, index);
    }
}
