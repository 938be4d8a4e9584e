namespace BBScore.Report;

/// <summary>Orders names as people read them: runs of digits compare by value, so <c>layer2</c> comes before
/// <c>layer10</c> and <c>encoder.layer.9</c> before <c>encoder.layer.11</c>. The rest compares ordinally,
/// ignoring case. Used for layer order (see <see cref="LayerProfiles"/>).</summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int endX = DigitsEnd(x, i), endY = DigitsEnd(y, j);
                int byValue = CompareDigits(x.AsSpan(i, endX - i), y.AsSpan(j, endY - j));
                if (byValue != 0) return byValue;
                i = endX;
                j = endY;
                continue;
            }
            int byChar = char.ToLowerInvariant(x[i]).CompareTo(char.ToLowerInvariant(y[j]));
            if (byChar != 0) return byChar;
            i++;
            j++;
        }
        int byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    static int DigitsEnd(string s, int start)
    {
        int end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return end;
    }

    /// <summary>Compares digit runs of any length without parsing (no overflow): fewer significant digits is
    /// smaller; equal lengths compare digit by digit.</summary>
    static int CompareDigits(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        return a.SequenceCompareTo(b);
    }
}
