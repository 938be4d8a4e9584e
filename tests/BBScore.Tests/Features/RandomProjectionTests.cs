using BBScore.Features;

namespace BBScore.Tests.Features;

public class RandomProjectionTests
{
    [Fact]
    public void DenseMatrixIsSeededGaussianScaledByRootK()
    {
        float[] m = RandomProjection.Matrix(ProjectionKind.Dense, 400, 256, seed: 42);
        Assert.Equal(400 * 256, m.Length);
        double mean = m.Average(v => (double)v);
        double variance = m.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(variance * 256, 0.97, 1.03); // entries ~ N(0, 1/k)
        Assert.Equal(m, RandomProjection.Matrix(ProjectionKind.Dense, 400, 256, seed: 42));
        Assert.NotEqual(m, RandomProjection.Matrix(ProjectionKind.Dense, 400, 256, seed: 43));
    }

    [Fact]
    public void SparseMatrixHasTheOriginalDensityAndMagnitude()
    {
        const int d = 10000, k = 64;
        float[] m = RandomProjection.Matrix(ProjectionKind.Sparse, d, k, seed: 42);
        double density = 1.0 / Math.Sqrt(d); // 0.01
        double magnitude = Math.Sqrt(1 / density); // 10
        var nonZero = m.Where(v => v != 0).ToArray();
        Assert.InRange(nonZero.Length / (double)m.Length, density * 0.9, density * 1.1);
        Assert.All(nonZero, v => Assert.Equal(magnitude, Math.Abs(v), 4));
        double positive = nonZero.Count(v => v > 0) / (double)nonZero.Length;
        Assert.InRange(positive, 0.45, 0.55);
    }

    [Fact]
    public void ProjectIsTheProductWithTheSeededMatrix()
    {
        var rng = new Random(1);
        var x = new FeatureTensor(Enumerable.Range(0, 3 * 50).Select(_ => (float)rng.NextDouble()).ToArray(), [3, 50]);
        var projected = RandomProjection.Project(x, ProjectionKind.Dense, 8, seed: 7);
        float[] m = RandomProjection.Matrix(ProjectionKind.Dense, 50, 8, seed: 7);
        Assert.Equal([3, 8], projected.Shape);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 8; c++)
            {
                double expected = 0;
                for (int j = 0; j < 50; j++) expected += x.Data[r * 50 + j] * m[j * 8 + c];
                Assert.Equal(expected, projected.Data[r * 8 + c], 1e-4);
            }
    }

    [Fact]
    public void Projecting_block_by_block_gives_the_same_rows()
    {
        var rng = new Random(2);
        var x = new FeatureTensor(Enumerable.Range(0, 7 * 2 * 30).Select(_ => (float)rng.NextDouble()).ToArray(), [7, 2, 30]);
        var whole = RandomProjection.Project(x, ProjectionKind.Sparse, 16, seed: 3);
        var blocks = RandomProjection.Project(x, ProjectionKind.Sparse, 16, seed: 3, blockBytes: 3 * 30 * sizeof(float)); // 3 rows, last block short
        Assert.Equal([7, 2, 16], blocks.Shape);
        for (int i = 0; i < whole.Data.Length; i++) Assert.Equal(whole.Data[i], blocks.Data[i], 1e-4); // GEMM kernels differ by rows
    }
}
