namespace BBScore.Data;

/// <summary>Where datasets, models, features and results live. <c>BBSCORE_HOME</c> wins; otherwise
/// <c>SCIKIT_LEARN_DATA</c> (the Python original's data root) is honoured; otherwise
/// <c>~/.cache/bbscore</c>. Results go under <c>RESULTS_PATH/results</c> when that is set, as in
/// the original.</summary>
public sealed class DataHome
{
    public DataHome(string root, string? resultsRoot = null)
    {
        Root = Path.GetFullPath(root);
        ResultsDir = Path.Combine(resultsRoot is null ? Root : Path.GetFullPath(resultsRoot), "results");
    }

    public string Root { get; }
    public string DatasetsDir => Path.Combine(Root, "datasets");
    public string ModelsDir => Path.Combine(Root, "models");
    public string FeaturesDir => Path.Combine(Root, "features");
    public string ResultsDir { get; }
    public string ResultsDatabase => Path.Combine(ResultsDir, "results.sqlite");

    /// <summary>Set (<c>BBSCORE_RESULTS_INDEX=deferred</c>) in SLURM sweep tasks: results are written as JSON files
    /// only and the submitting side indexes them, so no two nodes write the SQLite file over a network file
    /// system (SQLite's locking is not safe there).</summary>
    public bool DeferResultsIndex { get; init; }

    public const string ResultsIndexVariable = "BBSCORE_RESULTS_INDEX";

    /// <summary>Reads the environment as described on the class.</summary>
    public static DataHome FromEnvironment()
    {
        string? home = NonEmpty(Environment.GetEnvironmentVariable("BBSCORE_HOME"))
                       ?? NonEmpty(Environment.GetEnvironmentVariable("SCIKIT_LEARN_DATA"));
        home ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "bbscore");
        return new DataHome(home, NonEmpty(Environment.GetEnvironmentVariable("RESULTS_PATH")))
        {
            DeferResultsIndex = string.Equals(Environment.GetEnvironmentVariable(ResultsIndexVariable), "deferred", StringComparison.OrdinalIgnoreCase),
        };
    }

    static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
