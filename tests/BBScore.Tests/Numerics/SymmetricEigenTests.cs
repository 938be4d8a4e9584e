using BBScore.Numerics;
using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Tests.Numerics;

/// <summary>SymmetricEigen (LAPACK dsyevr through the system OpenBLAS, in the matrix's own buffer) gives what libtorch's
/// eigh gives: ascending eigenvalues to rounding, orthonormal eigenvectors that rebuild the matrix, also where
/// eigenvalues repeat (where individual vectors are not unique, so only the reconstruction is compared).</summary>
public class SymmetricEigenTests
{
    public SymmetricEigenTests() => TorchRuntime.EnsureLoaded();

    static Tensor RandomSymmetric(int n, int rank, int seed)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var b = randn(n, rank, dtype: ScalarType.Float64, generator: generator);
        return b.mm(b.t()).contiguous(); // positive semi-definite, rank ≤ rank, like a Gram matrix
    }

    static void AssertDecomposes(Tensor original, Tensor values, Tensor vectors)
    {
        long n = original.shape[0];
        double scale = original.abs().max().item<double>();
        using var rebuilt = vectors.mm(diag(values)).mm(vectors.t());
        Assert.True(rebuilt.sub(original).abs().max().item<double>() <= 1e-11 * scale * n, "V Λ Vᵀ does not rebuild the matrix");
        using var gram = vectors.t().mm(vectors);
        Assert.True(gram.sub(eye(n, dtype: ScalarType.Float64)).abs().max().item<double>() <= 1e-11 * n, "the eigenvectors are not orthonormal");
        var ascending = values.data<double>().ToArray();
        Assert.True(ascending.Zip(ascending.Skip(1), (a, b) => a <= b).All(x => x), "eigenvalues are not ascending");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(120, 120)]
    [InlineData(150, 40)] // rank-deficient: 110 zero eigenvalues, as a Gram matrix with fewer features than rows
    public void Gives_libtorchs_eigenvalues_and_vectors_that_rebuild_the_matrix(int n, int rank)
    {
        using var scope = NewDisposeScope();
        var original = RandomSymmetric(n, rank, seed: n + rank);
        var (expectedValues, _) = linalg.eigh(original);

        var (values, vectors) = SymmetricEigen.Decompose(original.clone());

        double scale = expectedValues.abs().max().item<double>();
        Assert.True(values.sub(expectedValues).abs().max().item<double>() <= 1e-12 * scale * n, "eigenvalues differ from eigh's");
        AssertDecomposes(original, values, vectors);
    }

    [Fact]
    public void Repeated_eigenvalues_still_give_an_orthonormal_basis()
    {
        using var scope = NewDisposeScope();
        var u = RandomSymmetric(60, 1, seed: 3);
        var original = eye(60, dtype: ScalarType.Float64).mul(2.0).add(u); // 59 eigenvalues equal to 2

        var (values, vectors) = SymmetricEigen.Decompose(original.clone());

        Assert.Equal(2.0, values[0].item<double>(), 12);
        Assert.Equal(2.0, values[58].item<double>(), 12);
        AssertDecomposes(original, values, vectors);
    }

    [Fact]
    public void Vectors_written_into_a_wider_buffer_land_in_its_rows_from_the_given_column_and_nothing_else_changes()
    {
        using var scope = NewDisposeScope();
        var original = RandomSymmetric(40, 40, seed: 11);
        var destination = full(41, 42, 7.0, dtype: ScalarType.Float64); // a row and two columns more than needed

        var values = SymmetricEigen.DecomposeIntoRows(original.clone(), destination, column: 1);

        var vectors = destination.narrow(0, 0, 40).narrow(1, 1, 40).t();
        AssertDecomposes(original, values, vectors);
        Assert.True(destination.select(1, 0).eq(7.0).all().item<bool>(), "column 0 was written");
        Assert.True(destination.select(1, 41).eq(7.0).all().item<bool>(), "the last column was written");
        Assert.True(destination.select(0, 40).eq(7.0).all().item<bool>(), "the last row was written");
    }

    [Fact]
    public void Float32_decomposition_in_place_leaves_the_eigenvectors_as_rows_to_float32_accuracy()
    {
        using var scope = NewDisposeScope();
        var original = RandomSymmetric(120, 80, seed: 5);
        var single = original.to_type(ScalarType.Float32).contiguous();

        var values = SymmetricEigen.DecomposeSingleInPlace(single);

        Assert.Equal(ScalarType.Float64, values.dtype);
        var vectors = single.t().to_type(ScalarType.Float64);
        double scale = original.abs().max().item<double>();
        var rebuilt = vectors.mm(diag(values)).mm(vectors.t());
        Assert.True(rebuilt.sub(original).abs().max().item<double>() <= 1e-5 * scale, "V Λ Vᵀ does not rebuild the matrix to float32 accuracy");
        var gram = vectors.t().mm(vectors);
        Assert.True(gram.sub(eye(120, dtype: ScalarType.Float64)).abs().max().item<double>() <= 1e-5, "the eigenvectors are not orthonormal");
        var (expected, _) = linalg.eigh(original);
        Assert.True(values.sub(expected).abs().max().item<double>() <= 1e-5 * scale, "eigenvalues differ from float64 eigh's beyond float32 rounding");
        Assert.True(SymmetricEigen.UsesLapackSingle, "OpenBLAS's ssyevd is not loaded");
    }

    [Fact]
    public void The_system_openblas_provides_lapacks_dsyevr()
    {
        // .ci/run installs Debian's OpenBLAS, which includes LAPACK: the bounded-memory path is the one tested above.
        Assert.True(SymmetricEigen.UsesLapack, "OpenBLAS's dsyevr is not loaded (apt-get install libopenblas0-pthread)");
    }

    [Fact]
    public void A_matrix_that_is_not_square_float64_is_refused()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(zeros(3, 4, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(zeros(3, 3, dtype: ScalarType.Float32)));
    }
}
