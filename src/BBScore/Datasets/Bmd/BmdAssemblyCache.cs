using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BBScore.Formats;

namespace BBScore.Datasets.Bmd;

/// <summary>Built BMD assemblies on disk, so that a run reads a region's few thousand voxels instead of every
/// participant's whole-brain betas. The key is the region, the participants in order, the noise-ceiling threshold and
/// the size and time of every source file: another choice of participants, or a derivative fetched again, is another
/// entry (the original keys on the region alone and serves stale assemblies). An entry is a folder written under a
/// temporary name and renamed when complete, so a cut run leaves nothing that looks complete; an entry that does not
/// read back is deleted and built again.</summary>
public sealed class BmdAssemblyCache(string root)
{
    const string TrainFile = "train.npy", TestFile = "test.npy", CeilingFile = "noise_ceiling_percent.npy", KeyFile = "key.json";

    /// <summary>Where the entries live: <c>&lt;data home&gt;/datasets/BMDAssembly</c>, the original's folder name.</summary>
    public const string FolderName = "BMDAssembly";

    public string Root => root;

    /// <summary>The entry for this choice, built with <paramref name="build"/> when absent or unreadable.</summary>
    /// <param name="sources">The derivative files the assembly is built from (their sizes and times are part of the key).</param>
    /// <param name="warn">Told when an entry was damaged and is being rebuilt.</param>
    public BmdAssemblyData GetOrBuild(string region, IReadOnlyList<string> subjects, IReadOnlyList<string> sources, Func<BmdAssemblyData> build, Action<string>? warn = null)
    {
        var key = Key(region, subjects, sources);
        string folder = EntryFolder(region, key);
        if (Directory.Exists(folder))
        {
            try
            {
                return Read(folder);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
            {
                warn?.Invoke($"The cached BMD assembly in {folder} does not read back ({e.Message}); it is deleted and built again.");
                Directory.Delete(folder, recursive: true);
            }
        }
        var data = build();
        Write(folder, key, data);
        return data;
    }

    /// <summary>The entry's folder: <c>&lt;region&gt;/&lt;first 16 hex digits of the key's SHA-256&gt;</c>.</summary>
    public string EntryFolder(string region, string key) =>
        Path.Combine(root, region, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]);

    public static string Key(string region, IReadOnlyList<string> subjects, IReadOnlyList<string> sources)
    {
        var files = sources.Order(StringComparer.Ordinal).Select(path =>
        {
            var info = new FileInfo(path);
            return $"{Path.GetFileName(path)}:{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["region"] = region,
            ["subjects"] = subjects,
            ["noise_ceiling_threshold"] = BmdAssemblyBuilder.NoiseCeilingThreshold,
            ["sources"] = files.ToArray(),
        });
    }

    static void Write(string folder, string key, BmdAssemblyData data)
    {
        string partial = $"{folder}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(partial);
        try
        {
            WriteMatrix(Path.Combine(partial, TrainFile), data.Train);
            WriteMatrix(Path.Combine(partial, TestFile), data.Test);
            NpyFile.WriteFloat64(Path.Combine(partial, CeilingFile), data.NoiseCeilingPercent, [data.NoiseCeilingPercent.Length]);
            File.WriteAllText(Path.Combine(partial, KeyFile), JsonSerializer.Serialize(new Entry(key, data.VoxelsPerSubject.ToArray())));
            try
            {
                Directory.Move(partial, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another run finished the same entry first; its copy is as good as ours.
                Directory.Delete(partial, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            throw;
        }
    }

    static BmdAssemblyData Read(string folder)
    {
        var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(Path.Combine(folder, KeyFile)))
            ?? throw new InvalidDataException($"{Path.Combine(folder, KeyFile)} is empty.");
        var train = ReadMatrix(Path.Combine(folder, TrainFile));
        var test = ReadMatrix(Path.Combine(folder, TestFile));
        var (ceiling, _) = NpyFile.ReadFloat64(Path.Combine(folder, CeilingFile));
        if (train.GetLength(1) != ceiling.Length || test.GetLength(1) != ceiling.Length || entry.VoxelsPerSubject.Sum() != ceiling.Length)
            throw new InvalidDataException($"the files of {folder} disagree on the number of voxels");
        return new BmdAssemblyData(train, test, ceiling, entry.VoxelsPerSubject);
    }

    sealed record Entry(string Key, int[] VoxelsPerSubject);

    static void WriteMatrix(string path, double[,] matrix) =>
        NpyFile.WriteFloat64(path,
            matrix.Length == 0 ? [] : System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref matrix[0, 0], matrix.Length),
            [matrix.GetLength(0), matrix.GetLength(1)]);

    static double[,] ReadMatrix(string path)
    {
        var (values, shape) = NpyFile.ReadFloat64(path);
        if (shape.Length != 2) throw new InvalidDataException($"{path}: shape ({string.Join(", ", shape)}), expected (clips, voxels)");
        var matrix = new double[shape[0], shape[1]];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
        return matrix;
    }
}
