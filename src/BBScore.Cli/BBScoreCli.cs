using System.CommandLine;
using BBScore.Cli.Commands;
using BBScore.Data;
using BBScore.Progress;

namespace BBScore.Cli;

/// <summary>The `bbscore` command tree. Exit codes: 0 success, 1 runtime failure, 2 bad input
/// (unknown name, invalid option value).</summary>
public static class BBScoreCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, DataHome? home = null, IProgressSink? progress = null)
    {
        var context = new CliContext(stdout, stderr, home ?? DataHome.FromEnvironment(), progress ?? new ConsoleProgress());
        var root = new RootCommand("BBScore.NET: score how brain-like a model layer is, on neural and behavioural benchmarks.")
        {
            RunCommand.Create(context),
            ListCommand.Create(context),
            LayersCommand.Create(context),
            CheckCommand.Create(context),
            ResultsCommand.Create(context),
        };
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }
}

/// <summary>What every command needs: where to print, the data home, and progress reporting.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, DataHome Home, IProgressSink Progress)
{
    /// <summary>Runs a command body and turns the errors users can fix into a message and exit code.</summary>
    public int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UnknownNameException e)
        {
            Error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (ArgumentException e)
        {
            Error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
