using System.CommandLine;

namespace BBScore.Cli;

/// <summary>Command-line mistakes (unknown command or option, a value of the wrong type) as one
/// line naming what is wrong and where the help is, exit code 2; the whole help text would bury
/// the one thing to fix.</summary>
public static class ParseErrors
{
    public static int Report(ParseResult parsed, TextWriter error)
    {
        string command = string.Join(' ', CommandPath(parsed));
        var messages = parsed.Errors.Select(e => Friendly(e.Message)).Distinct().ToList();
        // "Required command was not provided" only repeats what an unrecognised word already says.
        if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("Required command", StringComparison.Ordinal));
        string problems = string.Join("; ", messages);
        error.WriteLine($"error: {problems} (see '{command} --help')");
        return 2;
    }

    static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "bbscore" : result.Command.Name);
        names.Reverse();
        return names;
    }

    /// <summary>Type names as a user reads them ("an integer", not "System.Int32").</summary>
    static string Friendly(string message) => string.Join(' ', message
            .Replace("as expected type 'System.Int32'", "as an integer", StringComparison.Ordinal)
            .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal)
            .Replace("as expected type 'System.Boolean'", "as true or false", StringComparison.Ordinal)
            .Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .TrimEnd('.');
}
