namespace BBScore.Cli;

/// <summary>The exit code and one-line description for an error no command anticipated: bad input
/// (an argument the user can change) exits 2, everything else (environment, IO, a bug) exits 1.</summary>
public static class ErrorExits
{
    public static int CodeFor(Exception e) => e switch
    {
        UnknownNameException or ArgumentException => 2,
        OperationCanceledException => 130,
        _ => 1,
    };

    /// <summary>The message with the error's kind, without the trace: an unexpected error still
    /// says what failed, and the caller adds how to see more.</summary>
    public static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        return $"unexpected {inner.GetType().Name}: {inner.Message}";
    }
}
