using System.Globalization;

namespace BBScore.Slurm;

/// <summary>Parses `scontrol -o show job &lt;array id&gt;`: one line per record, space-separated Key=Value
/// fields. Only fields whose values never hold spaces are read (ids, state, exit code), so a job name or
/// path with spaces elsewhere on the line cannot shift them.</summary>
public static class SlurmShowJobParser
{
    public static IReadOnlyList<SlurmJobRecord> Parse(string output)
    {
        var records = new List<SlurmJobRecord>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>();
            foreach (string token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = token.IndexOf('=');
                if (eq > 0) fields.TryAdd(token[..eq], token[(eq + 1)..]);
            }
            // Lines of a job that is not an array carry no ArrayJobId; this client only submits arrays.
            if (!fields.TryGetValue("ArrayJobId", out string? arrayJobId)
                || !fields.TryGetValue("ArrayTaskId", out string? taskIds)
                || !fields.TryGetValue("JobState", out string? state)) continue;
            (int exitCode, int signal) = fields.TryGetValue("ExitCode", out string? exit) ? ParseExitCode(exit) : (0, 0);
            records.Add(new SlurmJobRecord(arrayJobId, ParseIndices(taskIds), SlurmTaskStates.Parse(state), exitCode, signal));
        }
        return records;
    }

    /// <summary>"3:0" → (3, 0); "0:15" → (0, 15): exit status, then the signal that ended the task.</summary>
    public static (int ExitCode, int Signal) ParseExitCode(string value)
    {
        string[] parts = value.Split(':');
        int code = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int signal = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        return (code, signal);
    }

    /// <summary>"2" → [2]; "0-5%2" → [0..5] (the %2 is a throttle, not an index); "1,3,5-6" → [1, 3, 5, 6].</summary>
    public static IReadOnlyList<int> ParseIndices(string value)
    {
        int throttle = value.IndexOf('%');
        if (throttle >= 0) value = value[..throttle];
        var indices = new List<int>();
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0) { indices.Add(int.Parse(part, CultureInfo.InvariantCulture)); continue; }
            int first = int.Parse(part[..dash], CultureInfo.InvariantCulture), last = int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (int i = first; i <= last; i++) indices.Add(i);
        }
        return indices;
    }

    /// <summary>The inverse for submission: [1, 2, 3, 7] → "1-3,7", as `sbatch --array` takes it.</summary>
    public static string FormatIndices(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
