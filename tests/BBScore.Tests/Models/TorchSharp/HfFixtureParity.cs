using BBScore.Formats;
using BBScore.Numerics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>A network in Hugging Face's layout against a numpy fixture of tests/fixtures/generate_vit*_fixture.py (or another family's generator):
/// its state dict has exactly the fixture's keys and shapes; loaded with the fixture's weights and fed its input, the
/// outputs hooked at every module path the fixture lists match the numpy forward to 1e-4 of the output's largest
/// magnitude.</summary>
public static class HfFixtureParity
{
    public static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vit");

    /// <returns>The largest error relative to the output's largest magnitude, over every module path.</returns>
    /// <param name="dir">The fixture folder (default <see cref="Dir"/>, the ViT family's).</param>
    public static double Check(nn.Module<Tensor, Tensor> net, string name, string? dir = null)
    {
        dir ??= Dir;
        TorchRuntime.EnsureLoaded();
        net.eval();
        var weights = NpzFile.Read(Path.Combine(dir, $"{name}_weights.npz"));
        var state = net.state_dict();
        Assert.Equal(weights.Keys.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        using (no_grad())
            foreach (var (key, array) in weights)
            {
                Assert.Equal(array.Shape.Select(d => (long)d), state[key].shape);
                state[key].copy_(tensor(array.As<float>(), array.Shape.Select(d => (long)d).ToArray()));
            }

        return CompareOutputs(net, Path.Combine(dir, $"{name}_input.npy"), Path.Combine(dir, $"{name}_outputs.npz"), name);
    }

    /// <summary>Feeds the network (already loaded, in eval mode) the fixture's input and checks the output hooked at every
    /// module path the outputs file lists against the reference to 1e-4 of that output's largest magnitude.</summary>
    /// <returns>The largest error relative to the output's largest magnitude, over every module path.</returns>
    public static double CompareOutputs(nn.Module<Tensor, Tensor> net, string inputPath, string outputsPath, string label)
    {
        var (input, inputShape) = NpyFile.ReadFloat32(inputPath);
        var expected = NpzFile.Read(outputsPath);
        var modules = net.named_modules().ToDictionary(m => m.name, m => m.module);
        var captured = new Dictionary<string, float[]>();
        var handles = expected.Keys.Select(path => ((nn.Module<Tensor, Tensor>)modules[path]).register_forward_hook((_, _, output) =>
        {
            captured[path] = output.detach().contiguous().data<float>().ToArray();
            return output;
        })).ToList();
        using (no_grad())
            net.call(tensor(input, inputShape.Select(d => (long)d).ToArray())).Dispose();
        foreach (var handle in handles) handle.remove();

        double worst = 0;
        foreach (var (path, array) in expected)
        {
            double[] want = array.ToDoubles();
            Assert.True(captured.TryGetValue(path, out var got), $"{label} {path}: the hook saw no output");
            Assert.Equal(want.Length, got.Length);
            double scale = want.Max(Math.Abs);
            for (int i = 0; i < want.Length; i++)
            {
                double error = Math.Abs(got[i] - want[i]) / scale;
                Assert.True(error <= 1e-4, $"{label} {path}[{i}]: {got[i]} vs reference {want[i]}");
                worst = Math.Max(worst, error);
            }
        }
        return worst;
    }
}
