using BBScore.Numerics;
using static TorchSharp.torch;

namespace BBScore.Tests.Numerics;

public class TorchRuntimeTests
{
    [Fact]
    public void TorchSharpLoadsAndMultipliesMatrices()
    {
        TorchRuntime.EnsureLoaded();
        using var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, c.data<float>().ToArray());
    }
}
