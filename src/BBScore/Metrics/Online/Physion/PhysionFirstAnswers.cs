namespace BBScore.Metrics.Online.Physion;

/// <summary>"First row per stimulus" as the original takes it (pandas' <c>groupby("stimulus_id").first()</c>): per id,
/// the first non-missing value in row order; an id whose every value is missing is left out (pandas would give NaN,
/// which scikit-learn then refuses). The original sorts the rows by id first with pandas' default, unstable sort, so its
/// "first" among repeated ids is not defined by the file; row order is the stable reading of it.</summary>
public static class PhysionFirstAnswers
{
    public static Dictionary<string, double> Of(IEnumerable<string> ids, IEnumerable<double> values)
    {
        var first = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, value) in ids.Zip(values))
            if (!double.IsNaN(value)) first.TryAdd(id, value);
        return first;
    }
}
