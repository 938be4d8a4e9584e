namespace BBScore;

/// <summary>
/// Named points in the writes that must survive a crash, where the fault-injection tests stop a real
/// process: with <c>BBSCORE_FAULT_POINT=&lt;name&gt;</c> and <c>BBSCORE_FAULT_MARKER=&lt;file&gt;</c> set, the
/// process writes the marker file on reaching that point and waits until it is deleted (the test kills the
/// process there with SIGKILL, or fills the disk and lets it go on). "{pid}" in the marker path becomes the process
/// id, so a test that starts many processes (a sweep's tasks) sees each one pause and can pick which to kill.
/// Unset, a point costs one lookup.
/// </summary>
public static class FaultPoints
{
    public const string PointVariable = "BBSCORE_FAULT_POINT";
    public const string MarkerVariable = "BBSCORE_FAULT_MARKER";

    /// <summary>After the first batch of features is written to the partial file.</summary>
    public const string Extraction = "extraction";
    /// <summary>After the feature data file is in place, before its sidecar.</summary>
    public const string FeatureWrite = "feature-write";
    /// <summary>After the result JSON is written, before its database row.</summary>
    public const string ResultJson = "result-json";
    /// <summary>Inside the database transaction, before it commits.</summary>
    public const string ResultRow = "result-row";

    static readonly string? Armed = Environment.GetEnvironmentVariable(PointVariable);

    public static void Reach(string name)
    {
        if (Armed is null || !string.Equals(Armed, name, StringComparison.Ordinal)) return;
        if (Environment.GetEnvironmentVariable(MarkerVariable) is not { Length: > 0 } template) return;
        string marker = template.Replace("{pid}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        File.WriteAllText(marker, name);
        while (File.Exists(marker)) Thread.Sleep(20);
    }
}
