namespace BBScore;

/// <summary>Finds the known names closest to a mistyped one (case-insensitive edit distance, with
/// substring matches ranked first), for "did you mean" messages.</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> known, int max = 5)
    {
        string needle = name.ToLowerInvariant();
        var scored = new List<(string Name, int Score)>();
        foreach (string candidate in known.Distinct())
        {
            string c = candidate.ToLowerInvariant();
            int distance = EditDistance(needle, c);
            bool contains = needle.Length >= 3 && (c.Contains(needle) || needle.Contains(c));
            int limit = Math.Max(2, Math.Max(needle.Length, c.Length) / 3);
            if (contains) scored.Add((candidate, distance - 1000));
            else if (distance <= limit) scored.Add((candidate, distance));
        }
        return scored.OrderBy(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal).Take(max).Select(s => s.Name).ToList();
    }

    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
