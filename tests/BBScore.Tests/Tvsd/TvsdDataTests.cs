using System.Text.Json.Nodes;
using BBScore.Data.Archives;
using BBScore.Datasets.Tvsd;
using BBScore.Tests.Support;

namespace BBScore.Tests.Tvsd;

/// <summary>Stimuli and assemblies read from the fetched fixture, against the generator's numpy values.</summary>
public sealed class TvsdDataTests(TvsdDataFixture data) : IClassFixture<TvsdDataFixture>
{
    static JsonNode Expected => TvsdFixture.Expected;

    static string[] Strings(JsonNode node) => node.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    static IReadOnlyList<int[]> Permutations() =>
        Expected["permutations"]!.AsArray().Select(p => p!.AsArray().Select(v => v!.GetValue<int>()).ToArray()).ToArray();

    [Fact]
    public void Stimulus_paths_come_from_the_mat_in_order_with_separators_normalised()
    {
        var train = TvsdStimulusSet.Load(data.StimulusDir, train: true);
        var test = TvsdStimulusSet.Load(data.StimulusDir, train: false);
        Assert.Equal("TVSDStimulusTrainSet", train.Name);
        Assert.Equal("TVSDStimulusTestSet", test.Name);
        Assert.Equal(Strings(Expected["train_paths"]!), train.Ids);
        Assert.Equal(Strings(Expected["test_paths"]!), test.Ids);
        Assert.Contains(Strings(Expected["stored_paths"]!), p => p.StartsWith('\\')); // the fixture does exercise backslashes
        Assert.Equal((10, 4), (train.Count, test.Count));
        Assert.Null(train.Labels);
        Assert.Equal(Path.Combine(data.StimulusDir, "images", "abacus", "abacus_01b.jpg"), train.PathOf(2));

        int size = Expected["image_size"]!.GetValue<int>();
        var first = test.LoadImage(0);
        Assert.Equal((size, size), (first.Width, first.Height));
        Assert.Equal(Expected["first_test_image_bytes"]!.AsArray().Select(v => (byte)v!.GetValue<int>()), first.Pixels);
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal(size, train.LoadImage(i).Width));

        Assert.Equal(train.ContentHash, TvsdStimulusSet.Load(data.StimulusDir, train: true).ContentHash);
        Assert.NotEqual(train.ContentHash, test.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", train.ContentHash);
    }

    [Fact]
    public void Stimuli_under_a_nested_images_folder_are_found_and_a_missing_image_is_named()
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(data.StimulusDir, TvsdFiles.ImageListFile), Path.Combine(dir.Path, TvsdFiles.ImageListFile));
        CopyTree(Path.Combine(data.StimulusDir, "images"), Path.Combine(dir.Path, "images", "images"));
        File.Move(Path.Combine(dir.Path, "images", "images", ArchiveExtractor.MarkerName), Path.Combine(dir.Path, "images", ArchiveExtractor.MarkerName));
        var nested = TvsdStimulusSet.Load(dir.Path, train: true);
        Assert.Equal(Path.Combine(dir.Path, "images", "images", "aardvark", "aardvark_01b.jpg"), nested.PathOf(0));
        // same archive (marker), same files: the hash does not depend on where the folder is
        Assert.Equal(TvsdStimulusSet.Load(data.StimulusDir, train: true).ContentHash, nested.ContentHash);

        File.Delete(Path.Combine(dir.Path, "images", "images", "acorn", "acorn_02s.jpg"));
        var e = Assert.Throws<FileNotFoundException>(() => TvsdStimulusSet.Load(dir.Path, train: true));
        Assert.Contains("acorn_02s.jpg", e.Message);
        Assert.Contains("incomplete", e.Message);
        Assert.Contains("Delete the folder", e.Message);
    }

    public static TheoryData<int> Combos => new(Enumerable.Range(0, 7));

    [Theory]
    [MemberData(nameof(Combos))]
    public void Assembly_matches_the_generator(int index)
    {
        var combo = Expected["combos"]![index]!;
        var monkeys = Strings(combo["monkeys"]!).Select(Enum.Parse<TvsdMonkey>).ToArray();
        var area = Enum.Parse<TvsdArea>(combo["area"]!.GetValue<string>());
        var bins = Enum.Parse<TvsdBins>(combo["bins"]!.GetValue<string>());
        var split = TvsdAssembly.Load(data.AssemblyDir, monkeys, area, bins, permutations: Permutations());
        var ova = TvsdAssembly.Load(data.AssemblyDir, monkeys, area, bins, method: TvsdCeilingMethod.OneVsAll);

        int[] trainShape = combo["train_shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        int[] testShape = combo["test_shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        Assert.Equal(trainShape, new[] { split.Train.GetLength(0), split.Train.GetLength(1) });
        Assert.Equal(testShape, new[] { split.Test.GetLength(0), split.Test.GetLength(1) });
        Assert.Equal(trainShape[1], split.Ceiling.Length);
        Assert.Equal(trainShape[1], split.TargetCount);
        int units = monkeys.Sum(m => TvsdChannels.Range(m, area).Count);
        if (bins == TvsdBins.TenMs) Assert.Equal([units, 18], split.UnitShape!);
        else Assert.Null(split.UnitShape);
        Assert.Equal(monkeys.Select(m => TvsdChannels.Range(m, area).Count * (bins == TvsdBins.TenMs ? 18 : 1)), split.UnitsPerMonkey!);

        CheckSamples(combo["train"]!, i => split.Train[i / trainShape[1], i % trainShape[1]], 1e-12);
        CheckSamples(combo["test"]!, i => split.Test[i / testShape[1], i % testShape[1]], 1e-12);
        CheckSamples(combo["split_half"]!, i => split.Ceiling[i], 1e-10);
        CheckSamples(combo["one_vs_all"]!, i => ova.Ceiling[i], 1e-10);
        Assert.NotNull(split.Notes);
    }

    static void CheckSamples(JsonNode samples, Func<int, double> actual, double tolerance)
    {
        foreach (var s in samples.AsArray())
        {
            int i = s![0]!.GetValue<int>();
            double expected = s[1]!.GetValue<double>();
            Assert.True(Math.Abs(expected - actual(i)) <= tolerance, $"index {i}: expected {expected}, got {actual(i)}");
        }
    }

    [Theory]
    [InlineData(TvsdArea.V1)]
    [InlineData(TvsdArea.V4)]
    [InlineData(TvsdArea.IT)]
    [InlineData(TvsdArea.Full)]
    public void Every_area_selects_its_channels_for_one_monkey_and_both(TvsdArea area)
    {
        var f = TvsdAssembly.Load(data.AssemblyDir, [TvsdMonkey.F], area, TvsdBins.Default);
        var n = TvsdAssembly.Load(data.AssemblyDir, [TvsdMonkey.N], area, TvsdBins.Default);
        var both = TvsdAssembly.Load(data.AssemblyDir, TvsdMonkeys.Both, area, TvsdBins.Default);
        var full = TvsdAssembly.Load(data.AssemblyDir, [TvsdMonkey.F], TvsdArea.Full, TvsdBins.Default);
        int cf = TvsdChannels.Range(TvsdMonkey.F, area).Count, cn = TvsdChannels.Range(TvsdMonkey.N, area).Count;
        int start = TvsdChannels.Range(TvsdMonkey.F, area).Start;
        Assert.Equal(cf + cn, both.TargetCount);
        for (int i = 0; i < 10; i++)
        {
            for (int u = 0; u < cf; u++)
            {
                Assert.Equal(f.Train[i, u], both.Train[i, u]);
                Assert.Equal(full.Train[i, start + u], f.Train[i, u]);
            }
            for (int u = 0; u < cn; u++) Assert.Equal(n.Train[i, u], both.Train[i, cf + u]);
        }
        Assert.Equal(f.Ceiling.Concat(n.Ceiling), both.Ceiling);
        // monkey order is the caller's
        var reversed = TvsdAssembly.Load(data.AssemblyDir, [TvsdMonkey.N, TvsdMonkey.F], area, TvsdBins.Default);
        Assert.Equal(n.Ceiling.Concat(f.Ceiling), reversed.Ceiling);
    }

    [Fact]
    public void Ten_ms_targets_are_unit_major_over_the_18_bins()
    {
        var ten = TvsdAssembly.Load(data.AssemblyDir, [TvsdMonkey.N], TvsdArea.IT, TvsdBins.TenMs);
        Assert.Equal([256, 18], ten.UnitShape!);
        Assert.Equal(256 * 18, ten.TargetCount);
        // bin 25 of unit u is column u*18; the files of a bin differ from one another
        Assert.NotEqual(ten.Train[0, 0], ten.Train[0, 1]);
        Assert.Equal(256 * 18, ten.Ceiling.Length);
    }

    [Fact]
    public void Seeded_split_half_is_deterministic()
    {
        var a = TvsdAssembly.Load(data.AssemblyDir, TvsdMonkeys.Both, TvsdArea.V4, TvsdBins.Default, seed: 42);
        var b = TvsdAssembly.Load(data.AssemblyDir, TvsdMonkeys.Both, TvsdArea.V4, TvsdBins.Default, seed: 42);
        Assert.Equal(a.Ceiling, b.Ceiling);
        var explicitPerms = TvsdAssembly.Load(data.AssemblyDir, TvsdMonkeys.Both, TvsdArea.V4, TvsdBins.Default,
                                              permutations: TvsdCeiling.Permutations(3, 50, 42));
        Assert.Equal(a.Ceiling, explicitPerms.Ceiling);
        Assert.Contains(a.Notes!, n => n.Contains("seeded 42", StringComparison.Ordinal));
        Assert.All(a.Ceiling, c => Assert.True(double.IsFinite(c)));
    }

    [Fact]
    public void Layout_without_the_top_level_folder_is_found_and_a_missing_file_lists_what_is_there()
    {
        using var dir = new TempDir();
        string extracted = Path.Combine(dir.Path, "defaultBins");
        // the zip's content without its own defaultBins/ folder
        CopyTree(Path.Combine(data.AssemblyDir, "defaultBins", "defaultBins"), extracted);
        var flat = TvsdAssembly.Load(dir.Path, TvsdMonkeys.Both, TvsdArea.IT, TvsdBins.Default);
        var nested = TvsdAssembly.Load(data.AssemblyDir, TvsdMonkeys.Both, TvsdArea.IT, TvsdBins.Default);
        Assert.Equal(nested.Train, flat.Train);
        Assert.Equal(nested.Ceiling, flat.Ceiling);

        File.Delete(Path.Combine(extracted, "monkeyN", "THINGS_normMUA.mat"));
        var e = Assert.Throws<FileNotFoundException>(() => TvsdAssembly.Load(dir.Path, TvsdMonkeys.Both, TvsdArea.IT, TvsdBins.Default));
        Assert.Contains("monkeyN/THINGS_normMUA.mat", e.Message);
        Assert.Contains("monkeyF/THINGS_normMUA.mat", e.Message); // what was found
        Assert.Contains("extraction marker", e.Message);

        var missing = Assert.Throws<DirectoryNotFoundException>(() => TvsdAssembly.Load(dir.Path, [TvsdMonkey.F], TvsdArea.IT, TvsdBins.TenMs));
        Assert.Contains("10msBins", missing.Message);
    }

    [Fact]
    public void Extraction_markers_exist_after_the_fetch()
    {
        Assert.True(ArchiveExtractor.IsExtracted(Path.Combine(data.StimulusDir, "images")));
        Assert.True(ArchiveExtractor.IsExtracted(Path.Combine(data.AssemblyDir, "defaultBins")));
        Assert.True(ArchiveExtractor.IsExtracted(Path.Combine(data.AssemblyDir, "10msBins")));
    }

    static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
