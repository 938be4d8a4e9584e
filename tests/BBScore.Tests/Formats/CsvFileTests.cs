using BBScore.Formats;

namespace BBScore.Tests.Formats;

public class CsvFileTests
{
    [Fact]
    public void QuotedFieldsCommasQuotesAndLineEnds()
    {
        var records = CsvFile.Parse("path,split\r\n\"a, b.png\",train\n\n\"say \"\"hi\"\".png\",test\n\"two\nlines.png\",\nlast.png", "x.csv");
        Assert.Equal(5, records.Count);
        Assert.Equal(["path", "split"], records[0].Fields);
        Assert.Equal(["a, b.png", "train"], records[1].Fields);
        Assert.Equal(["say \"hi\".png", "test"], records[2].Fields);
        Assert.Equal(4, records[2].Line); // the blank line 3 is dropped
        Assert.Equal(["two\nlines.png", ""], records[3].Fields);
        Assert.Equal(["last.png"], records[4].Fields);
        Assert.Equal(7, records[4].Line);
    }

    [Fact]
    public void UnclosedQuoteNamesTheLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvFile.Parse("path\nok.png\n\"broken.png\n", "x.csv"));
        Assert.Contains("x.csv: line 3", e.Message);
    }
}
