using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Tuning;

namespace BBScore.Tests.Metrics;

public class OrientationSelectivityTests
{
    static readonly double[] EightAngles = [0, 22.5, 45, 67.5, 90, 112.5, 135, 157.5];
    static readonly double[] SixAngles = [0, 30, 60, 90, 120, 150];

    /// <summary>Builds two stimuli per angle whose responses are tuning(angle) ± a per-unit
    /// jitter, so only the per-angle mean equals the tuning curve.</summary>
    static MetricInputs Inputs(double[] angles, CompatMode compat, params Func<double, double>[] units)
    {
        int rows = angles.Length * 2;
        var data = new float[rows * units.Length];
        var labels = new double[rows, 4];
        for (int k = 0; k < angles.Length; k++)
        {
            for (int rep = 0; rep < 2; rep++)
            {
                int r = 2 * k + rep;
                labels[r, 0] = angles[k];
                labels[r, 1] = 8;
                labels[r, 2] = rep * 90;
                labels[r, 3] = 0;
                for (int u = 0; u < units.Length; u++)
                {
                    double jitter = (rep == 0 ? 0.25 : -0.25) * (u + 1);
                    data[r * units.Length + u] = (float)(units[u](angles[k]) + jitter);
                }
            }
        }
        return new MetricInputs(new FeatureTensor(data, [rows, units.Length]), labels, Compat: compat);
    }

    static ScoreSet Score(double[] angles, params Func<double, double>[] units) =>
        new OrientationSelectivity().Score(Inputs(angles, CompatMode.Fixed, units));

    static Func<double, double> Cosine(double baseline, double amplitude, double preferredDeg) =>
        angle => baseline + amplitude * Math.Cos(2 * (angle - preferredDeg) * Math.PI / 180);

    [Fact]
    public void UnitRespondingToOneAngleHasZeroCircularVariance()
    {
        ScoreSet s = Score(EightAngles, a => a == 45 ? 5 : 0);
        Assert.Equal(0, s["cv"].Data[0], 1e-12);
        Assert.Equal(45, s["preferred_orientation"].Data[0]);
    }

    [Fact]
    public void FlatUnitHasCircularVarianceOne()
    {
        ScoreSet s = Score(EightAngles, _ => 3);
        Assert.Equal(1, s["cv"].Data[0], 1e-12);
    }

    [Fact]
    public void CosineTunedUnitMatchesTheAnalyticValueIncludingTheOriginalsShift()
    {
        // r = 1 + a·cos(2(θ − θ0)) over evenly spaced angles: Σr = n, |Σ r e^{2iθ}| = n·a/2, so
        // unshifted CV = 1 − a/2. The original adds |min| = 1 − a even though the minimum is
        // positive, making Σr = n(2 − a) and CV = 1 − a / (2(2 − a)).
        const double a = 0.6;
        ScoreSet s = Score(EightAngles, Cosine(1, a, 67.5));
        double expected = 1 - a / (2 * (2 - a));
        Assert.Equal(expected, s["cv"].Data[0], 1e-6);
        Assert.NotEqual(1 - a / 2, s["cv"].Data[0], 3);
        Assert.Equal(67.5, s["preferred_orientation"].Data[0]);
    }

    [Fact]
    public void NegativeResponsesAreShiftedSoTheMinimumBecomesZero()
    {
        ScoreSet s = Score(EightAngles,
            Cosine(0, 2, 90),                 // min −2 → 2 + 2cos: CV = 1 − 1/2
            a => a == 135 ? 1 : -1);          // min −1 → {2 at 135°, 0 elsewhere}: CV 0
        Assert.Equal(0.5, s["cv"].Data[0], 1e-6);
        Assert.Equal(0, s["cv"].Data[1], 1e-6);
        Assert.Equal(135, s["preferred_orientation"].Data[1]);
    }

    [Fact]
    public void SixAngleGridUsesTheActualAngles()
    {
        const double a = 0.5;
        ScoreSet s = Score(SixAngles, Cosine(1, a, 30), a2 => a2 == 120 ? 4 : 0);
        Assert.Equal(1 - a / (2 * (2 - a)), s["cv"].Data[0], 1e-6);
        Assert.Equal(0, s["cv"].Data[1], 1e-6);
        Assert.Equal(SixAngles, s["orientations"].Data);
        Assert.Equal(new double[] { 0, 50, 0, 0, 50, 0 }, s["preference_percent"].Data);
        Assert.True(double.IsNaN(s["cardinality_index"].Scalar)); // 45° and 135° are not in the grid
    }

    [Fact]
    public void AllZeroUnitHasNaNAndSummariesIgnoreIt()
    {
        double tuned = 1 - 0.8 / (2 * (2 - 0.8)); // 2/3, see the cosine test
        ScoreSet s = Score(EightAngles,
            Cosine(1, 1, 0),           // minimum exactly 0: CV 0.5
            Cosine(1, 0.8, 45),        // CV 2/3
            _ => 2,                    // CV 1
            _ => 5,                    // CV 1
            _ => 0);                   // Σr = 0: NaN (the jitter averages out per angle)
        double[] cv = s["cv"].Data;
        Assert.True(double.IsNaN(cv[4]));
        double mean = (0.5 + tuned + 1 + 1) / 4;  // ≈ 0.79
        Assert.Equal(mean, s["mean_cv"].Scalar, 1e-6);
        Assert.Equal("mean_cv", s.HeadlineKey);
        Assert.Equal(mean, s.Headline, 1e-6);
        Assert.Equal((tuned + 1) / 2, s["median_cv"].Scalar, 1e-6);
        // Percentages are of all 5 units; the NaN unit is never counted as selective.
        Assert.Equal(40, s["per_selective_thresh_mean"].Scalar, 1e-9); // 0.5 and 2/3 are below the mean
        Assert.Equal(20, s["per_selective_thresh_06"].Scalar, 1e-9);   // only 0.5 is below 0.6
    }

    /// <summary>10 units preferring 0° ×3, 22.5° ×1, 45° ×1, 90° ×2, 135° ×2, 157.5° ×1.</summary>
    static Func<double, double>[] TenPreferringUnits()
    {
        double[] preferred = [0, 0, 0, 22.5, 45, 90, 90, 135, 135, 157.5];
        return preferred.Select(p => (Func<double, double>)(a => a == p ? 3 : 1)).ToArray();
    }

    [Fact]
    public void PreferencesCountEachAngleOnce()
    {
        ScoreSet s = new OrientationSelectivity().Score(Inputs(EightAngles, CompatMode.Fixed, TenPreferringUnits()));
        Assert.Equal(EightAngles, s["orientations"].Data);
        Assert.Equal(new double[] { 30, 10, 10, 0, 20, 0, 20, 10 }, s["preference_percent"].Data);
        Assert.Equal(100, s["preference_percent"].Data.Sum(), 1e-9);
        Assert.Equal(5.0 / 8.0, s["cardinality_index"].Scalar, 1e-12); // (3 + 2) / (3 + 1 + 2 + 2)
        Assert.Equal(new double[] { 0, 0, 0, 22.5, 45, 90, 90, 135, 135, 157.5 }, s["preferred_orientation"].Data);
    }

    [Fact]
    public void CompatModeReproducesTheOriginalsDoubleCounting()
    {
        var units = TenPreferringUnits();
        ScoreSet compat = new OrientationSelectivity().Score(Inputs(EightAngles, CompatMode.BBScore, units));
        ScoreSet fixedScores = new OrientationSelectivity().Score(Inputs(EightAngles, CompatMode.Fixed, units));

        Assert.Equal(new double[] { 0, 45, 90, 135, 180 }, compat["orientations"].Data);
        Assert.Equal(new double[] { 30, 10, 20, 20, 30 }, compat["preference_percent"].Data);
        Assert.Equal(8.0 / 11.0, compat["cardinality_index"].Scalar, 1e-12); // (3 + 2 + 3) / (3 + 1 + 2 + 2 + 3)
        // On the evenly spaced 8-angle grid the hard-coded θ equals the actual angles.
        for (int u = 0; u < 10; u++) Assert.Equal(fixedScores["cv"].Data[u], compat["cv"].Data[u], 1e-12);
    }

    [Fact]
    public void CompatModeReadsPreferencesOnTheOriginalsFixedGrid()
    {
        double[] angles = [0, 10, 20, 30, 40, 50, 60, 70];
        Func<double, double> prefers10 = a => a == 10 ? 1 : 0;
        ScoreSet compat = new OrientationSelectivity().Score(Inputs(angles, CompatMode.BBScore, prefers10));
        ScoreSet fixedScores = new OrientationSelectivity().Score(Inputs(angles, CompatMode.Fixed, prefers10));
        Assert.Equal(22.5, compat["preferred_orientation"].Data[0]);
        Assert.Equal(10, fixedScores["preferred_orientation"].Data[0]);
    }

    [Fact]
    public void CompatModeRejectsGridsWithoutEightAngles()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new OrientationSelectivity().Score(Inputs(SixAngles, CompatMode.BBScore, _ => 1)));
        Assert.Contains("exactly 8 orientations", ex.Message);
        Assert.Contains("6 distinct angles", ex.Message);
    }

    [Fact]
    public void TrainAndTestStimuliArePooled()
    {
        MetricInputs all = Inputs(EightAngles, CompatMode.Fixed, Cosine(1, 0.8, 22.5), a => a * a);
        int units = 2, rows = all.TrainFeatures.Rows, half = rows / 2;
        // Odd rows to test, even rows to train: each half still covers every angle.
        float[] train = new float[half * units], test = new float[half * units];
        double[,] trainLabels = new double[half, 4], testLabels = new double[half, 4];
        for (int r = 0; r < rows; r++)
        {
            float[] target = r % 2 == 0 ? train : test;
            double[,] labels = r % 2 == 0 ? trainLabels : testLabels;
            for (int u = 0; u < units; u++) target[r / 2 * units + u] = all.TrainFeatures.Data[r * units + u];
            for (int c = 0; c < 4; c++) labels[r / 2, c] = all.TrainTargets[r, c];
        }
        var split = new MetricInputs(new FeatureTensor(train, [half, units]), trainLabels,
            new FeatureTensor(test, [half, units]), testLabels);

        ScoreSet pooled = new OrientationSelectivity().Score(split);
        ScoreSet together = new OrientationSelectivity().Score(all);
        Assert.Equal(together["cv"].Data, pooled["cv"].Data);
    }

    [Fact]
    public void MultiAxisFeaturesAreFlattenedPerStimulus()
    {
        var data = new float[8 * 2 * 3];
        var labels = new double[8, 4];
        for (int r = 0; r < 8; r++)
        {
            labels[r, 0] = EightAngles[r];
            data[r * 6 + 4] = r == 2 ? 1 : 0; // unit (1, 1) responds only to 45°
        }
        ScoreSet s = new OrientationSelectivity().Score(new MetricInputs(new FeatureTensor(data, [8, 2, 3]), labels));
        Assert.Equal(6, s["cv"].Data.Length);
        Assert.Equal(0, s["cv"].Data[4], 1e-12);
        Assert.True(double.IsNaN(s["cv"].Data[0]));
    }

    [Fact]
    public void BlockedParallelPathMatchesADirectComputation()
    {
        // Enough units to span several work blocks plus a remainder, and vector tails.
        const int units = 9_001, rows = 48;
        var random = new Random(7);
        var data = new float[rows * units];
        var labels = new double[rows, 4];
        for (int r = 0; r < rows; r++)
        {
            labels[r, 0] = EightAngles[r % 8];
            for (int u = 0; u < units; u++) data[r * units + u] = (float)(random.NextDouble() * 2 - 0.5);
        }
        ScoreSet s = new OrientationSelectivity().Score(new MetricInputs(new FeatureTensor(data, [rows, units]), labels));

        foreach (int u in new[] { 0, 1, 4095, 4096, 8191, 8192, 9000 })
        {
            var curve = new double[8];
            for (int r = 0; r < rows; r++) curve[r % 8] += data[r * units + u] / 6.0;
            double shift = Math.Abs(curve.Min());
            double sum = 0, re = 0, im = 0;
            for (int k = 0; k < 8; k++)
            {
                double theta = EightAngles[k] * Math.PI / 180;
                sum += curve[k] + shift;
                re += (curve[k] + shift) * Math.Cos(2 * theta);
                im += (curve[k] + shift) * Math.Sin(2 * theta);
            }
            Assert.Equal(1 - Math.Sqrt(re * re + im * im) / sum, s["cv"].Data[u], 1e-9);
            Assert.Equal(EightAngles[Array.IndexOf(curve, curve.Max())], s["preferred_orientation"].Data[u]);
        }
    }

    [Fact]
    public void RowCountMismatchIsRejected()
    {
        var features = new FeatureTensor(new float[8 * 3], [8, 3]);
        Assert.Throws<ArgumentException>(() => new OrientationSelectivity().Score(new MetricInputs(features, new double[7, 4])));
    }

    [Fact]
    public void KeyIsTheOriginals()
    {
        Assert.Equal("orientation_selectivity", new OrientationSelectivity().Key);
    }
}
