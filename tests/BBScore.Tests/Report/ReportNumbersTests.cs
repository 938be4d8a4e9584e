using BBScore.Report;

namespace BBScore.Tests.Report;

public sealed class ReportNumbersTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(0.5, "0.5")]
    [InlineData(-0.0421337, "-0.04213")]
    [InlineData(12345.678, "12350")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.0001234, "1.234e-4")]
    [InlineData(2.5e7, "2.5e+7")]
    [InlineData(double.NaN, "NaN")]
    public void Format_keeps_four_significant_digits(double value, string expected) =>
        Assert.Equal(expected, ReportNumbers.Format(value));

    [Fact]
    public void Sort_keys_round_trip_and_leave_missing_values_empty()
    {
        Assert.Equal("0.1234567890123", ReportNumbers.SortKey(0.1234567890123));
        Assert.Equal("", ReportNumbers.SortKey(null));
        Assert.Equal("", ReportNumbers.SortKey(double.NaN));
    }

    [Fact]
    public void Natural_order_compares_digit_runs_by_value()
    {
        string[] layers = ["layer10", "layer2", "Layer1", "encoder.layer.11", "encoder.layer.9", "encoder.layer.10", "layer2.0"];
        Assert.Equal(["encoder.layer.9", "encoder.layer.10", "encoder.layer.11", "Layer1", "layer2", "layer2.0", "layer10"],
            layers.Order(NaturalOrder.Instance));
        Assert.True(NaturalOrder.Instance.Compare("stages.007", "stages.8") < 0);
        Assert.True(NaturalOrder.Instance.Compare("x99999999999999999999999", "x100000000000000000000000") < 0); // no overflow
    }

    [Fact]
    public void Quantiles_interpolate_and_skip_non_finite_values()
    {
        double[] values = [4, double.NaN, 1, 3, 2, double.PositiveInfinity];
        Assert.Equal(2.5, Quantiles.Median(values));
        Assert.Equal(1.75, Quantiles.Of(values, 0.25));
        Assert.Equal(4, Quantiles.Of(values, 1));
        Assert.True(double.IsNaN(Quantiles.Median([double.NaN])));
    }
}
