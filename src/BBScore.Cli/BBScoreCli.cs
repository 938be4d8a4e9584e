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
        bool debug = args.Contains("--debug");
        var context = new CliContext(stdout, stderr, home ?? DataHome.FromEnvironment(), progress ?? new ConsoleProgress(), debug);
        var root = new RootCommand("BBScore.NET: score how brain-like a model layer is, on neural and behavioural benchmarks.")
        {
            RunCommand.Create(context),
            DownloadCommand.Create(context),
            ScoreCommand.Create(context),
            ListCommand.Create(context),
            LayersCommand.Create(context),
            CheckCommand.Create(context),
            CeilingCommand.Create(context),
            ResultsCommand.Create(context),
            ReportCommand.Create(context),
            EvalCommand.Create(context),
            CompareCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !HelpRequested(args))
            return ParseErrors.Report(parsed, stderr);
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    static bool HelpRequested(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}

/// <summary>Turns Ctrl+C into a cancellation the pipeline checks between batches, so an interrupted
/// run cleans up instead of dying mid-write. A second Ctrl+C ends the process at once.</summary>
public sealed class InterruptScope : IDisposable
{
    readonly CancellationTokenSource _source = new();

    public InterruptScope() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => _source.Token;

    void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested) return; // second press: let the process end
        e.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }
}

/// <summary>What every command needs: where to print, the data home, and progress reporting.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, DataHome Home, IProgressSink Progress, bool Debug = false)
{
    /// <summary>Runs a command body and turns the errors users can fix into a message and exit code.</summary>
    public int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (Debug && e is not OperationCanceledException)
        {
            // --debug: the whole trace, then the same exit code the one-line message would give.
            Error.WriteLine(e.ToString());
            return ErrorExits.CodeFor(e);
        }
        catch (OperationCanceledException)
        {
            Error.WriteLine("interrupted: nothing was stored for the unfinished work, and no partial feature file was left in the cache.");
            return 130;
        }
        catch (BBScore.Pipeline.Preflight.PreflightException e)
        {
            // The run cannot fit in memory or on disk: the message gives the estimate and the fix.
            Error.WriteLine("error: " + e.Message);
            return 1;
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
        catch (Exception e) when (e is BBScore.Data.Download.DownloadException or BBScore.Data.Download.DatasetUnavailableException)
        {
            // Network failures and --offline with missing files: the message lists the URLs and where the files go.
            Error.WriteLine("error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Error.WriteLine("error: " + e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // Never a bare trace: one line that says what failed and how to see more.
            Error.WriteLine($"error: {ErrorExits.Describe(e)} (rerun with --debug for the trace)");
            return ErrorExits.CodeFor(e);
        }
    }
}
