using BBScore.Tests.Support;
using BBScore.Formats;
using BBScore.Numerics;

namespace BBScore.Tests.Ridge;

/// <summary>One case written by tests/fixtures/generate_ridge_fixtures.py: inputs and scikit-learn's outputs.</summary>
internal sealed class RidgeFixture
{
    static readonly Dictionary<string, RidgeFixture> Cache = new();

    readonly string _folder;

    RidgeFixture(string name)
    {
        Name = name;
        _folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ridge", name);
        XTrain = Features("x_train");
        XTest = Features("x_test");
        YTrain = Matrix("y_train");
        YTest = Matrix("y_test");
        Alphas = Vector("alphas");
    }

    public string Name { get; }
    public FeatureMatrix XTrain { get; }
    public FeatureMatrix XTest { get; }
    public double[,] YTrain { get; }
    public double[,] YTest { get; }
    public double[] Alphas { get; }
    public int Targets => YTrain.GetLength(1);

    public static RidgeFixture Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var fixture)) Cache[name] = fixture = new RidgeFixture(name);
            return fixture;
        }
    }

    public double[] Vector(string key) => NpyFile.ReadFloat64(PathOf(key)).Data;

    public double[,] Matrix(string key) => NpyFixtures.Matrix(PathOf(key));

    FeatureMatrix Features(string key)
    {
        var (data, shape) = NpyFile.ReadFloat32(PathOf(key));
        return new FeatureMatrix(data, shape[0], shape[1]);
    }

    string PathOf(string key) => Path.Combine(_folder, key + ".npy");

    /// <summary>Standard deviation of each training target: the scale against which prediction errors are judged.</summary>
    public double[] TargetScales()
    {
        int n = YTrain.GetLength(0);
        var scales = new double[Targets];
        for (int j = 0; j < Targets; j++)
        {
            double mean = 0, squares = 0;
            for (int i = 0; i < n; i++) mean += YTrain[i, j];
            mean /= n;
            for (int i = 0; i < n; i++) squares += (YTrain[i, j] - mean) * (YTrain[i, j] - mean);
            scales[j] = Math.Sqrt(squares / n);
        }
        return scales;
    }
}
