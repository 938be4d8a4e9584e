using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BBScore.Models.Onnx;

/// <summary>SHA-256 of a model's weight files, computed once per process and file version (path, size,
/// modification time): it goes into every feature-cache key, and hashing a large file takes a while.</summary>
public static class ModelFileHash
{
    static readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), string> Cache = new();

    /// <summary>Lower-case hex SHA-256 of one file; for several files (the graph file first, then its
    /// external-data files) the SHA-256 of their SHA-256 digests in that order.</summary>
    public static string Sha256(IReadOnlyList<string> files)
    {
        if (files.Count == 1) return Sha256(files[0]);
        using var combined = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files) combined.AppendData(Convert.FromHexString(Sha256(file)));
        return Convert.ToHexStringLower(combined.GetHashAndReset());
    }

    public static string Sha256(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists) throw new FileNotFoundException($"Model file not found: {file}", file);
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        return Cache.GetOrAdd(key, _ =>
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
