namespace BBScore;

/// <summary>A user-typed name (model, layer, benchmark, metric) that matches nothing; the message
/// lists the closest known names so the user can fix the typo.</summary>
public sealed class UnknownNameException : Exception
{
    public UnknownNameException(string kind, string name, IEnumerable<string> known, string? hint = null)
        : base(BuildMessage(kind, name, known, hint, out var matches))
    {
        Kind = kind;
        Name = name;
        Suggestions = matches;
    }

    public string Kind { get; }
    public string Name { get; }
    public IReadOnlyList<string> Suggestions { get; }

    static string BuildMessage(string kind, string name, IEnumerable<string> known, string? hint, out IReadOnlyList<string> matches)
    {
        matches = NameSuggestions.Closest(name, known);
        string text = $"Unknown {kind} '{name}'.";
        if (matches.Count > 0) text += $" Did you mean: {string.Join(", ", matches)}?";
        if (hint != null) text += " " + hint;
        return text;
    }
}
