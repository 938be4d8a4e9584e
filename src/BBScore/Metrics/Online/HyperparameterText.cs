using System.Globalization;

namespace BBScore.Metrics.Online;

/// <summary>How the online read-outs print a learning rate or weight decay in progress lines (three significant digits).</summary>
public static class HyperparameterText
{
    public static string Of(double value) => value.ToString("g3", CultureInfo.InvariantCulture);
}
