using BBScore.Numerics;
using BBScore.Numerics.Blas;
using static TorchSharp.torch;

namespace BBScore.Tests.Numerics;

/// <summary>MatrixProduct must give libtorch's addmm_ result for every operand layout it accepts (OpenBLAS path)
/// and for the ones it hands back to libtorch.</summary>
public class MatrixProductTests
{
    public MatrixProductTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string, ScalarType> Layouts() => new()
    {
        { "plain", ScalarType.Float32 }, { "plain", ScalarType.Float64 },
        { "left-transposed", ScalarType.Float32 }, { "right-transposed", ScalarType.Float64 },
        { "both-transposed", ScalarType.Float32 }, { "narrowed", ScalarType.Float32 },
        { "narrowed", ScalarType.Float64 }, { "strided-fallback", ScalarType.Float32 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void MatchesAddmm(string layout, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(7);
        var bigLeft = randn(150, 260, dtype: type, generator: generator);
        var bigRight = randn(260, 140, dtype: type, generator: generator);
        (Tensor left, Tensor right) = layout switch
        {
            "plain" => (bigLeft, bigRight),
            "left-transposed" => (bigLeft.t().contiguous().t(), bigRight),
            "right-transposed" => (bigLeft, bigRight.t().contiguous().t()),
            "both-transposed" => (bigLeft.t().contiguous().t(), bigRight.t().contiguous().t()),
            "narrowed" => (bigLeft.narrow(0, 10, 120).narrow(1, 20, 200), bigRight.narrow(0, 30, 200).narrow(1, 5, 100)),
            _ => (bigLeft.index_select(1, arange(0, 260, 2)), bigRight.index_select(0, arange(0, 260, 2))), // non-unit strides after slicing
        };
        if (layout == "strided-fallback")
        {
            left = bigLeft.slice(1, 0, 260, 2);
            right = bigRight.slice(0, 0, 260, 2);
        }
        var start = randn(left.shape[0], right.shape[1], dtype: type, generator: generator);
        var expected = start.clone().addmm_(left, right, beta: 0.5f, alpha: 2f);
        var actual = start.clone();
        MatrixProduct.Into(actual, left, right, beta: 0.5, alpha: 2);

        double tolerance = type == ScalarType.Float32 ? 1e-4 : 1e-11;
        double error = actual.sub(expected).abs().max().to_type(ScalarType.Float64).item<double>() / expected.abs().max().to_type(ScalarType.Float64).item<double>();
        Assert.True(error < tolerance, $"{layout} {type}: relative error {error}");
    }

    [Fact]
    public void DestinationViewInsideALargerMatrixIsWrittenInPlaceOnly()
    {
        using var scope = NewDisposeScope();
        var left = randn(200, 300);
        var right = randn(300, 180);
        var whole = zeros(260, 200);
        var window = whole.narrow(0, 40, 200).narrow(1, 10, 180);
        MatrixProduct.Into(window, left, right);

        Assert.True(window.sub(left.mm(right)).abs().max().item<float>() < 1e-3f);
        Assert.Equal(0f, whole.narrow(0, 0, 40).abs().sum().item<float>());
        Assert.Equal(0f, whole.narrow(1, 0, 10).abs().sum().item<float>());
        Assert.Equal(0f, whole.narrow(1, 190, 10).abs().sum().item<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GramUpdateFillsTheUpperTriangle(bool transposedBlock)
    {
        using var scope = NewDisposeScope();
        var block = transposedBlock ? randn(400, 120).t() : randn(120, 400);
        var gram = ones(120, 120);
        if (!MatrixProduct.TryAddGramUpper(gram, block))
        {
            Assert.False(MatrixProduct.UsesOpenBlas, "With OpenBLAS loaded, a float32 row-major or transposed block must take the rank-k update.");
            return;
        }
        var expected = block.mm(block.t()).add_(1);
        Assert.True(gram.triu().sub(expected.triu()).abs().max().item<float>() < 1e-3f);
        Assert.Equal(120f * 119f / 2f, gram.tril(-1).eq(1f).sum().item<long>()); // lower triangle untouched
    }

    /// <summary>CI installs OpenBLAS (see .ci/run) and sets BBSCORE_EXPECT_OPENBLAS=1, so that the fast path really runs there.</summary>
    [Fact]
    public void OpenBlasIsUsedWhereExpected()
    {
        if (Environment.GetEnvironmentVariable("BBSCORE_EXPECT_OPENBLAS") == "1") Assert.True(MatrixProduct.UsesOpenBlas, MatrixProduct.Describe());
        Assert.False(string.IsNullOrWhiteSpace(MatrixProduct.Describe()));
    }
}
