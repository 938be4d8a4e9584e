using BBScore.Tests.Support;
using BBScore.Formats;
using BBScore.Numerics;

namespace BBScore.Tests.Pls;

/// <summary>One scikit-learn PLSRegression reference case written by
/// tests/fixtures/generate_pls_fixtures.py (see that script for what each array means).</summary>
internal sealed class PlsFixtureCase
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pls");

    PlsFixtureCase(string name) => Name = name;

    public string Name { get; }
    public FeatureMatrix XTrain { get; private init; } = null!;
    public double[,] YTrain { get; private init; } = null!;
    public FeatureMatrix XTest { get; private init; } = null!;
    public int Components { get; private init; }
    public double[,] YPredicted { get; private init; } = null!;
    /// <summary>features × targets, original units.</summary>
    public double[,] Coef { get; private init; } = null!;
    public double[] InterceptLinear { get; private init; } = null!;
    /// <summary>scikit-learn's intercept_ (ȳ).</summary>
    public double[] Intercept { get; private init; } = null!;
    public double[,] XScores { get; private init; } = null!;
    public int[] Iterations { get; private init; } = null!;

    public static IEnumerable<string> Names => ["case1", "case2", "case3"];

    public static PlsFixtureCase Load(string name) => new(name)
    {
        XTrain = Features(Matrix(name, "x_train")),
        YTrain = Matrix(name, "y_train"),
        XTest = Features(Matrix(name, "x_test")),
        Components = (int)Vector(name, "n_components")[0],
        YPredicted = Matrix(name, "y_pred"),
        Coef = Matrix(name, "coef"),
        InterceptLinear = Vector(name, "intercept_linear"),
        Intercept = Vector(name, "intercept"),
        XScores = Matrix(name, "x_scores"),
        Iterations = Vector(name, "n_iter").Select(v => (int)v).ToArray(),
    };

    /// <summary>The generator made every x value float32-exact, so this conversion loses nothing.</summary>
    static FeatureMatrix Features(double[,] values)
    {
        var data = new float[values.Length];
        int i = 0;
        foreach (double v in values) data[i++] = (float)v;
        return new FeatureMatrix(data, values.GetLength(0), values.GetLength(1));
    }

    static double[] Vector(string name, string array)
    {
        var (data, shape) = NpyFile.ReadFloat64(PathOf(name, array));
        if (shape.Length != 1) throw new InvalidDataException($"{name}_{array}: expected 1-D, got {shape.Length}-D.");
        return data;
    }

    static double[,] Matrix(string name, string array) => NpyFixtures.Matrix(PathOf(name, array));

    static string PathOf(string name, string array) => Path.Combine(Folder, $"{name}_{array}.npy");
}
