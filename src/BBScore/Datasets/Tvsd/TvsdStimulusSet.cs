using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BBScore.Data;
using BBScore.Data.Archives;
using BBScore.Formats.Matlab;
using BBScore.Stimuli;

namespace BBScore.Datasets.Tvsd;

/// <summary>The THINGS images shown in TVSD, in the order of the recordings' rows: the train or test
/// list of <c>things_imgs_monkeyF.mat</c> (<c>metadata.train_imgs.things_path</c> /
/// <c>metadata.test_imgs.things_path</c>), resolved under the unpacked <c>images.zip</c>. Ids are the
/// THINGS paths ('/'-separated, no leading separator).</summary>
public sealed class TvsdStimulusSet : IStimulusSet
{
    readonly string[] _paths;

    TvsdStimulusSet(string name, IReadOnlyList<string> ids, string[] paths, string contentHash)
    {
        Name = name;
        Ids = ids;
        _paths = paths;
        ContentHash = contentHash;
    }

    public string Name { get; }
    public int Count => _paths.Length;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    /// <summary>The file behind stimulus <paramref name="index"/>.</summary>
    public string PathOf(int index) => _paths[index];

    public RgbImage LoadImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return ImageFileDecoder.Decode(_paths[index]);
    }

    /// <summary>The train (<paramref name="train"/>) or test images of the stimulus dataset folder
    /// (<see cref="TvsdFiles.EnsureStimuli"/>).</summary>
    public static TvsdStimulusSet Load(string stimulusDatasetDir, bool train)
    {
        string matPath = Path.Combine(stimulusDatasetDir, TvsdFiles.ImageListFile);
        var ids = ReadThingsPaths(matPath, train);
        if (ids.Count == 0) throw new InvalidDataException($"{matPath}: the {(train ? "train" : "test")} image list is empty.");
        string extraction = Path.Combine(stimulusDatasetDir, TvsdFiles.ImagesFolder);
        string root = ImageRoot(extraction, ids[0]);
        var paths = new string[ids.Count];
        var lengths = new long[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            var info = new FileInfo(Path.Combine(root, ids[i]));
            if (!info.Exists) throw Incomplete(extraction, info.FullName);
            paths[i] = info.FullName;
            lengths[i] = info.Length;
        }
        string name = train ? "TVSDStimulusTrainSet" : "TVSDStimulusTestSet";
        return new TvsdStimulusSet(name, ids, paths, Hash(name, ids, lengths, extraction));
    }

    /// <summary>The things_path list, '/'-separated without a leading separator (the original turns
    /// backslashes into '/' and joins onto the images folder). Only the one cell is read: the metadata
    /// struct has other large fields.</summary>
    static IReadOnlyList<string> ReadThingsPaths(string matPath, bool train)
    {
        if (!File.Exists(matPath))
            throw new FileNotFoundException($"TVSD image list {matPath} is missing: fetch the TVSD stimuli first (e.g. `bbscore download`).", matPath);
        // A list that does not parse is a damaged download: moved aside and fetched again next run.
        return DamagedDataFile.Read(matPath, () => ReadThingsPathsFrom(matPath, train));
    }

    static IReadOnlyList<string> ReadThingsPathsFrom(string matPath, bool train)
    {
        using var mat = Mat73File.Open(matPath);
        string variable = $"metadata/{(train ? "train_imgs" : "test_imgs")}/things_path";
        var value = mat.Read(variable);
        if (value is not MatCell cell)
            throw new InvalidDataException($"{matPath}: {variable} is a MATLAB {value.Class.MatlabName()}, expected a cell of char.");
        try
        {
            return cell.ToStrings().Select(p => p.Replace('\\', '/').TrimStart('/')).ToArray();
        }
        catch (InvalidCastException ex)
        {
            throw new InvalidDataException($"{matPath}: {variable}: {ex.Message}", ex);
        }
    }

    /// <summary>The folder the THINGS paths are relative to: the extraction folder itself, or an
    /// <c>images/</c> folder inside it when the zip has one at the top (the layout is not documented).
    /// Probed with the first path only, so loading stays one stat per image.</summary>
    static string ImageRoot(string extraction, string firstPath)
    {
        string nested = Path.Combine(extraction, TvsdFiles.ImagesFolder);
        if (File.Exists(Path.Combine(extraction, firstPath))) return extraction;
        if (File.Exists(Path.Combine(nested, firstPath))) return nested;
        throw Incomplete(extraction, Path.Combine(extraction, firstPath));
    }

    static FileNotFoundException Incomplete(string extraction, string missing) => new(
        $"TVSD image {missing} is missing, so the images.zip extraction in {extraction} looks incomplete " +
        $"(or the image list does not match the archive). Delete the folder {extraction}; the next run (or `bbscore download`) " +
        "extracts images.zip again (and downloads it if it was removed).", missing);

    /// <summary>Hashing 22k image files' bytes would mean reading gigabytes on every load; instead the hash
    /// covers what identifies them: the ordered paths, each file's length, the extraction marker (it holds
    /// images.zip's size and sha256, so a different archive changes the hash) and the decoder.</summary>
    static string Hash(string name, IReadOnlyList<string> ids, long[] lengths, string extraction)
    {
        string marker = Path.Combine(extraction, ArchiveExtractor.MarkerName);
        string markerText = File.Exists(marker) ? File.ReadAllText(marker) : "(no extraction marker)";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"tvsd stimuli v1\n{name}\ndecoder={ImageFileDecoder.Description}\narchive={markerText.Trim()}\ncount={ids.Count}\n");
        for (int i = 0; i < ids.Count; i++) text.Append(ids[i]).Append('\t').Append(lengths[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
