using BBScore.Datasets.Bmd;
using BBScore.Tests.Support;

namespace BBScore.Tests.Bmd;

/// <summary>The BMD assembly cache: built once per region, participants, threshold and source files; exact round trip;
/// damaged or half-written entries never served.</summary>
public class BmdAssemblyCacheTests
{
    static readonly string Glm = Path.Combine(BmdFixtureSite.Fixture, "derivatives", "versionB", "MNI152", "GLM");

    sealed class Counting(string glm)
    {
        public int Builds { get; private set; }

        public BmdAssemblyData Build(string region, IReadOnlyList<string> subjects)
        {
            Builds++;
            return BmdAssemblyBuilder.Build(glm, region, subjects);
        }
    }

    static string[] Sources(string glm, string region, IReadOnlyList<string> subjects) =>
        subjects.SelectMany(s => new BmdSubjectFiles(s).For(region)).Distinct().Select(f => Path.Combine(glm, f)).ToArray();

    static BmdAssemblyData Get(BmdAssemblyCache cache, Counting builder, string glm, string region, string[] subjects, List<string>? warnings = null) =>
        cache.GetOrBuild(region, subjects, Sources(glm, region, subjects), () => builder.Build(region, subjects), warnings is null ? null : warnings.Add);

    static void AssertSame(BmdAssemblyData expected, BmdAssemblyData actual)
    {
        Assert.Equal(expected.Train, actual.Train);
        Assert.Equal(expected.Test, actual.Test);
        Assert.Equal(expected.NoiseCeilingPercent, actual.NoiseCeilingPercent);
        Assert.Equal(expected.VoxelsPerSubject, actual.VoxelsPerSubject);
    }

    [Fact]
    public void A_second_load_reads_the_entry_bit_for_bit_instead_of_the_pickles()
    {
        using var dir = new TempDir();
        var cache = new BmdAssemblyCache(dir.Path);
        var builder = new Counting(Glm);

        var built = Get(cache, builder, Glm, "V1", ["sub-01", "sub-02"]);
        var cached = Get(cache, builder, Glm, "V1", ["sub-01", "sub-02"]);

        Assert.Equal(1, builder.Builds);
        AssertSame(built, cached);
        Assert.Empty(Directory.GetDirectories(Path.Combine(dir.Path, "V1"), "*.partial-*"));
    }

    [Fact]
    public void Other_participants_or_a_source_fetched_again_make_another_entry()
    {
        using var dir = new TempDir();
        string glm = Path.Combine(dir.Path, "GLM");
        CopyTree(Glm, glm);
        var cache = new BmdAssemblyCache(Path.Combine(dir.Path, "cache"));
        var builder = new Counting(glm);

        var both = Get(cache, builder, glm, "FFA", ["sub-01", "sub-02"]);
        var first = Get(cache, builder, glm, "FFA", ["sub-01"]);
        Assert.Equal(2, builder.Builds);
        Assert.Equal(both.VoxelsPerSubject[0], first.NoiseCeilingPercent.Length); // not the two-participant entry

        // A derivative downloaded again (new time stamp): the old entry no longer answers.
        string betas = Path.Combine(glm, new BmdSubjectFiles("sub-01").Betas(true));
        File.SetLastWriteTimeUtc(betas, File.GetLastWriteTimeUtc(betas).AddMinutes(5));
        Get(cache, builder, glm, "FFA", ["sub-01"]);
        Assert.Equal(3, builder.Builds);
    }

    [Fact]
    public void A_damaged_entry_is_named_deleted_and_built_again()
    {
        using var dir = new TempDir();
        var cache = new BmdAssemblyCache(dir.Path);
        var builder = new Counting(Glm);
        var built = Get(cache, builder, Glm, "PPA", ["sub-01", "sub-02"]);
        string train = Directory.GetFiles(Path.Combine(dir.Path, "PPA"), "train.npy", SearchOption.AllDirectories).Single();
        byte[] bytes = File.ReadAllBytes(train);
        File.WriteAllBytes(train, bytes[..(bytes.Length / 2)]);

        var warnings = new List<string>();
        var rebuilt = Get(cache, builder, Glm, "PPA", ["sub-01", "sub-02"], warnings);

        Assert.Equal(2, builder.Builds);
        AssertSame(built, rebuilt);
        Assert.Contains(Path.GetDirectoryName(train)!, Assert.Single(warnings));
        Assert.Equal(bytes, File.ReadAllBytes(train));
    }

    [Fact]
    public void A_build_that_fails_leaves_no_entry_behind()
    {
        using var dir = new TempDir();
        var cache = new BmdAssemblyCache(dir.Path);
        string[] subjects = ["sub-01"];

        Assert.Throws<InvalidDataException>(() => cache.GetOrBuild("BMD", subjects, Sources(Glm, "BMD", subjects), () => throw new InvalidDataException("damaged betas")));

        Assert.False(Directory.Exists(Path.Combine(dir.Path, "BMD")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "BMD")).Any());
        var builder = new Counting(Glm);
        Get(cache, builder, Glm, "BMD", subjects);
        Assert.Equal(1, builder.Builds);
    }

    static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
