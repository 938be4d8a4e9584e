using System.Text.Json;
using BBScore.Numerics.Signal;
using Xunit.Abstractions;

namespace BBScore.Tests.Numerics.Signal;

/// <summary>Butterworth design, filtfilt and nilearn-style cleaning against SciPy's numbers, written by
/// tests/fixtures/generate_signal_fixtures.py into Fixtures/signal/expected.json.</summary>
public class SignalCleaningTests(ITestOutputHelper output)
{
    private const double CoefficientTolerance = 1e-12;
    private const double SignalTolerance = 1e-9;

    private static readonly Lazy<JsonElement> Expected = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "signal", "expected.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    private static JsonElement Case(string section, int index) => Expected.Value.GetProperty(section)[index];

    private static TheoryData<int> Indices(string section)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Expected.Value.GetProperty(section).GetArrayLength(); i++) data.Add(i);
        return data;
    }

    public static TheoryData<int> HighPassCases() => Indices("butter");
    public static TheoryData<int> LowPassCases() => Indices("butter_lowpass");
    public static TheoryData<int> FiltFiltCases() => Indices("filtfilt");
    public static TheoryData<int> CleanCases() => Indices("clean");

    private static double[] Vector(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[,] Matrix(JsonElement element, string name)
    {
        JsonElement rows = element.GetProperty(name);
        int columns = rows[0].GetArrayLength();
        var matrix = new double[rows.GetArrayLength(), columns];
        int r = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            int c = 0;
            foreach (JsonElement value in row.EnumerateArray()) matrix[r, c++] = value.GetDouble();
            r++;
        }
        return matrix;
    }

    /// <summary>Numerator coefficients are checked relative to themselves (low-pass ones can be tiny), denominator
    /// ones relative to max(1, |value|) since a[0] = 1 sets their scale.</summary>
    private void AssertCoefficients(JsonElement testCase, (double[] B, double[] A) actual)
    {
        double[] b = Vector(testCase, "b");
        double[] a = Vector(testCase, "a");
        Assert.Equal(b.Length, actual.B.Length);
        Assert.Equal(a.Length, actual.A.Length);
        double worst = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double relative = Math.Abs(actual.B[i] - b[i]) / Math.Abs(b[i]);
            worst = Math.Max(worst, relative);
            Assert.True(relative <= CoefficientTolerance, $"b[{i}] = {actual.B[i]:R}, SciPy {b[i]:R}");
        }
        for (int i = 0; i < a.Length; i++)
        {
            double error = Math.Abs(actual.A[i] - a[i]) / Math.Max(1, Math.Abs(a[i]));
            worst = Math.Max(worst, error);
            Assert.True(error <= CoefficientTolerance, $"a[{i}] = {actual.A[i]:R}, SciPy {a[i]:R}");
        }
        output.WriteLine($"order {testCase.GetProperty("order").GetInt32()}, Wn {testCase.GetProperty("wn").GetDouble()}: max relative error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(HighPassCases))]
    public void HighPassMatchesScipyButter(int index)
    {
        JsonElement testCase = Case("butter", index);
        AssertCoefficients(testCase, Butterworth.HighPass(testCase.GetProperty("order").GetInt32(), testCase.GetProperty("wn").GetDouble()));
    }

    [Theory]
    [MemberData(nameof(LowPassCases))]
    public void LowPassMatchesScipyButter(int index)
    {
        JsonElement testCase = Case("butter_lowpass", index);
        AssertCoefficients(testCase, Butterworth.LowPass(testCase.GetProperty("order").GetInt32(), testCase.GetProperty("wn").GetDouble()));
    }

    [Theory]
    [MemberData(nameof(FiltFiltCases))]
    public void FiltFiltMatchesScipy(int index)
    {
        JsonElement testCase = Case("filtfilt", index);
        double[] expected = Vector(testCase, "y");
        double[] actual = ZeroPhaseFilter.FiltFilt(Vector(testCase, "b"), Vector(testCase, "a"), Vector(testCase, "x"));
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (e, v) => Math.Abs(e - v)).Max();
        output.WriteLine($"length {expected.Length}, order {testCase.GetProperty("order").GetInt32()}, Wn {testCase.GetProperty("wn").GetDouble()}: max abs error {worst:E2}");
        Assert.True(worst <= SignalTolerance, $"max |filtfilt - SciPy| = {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(CleanCases))]
    public void CleanMatchesNilearnRecipe(int index)
    {
        JsonElement testCase = Case("clean", index);
        double[,] signals = Matrix(testCase, "signals");
        double[,] expected = Matrix(testCase, "cleaned");
        TimeSeriesCleaning.Clean(signals, testCase.GetProperty("t_r").GetDouble(), testCase.GetProperty("high_pass").GetDouble());
        Assert.Equal(expected.GetLength(0), signals.GetLength(0));
        Assert.Equal(expected.GetLength(1), signals.GetLength(1));
        double worst = 0;
        for (int t = 0; t < expected.GetLength(0); t++)
            for (int v = 0; v < expected.GetLength(1); v++)
                worst = Math.Max(worst, Math.Abs(expected[t, v] - signals[t, v]));
        output.WriteLine($"{expected.GetLength(0)}x{expected.GetLength(1)}: max abs error {worst:E2}");
        Assert.True(worst <= SignalTolerance, $"max |clean - nilearn recipe| = {worst:E3}");
    }

    [Fact]
    public void ConstantColumnBecomesZeros()
    {
        var signals = new double[40, 2];
        for (int t = 0; t < 40; t++)
        {
            signals[t, 0] = 2.5;
            signals[t, 1] = Math.Sin(t);
        }
        TimeSeriesCleaning.Clean(signals, 2.0, 1.0 / 128);
        for (int t = 0; t < 40; t++) Assert.Equal(0.0, signals[t, 0]);
    }

    [Fact]
    public void FiltFiltRejectsSignalNotLongerThanPadLength()
    {
        (double[] b, double[] a) = Butterworth.HighPass(5, 0.1);
        var error = Assert.Throws<ArgumentException>(() => ZeroPhaseFilter.FiltFilt(b, a, new double[18]));
        Assert.Contains("must be greater than padlen, which is 18", error.Message);
        Assert.Equal(19, ZeroPhaseFilter.FiltFilt(b, a, new double[19]).Length);
    }

    [Fact]
    public void CleanRejectsTooFewTimePoints()
    {
        var error = Assert.Throws<ArgumentException>(() => TimeSeriesCleaning.Clean(new double[18, 3], 2.0, 1.0 / 128));
        Assert.Contains("more than 18 time points", error.Message);
    }

    [Fact]
    public void HighPassRejectsCutoffOutsideNyquistRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(5, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(5, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.HighPass(0, 0.1));
    }
}
