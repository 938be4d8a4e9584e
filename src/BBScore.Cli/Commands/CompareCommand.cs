using System.CommandLine;
using System.Globalization;
using BBScore.Numerics.Statistics;
using BBScore.Results;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore compare`: paired differences of stored scores over the same bootstrap resamples. Two results:
/// the difference, its standard error, 95% interval and p-value. More: every pair, with p-values, their
/// Benjamini–Hochberg adjustment and rsatoolbox's FDR decision at q = 0.05.</summary>
public static class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("results") { Description = "Result ids (or unique prefixes, see 'bbscore results'); or none, with --benchmark.", Arity = ArgumentArity.ZeroOrMore };
        var benchmark = new Option<string?>("--benchmark") { Description = "Compare the latest result of every model layer on this benchmark." };
        var metric = new Option<string?>("--metric") { Description = "With --benchmark: only this metric (needed when several were run)." };
        var model = new Option<string?>("--model") { Description = "With --benchmark: only this model's layers." };
        var command = new Command("compare", "Paired bootstrap comparison of stored scores (difference, interval, p-value; FDR for several).")
        {
            ids, benchmark, metric, model,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var rows = StoredResults.List(context.Home, new ResultQuery { Limit = int.MaxValue }, context.Progress.Warn).Rows;
            var chosen = Select(rows, parse.GetValue(ids) ?? [], parse.GetValue(benchmark), parse.GetValue(metric), parse.GetValue(model));
            var scores = chosen.Select(ComparableScore.From).ToList();
            ComparableScore.EnsurePaired(scores);
            if (scores.Count == 2) PrintPair(context.Out, scores[0], scores[1]);
            else PrintTable(context.Out, scores);
            return 0;
        }));
        return command;
    }

    static IReadOnlyList<StoredResult> Select(IReadOnlyList<StoredResult> rows, string[] ids, string? benchmark, string? metric, string? model)
    {
        if (ids.Length > 0)
            return ids.Select(id =>
            {
                var matches = rows.Where(r => r.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
                return matches.Count switch
                {
                    1 => matches[0],
                    0 => throw new ArgumentException($"no stored result has id '{id}'; see 'bbscore results' (last column: the JSON file, named …_<id>.json)."),
                    _ => throw new ArgumentException($"'{id}' matches {matches.Count} results; give more of the id."),
                };
            }).Concat(Compare(rows, benchmark, metric, model, required: false)).ToList() is { Count: >= 2 } list
                ? list
                : throw new ArgumentException("compare needs at least two results.");
        return Compare(rows, benchmark, metric, model, required: true) is { Count: >= 2 } found
            ? found
            : throw new ArgumentException($"fewer than two results match; see 'bbscore results --benchmark {benchmark}'.");
    }

    /// <summary>The latest result per model layer on the benchmark (and metric, model).</summary>
    static List<StoredResult> Compare(IReadOnlyList<StoredResult> rows, string? benchmark, string? metric, string? model, bool required)
    {
        if (benchmark is null)
            return required ? throw new ArgumentException("give result ids, or --benchmark (with --metric) to compare every model layer on it.") : [];
        string name = Benchmarks.BenchmarkCatalog.Find(benchmark)?.Name ?? benchmark;
        var matching = rows.Where(r => string.Equals(r.Benchmark, name, StringComparison.OrdinalIgnoreCase)
                                       && (metric is null || string.Equals(r.Metric, metric, StringComparison.OrdinalIgnoreCase))
                                       && (model is null || string.Equals(r.Model, model, StringComparison.OrdinalIgnoreCase))).ToList();
        var metrics = matching.Select(r => r.Metric).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (metrics.Count > 1)
            throw new ArgumentException($"{name} has results of several metrics ({string.Join(", ", metrics)}): add --metric.");
        return matching.GroupBy(r => (r.Model, r.Layer)).Select(g => g.MaxBy(r => r.Timestamp)!).OrderBy(r => r.Model).ThenBy(r => r.Layer).ToList();
    }

    static void PrintPair(TextWriter output, ComparableScore a, ComparableScore b)
    {
        var d = PairedComparison.Of(a.Value, b.Value, a.Samples, b.Samples);
        string key = a.Result.HeadlineKey;
        output.WriteLine($"A: {a.Label} ({a.Result.Id}): {key} = {F(a.Value)}");
        output.WriteLine($"B: {b.Label} ({b.Result.Id}): {key} = {F(b.Value)}");
        output.WriteLine($"A − B = {F(d.Difference)} ± {F(d.StandardError)} (SE), 95% interval [{F(d.Low)}, {F(d.High)}], " +
                         $"p = {F(d.PValue)} (two-sided paired bootstrap, {d.Samples} resamples)");
    }

    static void PrintTable(TextWriter output, IReadOnlyList<ComparableScore> scores)
    {
        var pairs = new List<(ComparableScore A, ComparableScore B, PairedDifference D)>();
        for (int i = 0; i < scores.Count; i++)
            for (int j = i + 1; j < scores.Count; j++)
                pairs.Add((scores[i], scores[j], PairedComparison.Of(scores[i].Value, scores[j].Value, scores[i].Samples, scores[j].Samples)));
        var p = pairs.Select(x => x.D.PValue).ToList();
        var adjusted = PairedComparison.BenjaminiHochberg(p);
        var significant = PairedComparison.FdrSignificant(p);
        TextTable.Write(output, ["A", "B", "A − B", "SE", "95% interval", "p", "p (BH)", "FDR q<0.05"],
            pairs.Select((x, k) => (IReadOnlyList<string>)[x.A.Label, x.B.Label, F(x.D.Difference), F(x.D.StandardError),
                $"[{F(x.D.Low)}, {F(x.D.High)}]", F(x.D.PValue), F(adjusted[k]), significant[k] ? "yes" : "no"]));
        output.WriteLine($"{pairs.Count} pair(s) of {scores.Count} results on {scores[0].Result.Benchmark} ({scores[0].Result.HeadlineKey}); " +
                         "paired bootstrap over the same resamples, FDR as rsatoolbox decides it.");
    }

    static string F(double value) => double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);
}
