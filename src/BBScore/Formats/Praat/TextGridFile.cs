using System.Globalization;
using System.Text;

namespace BBScore.Formats.Praat;

/// <summary>One interval of a Praat interval tier: its start and end (seconds) and its text, unescaped.</summary>
public sealed record TextGridInterval(double XMin, double XMax, string Text);

/// <summary>Reads one interval tier (LeBel2023's <c>word</c> tier) from a Praat TextGrid text file, in the
/// long form (<c>xmin = 0</c>, <c>intervals [1]:</c>, ...) or the short form (values only).
/// <para>Both forms are the same sequence of values: the long form only adds labels (<c>xmin =</c>,
/// <c>intervals: size =</c>) and bracketed indexes (<c>item [1]:</c>). So the file is cut into tokens
/// (numbers, quoted strings, <c>&lt;flags&gt;</c>) with the labels and brackets skipped, as Praat's own
/// text reader does, and one parser reads either form. On a well-formed long-form file the result is
/// what the Python original's regex collects (the <c>xmin/xmax/text</c> triples after
/// <c>name = "word"</c>, empty texts dropped), except that Praat's <c>""</c> escape inside a text is
/// decoded where the regex would cut the text short.</para></summary>
public static class TextGridFile
{
    /// <summary>The intervals of the interval tier named <paramref name="tierName"/> (case-insensitive)
    /// in file order, with whitespace-only texts dropped. The file may be UTF-8 (with or without BOM;
    /// invalid UTF-8 is read as Latin-1, as Praat does) or UTF-16 with a BOM.</summary>
    public static IReadOnlyList<TextGridInterval> ReadTier(string path, string tierName = "word")
    {
        byte[] bytes = File.ReadAllBytes(path);
        return ParseTier(Decode(bytes, path), path, tierName);
    }

    /// <summary>The same, from the decoded text of a TextGrid; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<TextGridInterval> ParseTier(string text, string path, string tierName = "word")
    {
        var reader = new TokenReader(Tokenize(text, path), path);
        string fileType = reader.String("the file type");
        if (fileType.StartsWith("ooBinaryFile", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: a binary TextGrid; save it from Praat as a text file (Save as text file...).");
        if (!fileType.StartsWith("ooTextFile", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: not a Praat text file (file type \"{fileType}\", expected \"ooTextFile\").");
        string objectClass = reader.String("the object class");
        if (!objectClass.StartsWith("TextGrid", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: a Praat {objectClass}, not a TextGrid.");
        reader.Interval("the TextGrid");
        var names = new List<string>();
        bool pointTierMatched = false;
        if (reader.Flag("tiers?"))
        {
            // A tier needs at least 5 tokens (class, name, xmin, xmax, size).
            int tiers = reader.Count("tiers", tokensEach: 5);
            for (int t = 0; t < tiers; t++)
            {
                string tierClass = reader.String($"the class of tier {t + 1}");
                string name = reader.String($"the name of tier {t + 1}");
                reader.Interval($"tier \"{name}\"");
                bool wanted = string.Equals(name, tierName, StringComparison.OrdinalIgnoreCase);
                names.Add(name);
                switch (tierClass)
                {
                    case "IntervalTier":
                        var intervals = ReadIntervals(reader, name, wanted);
                        if (wanted) return intervals!;
                        break;
                    case "TextTier":
                        pointTierMatched |= wanted;
                        SkipPoints(reader, name);
                        break;
                    default:
                        throw new InvalidDataException($"{path}: tier \"{name}\" has class \"{tierClass}\"; a TextGrid holds only IntervalTier and TextTier tiers (corrupt file).");
                }
            }
        }
        if (pointTierMatched)
            throw new InvalidDataException($"{path}: tier \"{tierName}\" is a point tier (TextTier); a word tier must be an IntervalTier with one interval per word. Re-align the story (e.g. with the Penn Forced Aligner) or pass the name of its interval tier.");
        throw new InvalidDataException(
            $"{path}: no interval tier named \"{tierName}\" (tiers: {(names.Count == 0 ? "none" : string.Join(", ", names))}); pass the name of the tier that holds one interval per word.");
    }

    /// <summary>An interval tier's intervals (kept only when <paramref name="keep"/>), each checked.</summary>
    static List<TextGridInterval>? ReadIntervals(TokenReader reader, string tier, bool keep)
    {
        int count = reader.Count($"intervals of tier \"{tier}\"", tokensEach: 3);
        var intervals = keep ? new List<TextGridInterval>() : null;
        for (int i = 0; i < count; i++)
        {
            var (xmin, xmax) = reader.Interval($"interval {i + 1} of tier \"{tier}\"");
            string text = reader.String($"the text of interval {i + 1} of tier \"{tier}\"");
            if (intervals is not null && !string.IsNullOrWhiteSpace(text)) intervals.Add(new TextGridInterval(xmin, xmax, text));
        }
        return intervals;
    }

    static void SkipPoints(TokenReader reader, string tier)
    {
        int count = reader.Count($"points of tier \"{tier}\"", tokensEach: 2);
        for (int i = 0; i < count; i++)
        {
            reader.Number($"the time of point {i + 1} of tier \"{tier}\"");
            reader.String($"the mark of point {i + 1} of tier \"{tier}\"");
        }
    }

    /// <summary>The text of a TextGrid: UTF-16 (either byte order) by its BOM, else UTF-8, else Latin-1.</summary>
    static string Decode(byte[] bytes, string path)
    {
        try
        {
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: the UTF-16 text is damaged ({e.Message}); save the TextGrid again from Praat.", e);
        }
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return Strict(new UTF8Encoding(false, true), bytes, start);
        }
        catch (DecoderFallbackException)
        {
            // Praat's rule for a text file that is not valid UTF-8: it is Latin-1 (older Praat wrote that).
            return Encoding.Latin1.GetString(bytes, start, bytes.Length - start);
        }
    }

    static string Strict(Encoding encoding, byte[] bytes, int start) => encoding.GetString(bytes, start, bytes.Length - start);

    enum Kind { Number, String, Flag }

    readonly record struct Token(Kind Kind, string Text, double Number, int Line);

    /// <summary>The values of a TextGrid: numbers, quoted strings (<c>""</c> is a quote; a string may span
    /// lines) and <c>&lt;flags&gt;</c>. Labels (<c>xmin</c>, <c>=</c>, <c>intervals:</c>, <c>tiers?</c>) and
    /// bracketed indexes (<c>[1]</c>) are skipped. A bare word that starts like a number must be one, so a
    /// malformed number is named instead of being skipped as a label.</summary>
    static List<Token> Tokenize(string text, string path)
    {
        var tokens = new List<Token>();
        int line = 1;
        var sb = new StringBuilder();
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '"')
            {
                int startLine = line;
                sb.Clear();
                for (i++; ; i++)
                {
                    if (i >= text.Length)
                        throw new InvalidDataException($"{path}: line {startLine}: a string is never closed (truncated file?).");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i++; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    sb.Append(text[i]);
                }
                tokens.Add(new Token(Kind.String, sb.ToString(), 0, startLine));
                continue;
            }
            if (c == '[' || c == '<')
            {
                char close = c == '[' ? ']' : '>';
                int end = text.IndexOf(close, i + 1);
                if (end < 0) throw new InvalidDataException($"{path}: line {line}: '{c}' is never closed (truncated file?).");
                string inside = text[(i + 1)..end];
                if (inside.Contains('\n')) throw new InvalidDataException($"{path}: line {line}: '{c}' is not closed on its line (corrupt file).");
                if (c == '<') tokens.Add(new Token(Kind.Flag, inside, 0, line));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '[' or '<')) i++;
            string word = text[start..i];
            if (char.IsAsciiDigit(c) || c is '-' or '+' or '.')
            {
                if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw new InvalidDataException($"{path}: line {line}: \"{word}\" is not a number (corrupt file).");
                tokens.Add(new Token(Kind.Number, word, value, line));
            }
        }
        return tokens;
    }

    /// <summary>Reads tokens in order and names the file, the line and what was expected when the next
    /// one is of the wrong kind or missing.</summary>
    sealed class TokenReader(List<Token> tokens, string path)
    {
        int _next;

        Token Next(Kind kind, string what)
        {
            if (_next >= tokens.Count)
                throw new InvalidDataException($"{path}: the file ends before {what} (truncated TextGrid); save it again from Praat.");
            var token = tokens[_next++];
            if (token.Kind != kind)
                throw new InvalidDataException($"{path}: line {token.Line}: expected {Describe(kind)} for {what}, found {Describe(token.Kind)} \"{token.Text}\" (corrupt or not a TextGrid).");
            return token;
        }

        static string Describe(Kind kind) => kind switch { Kind.Number => "a number", Kind.String => "a quoted string", _ => "a <flag>" };

        public string String(string what) => Next(Kind.String, what).Text;

        public double Number(string what) => Next(Kind.Number, what).Number;

        public bool Flag(string what)
        {
            var token = Next(Kind.Flag, what);
            return token.Text switch
            {
                "exists" => true,
                "absent" => false,
                _ => throw new InvalidDataException($"{path}: line {token.Line}: <{token.Text}> for {what}; expected <exists> or <absent>."),
            };
        }

        /// <summary>An xmin, xmax pair; xmax must not be below xmin.</summary>
        public (double XMin, double XMax) Interval(string what)
        {
            double xmin = Number($"the xmin of {what}");
            var end = Next(Kind.Number, $"the xmax of {what}");
            if (end.Number < xmin)
                throw new InvalidDataException($"{path}: line {end.Line}: {what} ends (xmax {end.Number.ToString(CultureInfo.InvariantCulture)}) before it starts (xmin {xmin.ToString(CultureInfo.InvariantCulture)}); corrupt TextGrid.");
            return (xmin, end.Number);
        }

        /// <summary>A declared count, refused when it is not a non-negative integer or when the rest of the
        /// file cannot hold that many items of <paramref name="tokensEach"/> tokens.</summary>
        public int Count(string what, int tokensEach)
        {
            var token = Next(Kind.Number, $"the number of {what}");
            double n = token.Number;
            long left = tokens.Count - _next;
            if (n < 0 || n != Math.Floor(n))
                throw new InvalidDataException($"{path}: line {token.Line}: the number of {what} is {token.Text}, not a count (corrupt TextGrid).");
            if (n > left / tokensEach)
                throw new InvalidDataException($"{path}: line {token.Line}: the file declares {token.Text} {what} but holds at most {left / tokensEach} (truncated or corrupt TextGrid).");
            return (int)n;
        }
    }
}
