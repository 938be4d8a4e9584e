namespace BBScore.Datasets.LeBel;

/// <summary>Desikan–Killiany region groups of a participant's voxels (spec §2.4, <c>RegionMapper</c>): the hf5 voxel axis
/// is the sorted left-hemisphere cortex vertices, then the sorted right-hemisphere ones, and each voxel takes the aparc
/// name of its vertex. Groups are unions of aparc names; <c>non_language</c> is every named region present that is not a
/// language region. The original warns and carries on when the vertex count differs from the voxel count; here that is
/// an error, because every mask would then point at the wrong voxels.</summary>
public static class LeBelRegions
{
    public static IReadOnlyDictionary<string, string[]> Groups { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["temporal"] = ["superiortemporal", "middletemporal", "inferiortemporal", "bankssts", "transversetemporal", "temporalpole", "fusiform",
                        "entorhinal", "parahippocampal"],
        ["frontal"] = ["parsopercularis", "parstriangularis", "parsorbitalis", "rostralmiddlefrontal", "caudalmiddlefrontal", "superiorfrontal",
                       "lateralorbitofrontal", "medialorbitofrontal", "frontalpole", "precentral", "paracentral"],
        ["parietal"] = ["supramarginal", "inferiorparietal", "superiorparietal", "postcentral", "precuneus"],
        ["occipital"] = ["lateraloccipital", "cuneus", "pericalcarine", "lingual"],
        ["cingulate"] = ["rostralanteriorcingulate", "caudalanteriorcingulate", "posteriorcingulate", "isthmuscingulate"],
        ["insular"] = ["insula"],
        ["language"] = ["superiortemporal", "middletemporal", "parsopercularis", "parstriangularis", "supramarginal", "inferiorparietal", "bankssts",
                        "temporalpole", "fusiform", "transversetemporal"],
        ["auditory"] = ["transversetemporal", "superiortemporal"],
        ["brocas"] = ["parsopercularis", "parstriangularis"],
        ["wernickes"] = ["superiortemporal", "middletemporal", "supramarginal"],
    };

    /// <summary>The masks the TR-level benchmarks report, in their order.</summary>
    public static IReadOnlyList<string> Reported { get; } =
        ["whole_brain", "language", "non_language", "temporal", "frontal", "parietal", "occipital", "auditory", "wernickes", "brocas"];

    /// <summary>One hemisphere's vertex names (<see cref="Formats.FreeSurfer.AnnotFile.VertexNames"/>) and its cortex
    /// vertices (<see cref="Formats.FreeSurfer.LabelFile.ReadVertices"/>), with the files they came from for messages.</summary>
    public sealed record Hemisphere(string?[] VertexNames, int[] CortexVertices, string AnnotPath, string LabelPath);

    /// <summary>The aparc name of each of <paramref name="voxels"/> voxels (null: a vertex no region claims).</summary>
    public static string?[] VoxelNames(Hemisphere left, Hemisphere right, int voxels, string runPath)
    {
        int total = left.CortexVertices.Length + right.CortexVertices.Length;
        if (total != voxels)
            throw new InvalidDataException(
                $"{left.LabelPath} and {right.LabelPath} list {total} cortex vertices, but {runPath} has {voxels} voxels; the FreeSurfer files are " +
                "another participant's (or damaged). Delete them to fetch them again.");
        return [.. Names(left), .. Names(right)];
    }

    static IEnumerable<string?> Names(Hemisphere h)
    {
        foreach (int vertex in h.CortexVertices.Order())
        {
            if (vertex < 0 || vertex >= h.VertexNames.Length)
                throw new InvalidDataException(
                    $"{h.LabelPath}: cortex vertex {vertex} is outside the {h.VertexNames.Length} vertices of {h.AnnotPath}; the two files disagree. Delete them to fetch them again.");
            yield return h.VertexNames[vertex];
        }
    }

    /// <summary>Every reported mask over the voxels (in <see cref="Reported"/> order).</summary>
    public static IReadOnlyDictionary<string, bool[]> Masks(IReadOnlyList<string?> voxelNames)
    {
        var language = Groups["language"].ToHashSet(StringComparer.Ordinal);
        var masks = new Dictionary<string, bool[]>(StringComparer.Ordinal) { ["whole_brain"] = voxelNames.Select(_ => true).ToArray() };
        foreach (string group in Reported.Skip(1))
            masks[group] = group == "non_language"
                ? voxelNames.Select(n => n is not null && !language.Contains(n)).ToArray()
                : voxelNames.Select(n => n is not null && Groups[group].Contains(n, StringComparer.Ordinal)).ToArray();
        return masks;
    }
}
