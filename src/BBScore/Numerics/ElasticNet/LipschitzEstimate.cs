using BBScore.Numerics.CrossValidation;
using static TorchSharp.torch;

namespace BBScore.Numerics.ElasticNet;

/// <summary>
/// The largest eigenvalue of XᵀX (the Lipschitz constant of the squared-error gradient, before the
/// 1/n scaling), estimated as the original does: 15 power-iteration steps in float64 from a random
/// start, then ‖XᵀX v‖. The start vector is drawn from <see cref="SeededRandom"/> (Box–Muller
/// normals) instead of the original's unseeded <c>torch.randn</c>.
/// </summary>
internal static class LipschitzEstimate
{
    const int Steps = 15;
    const double NormGuard = 1e-8;

    public static double Of(Tensor gram, SeededRandom random)
    {
        int size = (int)gram.shape[0];
        using var scope = NewDisposeScope();
        var v = tensor(StandardNormals(random, size), [size, 1]);
        for (int i = 0; i < Steps; i++)
        {
            var product = gram.mm(v);
            v = product.div_(product.norm().add_(NormGuard));
        }
        return gram.mm(v).norm().item<double>();
    }

    static double[] StandardNormals(SeededRandom random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i += 2)
        {
            double radius = Math.Sqrt(-2 * Math.Log(UnitInterval(random)));
            double angle = 2 * Math.PI * UnitInterval(random);
            values[i] = radius * Math.Cos(angle);
            if (i + 1 < count) values[i + 1] = radius * Math.Sin(angle);
        }
        return values;
    }

    /// <summary>Uniform in (0, 1]: never 0, so the logarithm stays finite.</summary>
    static double UnitInterval(SeededRandom random) => ((random.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
}
