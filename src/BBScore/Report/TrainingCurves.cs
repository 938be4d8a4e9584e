using System.Globalization;
using BBScore.Results;

namespace BBScore.Report;

/// <summary>Online read-outs store their best run's curve per epoch under <c>training_curve.*</c>: the training
/// loss (left axis) and the validation score (right axis) against the epoch.</summary>
public static class TrainingCurves
{
    public const string Prefix = "training_curve.";
    const string Loss = Prefix + "loss";
    const string Validation = Prefix + "validation_score";

    public static ReportFigure? Figure(StoredResult result)
    {
        var scores = result.Record.Scores;
        var lines = new List<LineSeries>();
        var facts = new List<KeyValuePair<string, string>>();
        if (scores.TryGet(Loss, out var loss) && loss.Shape.Length == 1 && loss.Data.Length > 0)
        {
            lines.Add(new LineSeries("training loss", Epochs(loss.Data.Length), loss.Data));
            facts.Add(new("epochs", loss.Data.Length.ToString(CultureInfo.InvariantCulture)));
            facts.Add(new("final loss", ReportNumbers.Format(loss.Data[^1])));
        }
        if (scores.TryGet(Validation, out var validation) && validation.Shape.Length == 1 && validation.Data.Length > 0)
        {
            lines.Add(new LineSeries("validation score", Epochs(validation.Data.Length), validation.Data, RightAxis: lines.Count > 0));
            var finite = validation.Data.Where(double.IsFinite).ToArray();
            if (finite.Length > 0) facts.Add(new("best validation score", ReportNumbers.Format(finite.Max())));
        }
        if (lines.Count == 0) return null;
        bool twoAxes = lines.Any(l => l.RightAxis);
        int epochs = lines.Max(l => l.X.Count);
        // Whole epochs as ticks while they fit; longer runs keep the automatic ticks.
        var ticks = epochs <= 20 ? Enumerable.Range(1, epochs).Select(e => new AxisTick(e, e.ToString(CultureInfo.InvariantCulture))).ToArray() : null;
        var chart = new LineChart(PlotNames.For("training", ResultLabel.Parts(result)), $"Training curve: {ResultLabel.Of(result)}",
            "epoch", lines[0].Label, lines, [], ticks, RightAxisLabel: twoAxes ? "validation score" : null);
        return new ReportFigure(chart, $"Training of the online read-out, {ResultLabel.Of(result)}.", facts);
    }

    static double[] Epochs(int count) => Enumerable.Range(1, count).Select(e => (double)e).ToArray();
}
