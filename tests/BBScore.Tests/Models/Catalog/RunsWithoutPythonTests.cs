using System.Text.RegularExpressions;
using BBScore.Models;
using BBScore.Models.Catalog;
using Xunit;

namespace BBScore.Tests.Models.Catalog;

/// <summary>How many of the 186 keys run without Python (given network access), counted over the catalogue, and
/// docs/MODELS.md kept true to it: its stated count and its list of the keys that still need an export are the
/// catalogue's, key for key. Each runnable source is checked elsewhere: the C# architectures against PyTorch or an
/// independent numpy forward (VisionTransformerTests, Vjepa2Tests, ConvNeXt and TorchSharp checkpoint tests), hub
/// exports by the ONNX tests.</summary>
public sealed partial class RunsWithoutPythonTests
{
    static string ModelsDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "docs", "MODELS.md");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/MODELS.md not found above the test binaries.");
    }

    [Fact]
    public void The_count_and_the_list_of_keys_needing_an_export_in_the_docs_are_the_catalogue_s()
    {
        var runnable = ModelCards.All.Where(ModelCatalog.RunsWithoutPython).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var remaining = ModelCards.All.Where(c => !runnable.Contains(c.Key)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        string doc = ModelsDoc();

        var stated = RunnableCount().Match(doc);
        Assert.True(stated.Success, "docs/MODELS.md states no '**N of 186 keys run without Python**'.");
        Assert.Equal(runnable.Count, int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        int section = doc.IndexOf("## Keys that still need an export", StringComparison.Ordinal);
        Assert.True(section >= 0, "docs/MODELS.md has no '## Keys that still need an export' section.");
        int end = doc.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        string list = doc[section..(end < 0 ? doc.Length : end)];
        var documented = list.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Split('|')[1])
            .SelectMany(cell => ListedKey().Matches(cell).Select(m => m.Groups[1].Value)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(remaining, documented);
    }

    [GeneratedRegex(@"\*\*(\d+) of 186 keys run without Python\*\*")]
    private static partial Regex RunnableCount();

    /// <summary>A back-quoted key in the first column of the list's table.</summary>
    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex ListedKey();
}
