using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace BBScore.Models.Onnx;

/// <summary>Keeps each edited graph (free batch axis, the requested tensors as outputs) on disk so it is made once,
/// not once per session and process: <c>&lt;model folder&gt;/.bbscore-edited/&lt;sha&gt;.onnx</c>, keyed by the weights
/// hash, the edited inputs and the sorted tensors. Sessions are still built from the bytes in memory with the
/// original external-data folder, so a graph whose weights live in <c>*.onnx_data</c> finds them as before.
/// Best effort: a folder that cannot be written (a read-only install of the built-in model) falls back to
/// editing in memory. Graphs that hold their weights inline are full copies of the model, so graphs larger than
/// <see cref="MaxCachedBytes"/> are not cached and a folder keeps at most <see cref="MaxEntries"/> graphs (the oldest
/// written are dropped): a layer sweep must not fill the disk with one copy per layer set.</summary>
public static class EditedGraphCache
{
    public const string FolderName = ".bbscore-edited";

    /// <summary>Largest edited graph kept on disk (graphs with external data are small: only the structure).</summary>
    public const long MaxCachedBytes = 64L << 20;

    /// <summary>Most edited graphs kept per model folder.</summary>
    public const int MaxEntries = 8;

    // Bump when the edits themselves change, so graphs edited by an older version are not reused.
    const string Version = "edited-graph v1";

    /// <summary>The edited graph for <paramref name="tensors"/>: read from the cache, or made by
    /// <paramref name="serialize"/> and stored.</summary>
    public static byte[] Load(OnnxModelFile file, IReadOnlyList<string> tensors, Func<byte[]> serialize)
    {
        // Models shipped inside the tool's own folder (the built-in resnet18) hold their weights inline and
        // edit in memory in a fraction of a second; copies of them do not belong in the install folder.
        if (IsInsideInstallFolder(file.Path)) return serialize();
        string path = PathFor(file, tensors);
        try
        {
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable cache entry: make the graph in memory instead.
        }
        byte[] bytes = serialize();
        if (bytes.LongLength <= MaxCachedBytes) TryWrite(path, bytes);
        return bytes;
    }

    static bool IsInsideInstallFolder(string modelPath) =>
        Path.GetFullPath(modelPath).StartsWith(Path.GetFullPath(AppContext.BaseDirectory), StringComparison.Ordinal);

    /// <summary>Where the edited graph for these tensors is (or would be) stored.</summary>
    public static string PathFor(OnnxModelFile file, IReadOnlyList<string> tensors)
    {
        var key = new StringBuilder(Version).Append('\n').Append(file.WeightsHash).Append('\n');
        // The inputs carry the batch-axis edit; whether value_info was dropped is part of that edit too.
        using var inputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in file.Model.Graph.Input) inputs.AppendData(input.ToByteArray());
        key.Append(Convert.ToHexStringLower(inputs.GetHashAndReset())).Append('\n').Append(file.Model.Graph.ValueInfo.Count).Append('\n');
        foreach (string tensor in tensors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) key.Append(tensor).Append('\n');
        string name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
        return Path.Combine(Path.GetDirectoryName(file.Path)!, FolderName, name + ".onnx");
    }

    /// <summary>Drops the oldest graphs beyond <see cref="MaxEntries"/>. A graph deleted while another process reads
    /// it only costs that process an edit in memory (<see cref="Load"/> catches the failed read).</summary>
    static void Prune(string folder, string keep)
    {
        var stale = new DirectoryInfo(folder).GetFiles("*.onnx")
            .Where(f => f.FullName != keep)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Skip(MaxEntries - 1);
        foreach (var file in stale) file.Delete();
    }

    static void TryWrite(string path, byte[] bytes)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temp, bytes);
            // Rename last: a concurrent reader sees the whole graph or none (both writers write the same bytes).
            File.Move(temp, path, overwrite: true);
            Prune(Path.GetDirectoryName(path)!, keep: path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
        }
    }
}
