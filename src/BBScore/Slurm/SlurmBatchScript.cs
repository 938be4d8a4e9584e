using System.Text;

namespace BBScore.Slurm;

/// <summary>The sbatch script of an array job: it runs one command line per task, with every occurrence of
/// <see cref="TaskIndexPlaceholder"/> in an argument replaced by the task index. Each argument is
/// single-quoted for the shell, so no argument can inject shell syntax.</summary>
public static class SlurmBatchScript
{
    public const string TaskIndexPlaceholder = "{task}";

    public static string Write(IReadOnlyList<string> command, string? workingDirectory)
    {
        if (command.Count == 0) throw new ArgumentException("the command line is empty", nameof(command));
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Written by BBScore.Slurm.SlurmArrayJob; sbatch options (array range, resources, log path)\n");
        script.Append("# are given on the sbatch command line, so a resubmission can pick other indices.\n");
        script.Append("set -eu\n");
        if (workingDirectory is not null) script.Append("cd ").Append(Quote(workingDirectory)).Append('\n');
        // exec: the task's exit code and signals are the command's own, which is what scontrol then reports.
        script.Append("exec");
        foreach (string argument in command) script.Append(' ').Append(QuoteWithIndex(argument));
        script.Append('\n');
        return script.ToString();
    }

    /// <summary>Quotes <paramref name="argument"/>, splicing "${SLURM_ARRAY_TASK_ID}" (double-quoted, so it
    /// stays one word) where the placeholder was.</summary>
    static string QuoteWithIndex(string argument) =>
        string.Join("\"${SLURM_ARRAY_TASK_ID}\"", argument.Split(TaskIndexPlaceholder).Select(Quote));

    /// <summary>POSIX single quoting: everything literal; a single quote becomes '\''.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
