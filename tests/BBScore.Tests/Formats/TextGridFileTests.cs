using System.Text;
using System.Text.Json;
using BBScore.Formats.Praat;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>TextGridFile against the Python original's regex rule (expected.json, from
/// tests/fixtures/generate_lebel_format_fixtures.py), on the long, short and UTF-16 forms, and its
/// refusals of damaged files: always an <see cref="InvalidDataException"/> starting with the path.</summary>
public class TextGridFileTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "lebel_formats", name);

    internal static JsonElement Expected(string section) =>
        JsonDocument.Parse(File.ReadAllText(Fixture("expected.json"))).RootElement.GetProperty(section);

    static void AssertIntervals(JsonElement expected, IReadOnlyList<TextGridInterval> actual)
    {
        var want = expected.EnumerateArray().Select(e => new TextGridInterval(e[0].GetDouble(), e[1].GetDouble(), e[2].GetString()!)).ToList();
        Assert.Equal(want, actual);
    }

    [Theory]
    [InlineData("long.TextGrid")]
    [InlineData("short.TextGrid")]
    [InlineData("utf16.TextGrid")]
    public void The_word_tier_matches_the_original_regex_rule(string file)
    {
        AssertIntervals(Expected("textgrid").GetProperty(file), TextGridFile.ReadTier(Fixture(file)));
    }

    [Theory]
    [InlineData("long.TextGrid")]
    [InlineData("short.TextGrid")]
    public void Any_interval_tier_is_read_by_its_name_case_insensitively(string file)
    {
        AssertIntervals(Expected("textgrid").GetProperty("phone"), TextGridFile.ReadTier(Fixture(file), "phone"));
        Assert.Equal(TextGridFile.ReadTier(Fixture(file)), TextGridFile.ReadTier(Fixture(file), "WORD"));
    }

    [Fact]
    public void Utf8_with_bom_and_little_endian_utf16_read_the_same()
    {
        string text = File.ReadAllText(Fixture("long.TextGrid"));
        var expected = TextGridFile.ReadTier(Fixture("long.TextGrid"));
        using var dir = new TempDir();
        foreach (var (name, bytes) in new[]
                 {
                     ("bom.TextGrid", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray()),
                     ("le.TextGrid", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray()),
                     ("crlf.TextGrid", Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))),
                 })
        {
            string path = Path.Combine(dir.Path, name);
            File.WriteAllBytes(path, bytes);
            Assert.Equal(expected, TextGridFile.ReadTier(path));
        }
    }

    [Fact]
    public void Latin1_text_that_is_not_utf8_is_read_as_latin1()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "latin1.TextGrid");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Grid(Interval(0, 1, "café"))));
        Assert.Equal("café", Assert.Single(TextGridFile.ReadTier(path)).Text);
    }

    [Fact]
    public void Praat_escaped_quotes_and_multi_line_texts_are_decoded()
    {
        var words = TextGridFile.ParseTier(Grid(Interval(0, 1, "say \"\"hi\"\""), Interval(1, 2, "two\nlines"), Interval(2, 3, "\t ")), "x.TextGrid");
        Assert.Equal([new(0, 1, "say \"hi\""), new(1, 2, "two\nlines")], words);
    }

    [Fact]
    public void A_point_tier_named_word_is_refused_naming_the_fix()
    {
        var e = Refused(Encoding.UTF8.GetBytes(File.ReadAllText(Fixture("long.TextGrid"))), tier: "events");
        Assert.Contains("point tier", e.Message);
        Assert.Contains("IntervalTier", e.Message);
    }

    [Fact]
    public void A_missing_tier_is_refused_listing_the_tiers()
    {
        var e = Refused(File.ReadAllBytes(Fixture("short.TextGrid")), tier: "words");
        Assert.Contains("no interval tier named \"words\" (tiers: phone, word, events)", e.Message);
    }

    [Theory]
    [InlineData("long.TextGrid")]
    [InlineData("short.TextGrid")]
    public void Every_truncation_before_the_last_word_is_refused(string file)
    {
        byte[] bytes = File.ReadAllBytes(Fixture(file));
        int lastQuote = Encoding.UTF8.GetString(bytes).IndexOf("\"sp\"", StringComparison.Ordinal) + 3;
        for (int length = 0; length < lastQuote; length += 5) Refused(bytes[..length]);
    }

    [Fact]
    public void A_huge_declared_interval_count_is_refused_before_allocating()
    {
        string text = File.ReadAllText(Fixture("long.TextGrid"));
        int word = text.IndexOf("name = \"word\"", StringComparison.Ordinal);
        int size = text.IndexOf("intervals: size = 6", word, StringComparison.Ordinal);
        var e = Refused(Encoding.UTF8.GetBytes(text[..size] + "intervals: size = 2000000000" + text[(size + 19)..]));
        Assert.Contains("declares 2000000000 intervals", e.Message);
        Refused(Encoding.UTF8.GetBytes(text.Replace("size = 3", "size = 99999999999999999999")));
        Refused(Encoding.UTF8.GetBytes(text.Replace("size = 3", "size = 1.5")));
        Refused(Encoding.UTF8.GetBytes(text.Replace("size = 3", "size = -1")));
    }

    [Theory]
    [InlineData("xmin = 1 \nxmax = 0.5 \ntext = \"a\" ", "ends (xmax 0.5) before it starts")]
    [InlineData("xmin = 0.3x \nxmax = 0.5 \ntext = \"a\" ", "\"0.3x\" is not a number")]
    [InlineData("xmin = 0 \nxmax = 1e999 \ntext = \"a\" ", "is not a number")]
    [InlineData("xmin = 0 \nxmax = 1 \ntext = 5 ", "expected a quoted string")]
    [InlineData("xmin = 0 \nxmax = 1 \ntext = \"never closed ", "never closed")]
    public void Malformed_intervals_are_refused_naming_the_line(string interval, string message)
    {
        var e = Refused(Encoding.UTF8.GetBytes(Grid(interval)));
        Assert.Contains(message, e.Message);
        Assert.Contains("line ", e.Message);
    }

    [Theory]
    [InlineData("File type = \"ooTextFile\"\nObject class = \"Sound 2\"\n")]
    [InlineData("File type = \"ooBinaryFile\"\nObject class = \"TextGrid\"\n")]
    [InlineData("word,start,end\nhello,0,1\n")]
    [InlineData("")]
    public void Files_that_are_not_text_grids_are_refused(string text) => Refused(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Damaged_utf16_and_binary_bytes_are_refused()
    {
        Refused([0xFE, 0xFF, 0xD8, 0x00, 0x00, 0x41]); // a lone high surrogate
        Refused([0xFF, 0xFE, 0x41]); // odd length
        Refused(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
    }

    /// <summary>A long-form TextGrid whose only tier, "word", holds <paramref name="intervals"/>.</summary>
    static string Grid(params string[] intervals) =>
        "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0 \nxmax = 3 \ntiers? <exists> \nsize = 1 \nitem []: \n" +
        "    item [1]:\n        class = \"IntervalTier\" \n        name = \"word\" \n        xmin = 0 \n        xmax = 3 \n" +
        $"        intervals: size = {intervals.Length} \n" +
        string.Concat(intervals.Select((s, i) => $"        intervals [{i + 1}]:\n{s}\n"));

    static string Interval(double xmin, double xmax, string text) => $"xmin = {xmin} \nxmax = {xmax} \ntext = \"{text}\" ";

    static InvalidDataException Refused(byte[] file, string tier = "word")
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "hostile.TextGrid");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() => TextGridFile.ReadTier(path, tier));
        Assert.StartsWith(path, e.Message);
        return e;
    }
}
