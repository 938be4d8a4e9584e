using BBScore.Formats;
using BBScore.Numerics;

namespace BBScore.Tests.TorchMetrics;

/// <summary>One scikit-learn reference case written by tests/fixtures/generate_torch_metric_fixtures.py:
/// data, an alpha list and the coefficients/intercepts scikit-learn fitted for each alpha.</summary>
internal sealed class TorchMetricFixture
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_metrics");

    public required string Name { get; init; }

    /// <summary>x values are float32-exact in the fixture, so this matrix is what scikit-learn saw.</summary>
    public required FeatureMatrix X { get; init; }
    public required double[,] Y { get; init; }
    public required double[] Alphas { get; init; }

    /// <summary>[alpha index][feature, target].</summary>
    public required double[][,] Coef { get; init; }

    /// <summary>[alpha index][target].</summary>
    public required double[][] Intercept { get; init; }

    /// <summary>1 for the lasso cases, 0.5 for the elastic case, NaN for the ridge cases.</summary>
    public double L1Ratio { get; init; } = double.NaN;

    public int Features => X.Cols;
    public int Targets => Y.GetLength(1);

    public static TorchMetricFixture Load(string name)
    {
        var x = Matrix(Read(name, "x"));
        var (coef, coefShape) = Read(name, "coef");
        var (intercept, _) = Read(name, "intercept");
        int alphas = coefShape[0], features = coefShape[1], targets = coefShape[2];
        string l1Path = PathOf(name, "l1_ratio");
        return new TorchMetricFixture
        {
            Name = name,
            X = new FeatureMatrix(Array.ConvertAll(Flatten(x), v => (float)v), x.GetLength(0), x.GetLength(1)),
            Y = Matrix(Read(name, "y")),
            Alphas = Read(name, "alphas").Data,
            Coef = Enumerable.Range(0, alphas).Select(a => Slice(coef, a * features * targets, features, targets)).ToArray(),
            Intercept = Enumerable.Range(0, alphas).Select(a => intercept.AsSpan(a * targets, targets).ToArray()).ToArray(),
            L1Ratio = File.Exists(l1Path) ? NpyFile.ReadFloat64(l1Path).Data[0] : double.NaN,
        };
    }

    static (double[] Data, int[] Shape) Read(string name, string array) => NpyFile.ReadFloat64(PathOf(name, array));

    static string PathOf(string name, string array) => Path.Combine(Folder, $"{name}_{array}.npy");

    static double[,] Matrix((double[] Data, int[] Shape) array) => Slice(array.Data, 0, array.Shape[0], array.Shape[1]);

    static double[,] Slice(double[] data, int offset, int rows, int columns)
    {
        var matrix = new double[rows, columns];
        Buffer.BlockCopy(data, offset * sizeof(double), matrix, 0, rows * columns * sizeof(double));
        return matrix;
    }

    static double[] Flatten(double[,] matrix)
    {
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, flat.Length * sizeof(double));
        return flat;
    }
}
