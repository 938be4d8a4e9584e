using BBScore.Formats.Pickles;

namespace BBScore.Tests.Formats;

/// <summary>Pickles made only of allowed types that declare more than they hold: they must be refused
/// with an <see cref="InvalidDataException"/> naming the source, without allocating what they declare.
/// Built by patching nsd_df_p2.pkl (protocol 2: no frames, so bytes can be inserted freely).</summary>
public class HostilePickleTests
{
    const string Source = "hostile.pkl";

    /// <summary>LONG1 of 10**12 (six little-endian bytes: the top byte keeps it positive).</summary>
    static readonly byte[] Trillion = [0x8a, 6, 0x00, 0x10, 0xa5, 0xd4, 0xe8, 0x00];

    static byte[] Fixture() => File.ReadAllBytes(NumpyPickleTests.Fixture("nsd_df_p2.pkl"));

    /// <summary>Replaces the two bytes at <paramref name="at"/> (a BININT1) with <paramref name="with"/>.</summary>
    static byte[] Patch(byte[] data, int at, byte[] with)
    {
        Assert.Equal((byte)'K', data[at]);
        return [.. data[..at], .. with, .. data[(at + 2)..]];
    }

    static void AssertRefused(byte[] pickle)
    {
        var e = Assert.Throws<InvalidDataException>(() => NumpyPickle.Loads(pickle, Source));
        Assert.StartsWith(Source, e.Message);
    }

    [Fact]
    public void A_RangeIndex_of_a_trillion_rows_over_15_rows_of_data_is_refused_without_materialising_it()
    {
        var data = Fixture();
        int stop = data.AsSpan().IndexOf("\x04\x00\x00\x00stop"u8) + 8 + 2; // BINUNICODE 'stop', BINPUT, then BININT1 15
        AssertRefused(Patch(data, stop, Trillion));
    }

    [Fact]
    public void A_block_placement_slice_of_a_trillion_columns_is_refused()
    {
        var data = Fixture();
        int slice = data.AsSpan().IndexOf("c__builtin__\nslice\n"u8);
        int stop = slice + "c__builtin__\nslice\n"u8.Length + 2 + 2; // BINPUT, BININT1 start, then BININT1 stop
        AssertRefused(Patch(data, stop, Trillion));
    }

    [Theory]
    [InlineData("p99999999999999999999999\n.")] // PUT with an index beyond long
    [InlineData("pxyz\n.")]
    [InlineData("g-\n.")]
    public void Malformed_memo_indexes_in_protocol_0_are_refused(string text)
    {
        AssertRefused(System.Text.Encoding.ASCII.GetBytes("N" + text));
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var data = Fixture();
        for (int length = 0; length < data.Length; length += 37) AssertRefused(data[..length]);
    }
}
