using Spectre.Console;

namespace BBScore.Progress;

/// <summary>Live progress bars with Spectre.Console when standard error is an interactive terminal;
/// falls back to <see cref="PlainProgress"/> otherwise.</summary>
public sealed class ConsoleProgress : IProgressSink
{
    readonly IAnsiConsole _console;
    readonly PlainProgress _plain;
    readonly bool _interactive;

    public ConsoleProgress()
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _plain = new PlainProgress(Console.Error);
        _interactive = !Console.IsErrorRedirected && _console.Profile.Capabilities.Interactive;
    }

    public T Track<T>(string label, long total, Func<Action<long>, T> work)
    {
        if (!_interactive) return _plain.Track(label, total, work);
        bool known = total > 0; // 0: unknown size; a pulsing bar, no percentage or time left
        ProgressColumn[] columns = known
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn()];
        return _console.Progress()
            .AutoClear(false)
            .Columns(columns)
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                task.IsIndeterminate = !known;
                T result = work(done => task.Value = known ? Math.Min(done, total) : 0);
                task.Value = task.MaxValue;
                return result;
            });
    }

    public void Info(string message) => _plain.Info(message);
    public void Warn(string message) => _plain.Warn(message);
}
