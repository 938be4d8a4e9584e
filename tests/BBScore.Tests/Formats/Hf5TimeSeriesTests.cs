using BBScore.Formats.Hdf5;

namespace BBScore.Tests.Formats;

/// <summary>LeBel2023's preprocessed runs (h5py-written fixtures, tests/fixtures/generate_lebel_fixture.py): the
/// original's dataset choice, and files that must be refused by name.</summary>
public sealed class Hf5TimeSeriesTests
{
    static string Hostile(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "lebel", "hostile", name);

    [Fact]
    public void Prefers_the_named_datasets_and_reads_float64_as_float32()
    {
        var (values, dataset) = Hf5TimeSeries.Read(Hostile("float64_rep.hf5"));
        Assert.Equal("rep", dataset); // "rep" is on the original's list; "zzz" is not, even though it comes first in the file
        Assert.Equal(new float[,] { { 0, 0.25f, 0.5f }, { 0.75f, 1, 1.25f } }, values);
    }

    [Fact]
    public void Takes_dset_over_a_dataset_that_sorts_first()
    {
        string run = Path.Combine(AppContext.BaseDirectory, "Fixtures", "lebel", "bucket", "ds003020", "derivatives", "preprocessed_data", "UTS02", "avatar.hf5");
        Assert.Equal("dset", Hf5TimeSeries.Read(run).Dataset);
    }

    [Theory]
    [InlineData("no_dataset.hf5", "holds no dataset")]
    [InlineData("three_d.hf5", "has 3 dimensions")]
    [InlineData("integers.hf5", "holds FixedPoint values")]
    public void Refuses_what_is_not_a_run_naming_the_file(string name, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Hf5TimeSeries.Read(Hostile(name)));
        Assert.StartsWith(Hostile(name) + ":", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_refused_by_name()
    {
        using var dir = new BBScore.Tests.Support.TempDir();
        string path = Path.Combine(dir.Path, "story.hf5");
        File.WriteAllBytes(path, new byte[300]);
        var error = Assert.Throws<InvalidDataException>(() => Hf5TimeSeries.Read(path));
        Assert.StartsWith(path + ":", error.Message);
    }
}
