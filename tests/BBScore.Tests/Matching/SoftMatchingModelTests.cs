using BBScore.Metrics.Similarity.Matching;
using BBScore.Numerics;

namespace BBScore.Tests.Matching;

public class SoftMatchingModelTests
{
    public static TheoryData<string> Cases() => new(MatchingFixture.Cases("soft"));

    /// <summary>The original's SoftMatching(correlation=True).fit/predict, computed in Python with POT.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Prediction_matches_the_original(string name)
    {
        var fixture = new MatchingFixture("soft", name);
        var model = SoftMatchingModel.Fit(FeatureMatrix.From(fixture.Features("x_train")), fixture.Matrix("y_train"), fixture.Scalar("reg"));
        Assert.True(model.Converged);
        var expected = fixture.Matrix("pred");
        var predicted = model.Predict(FeatureMatrix.From(fixture.Features("x_test")));

        double scale = 0;
        foreach (double v in expected) scale = Math.Max(scale, Math.Abs(v));
        MatchingAssert.Close(expected, predicted, 1e-7 * scale, name);
    }

    [Fact]
    public void Exact_transport_variant_and_constant_units_stay_finite()
    {
        var fixture = new MatchingFixture("soft", "d12_t5");
        var x = fixture.Features("x_train");
        for (int r = 0; r < x.Rows; r++) x.Data[r * x.RowLength + 2] = 0f; // a dead unit: norm 0, undefined r
        var y = fixture.Matrix("y_train");
        foreach (double? reg in new double?[] { null, 1e-4, 10 })
        {
            var predicted = SoftMatchingModel.Fit(FeatureMatrix.From(x), y, reg).Predict(FeatureMatrix.From(fixture.Features("x_test")));
            foreach (double v in predicted) Assert.True(double.IsFinite(v), $"reg {reg}: {v}");
        }
    }
}
