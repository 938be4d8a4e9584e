using System.Text.Json;
using System.Text.Json.Nodes;
using BBScore.Formats;

namespace BBScore.Features;

/// <summary>On-disk, content-addressed feature store: <c>&lt;hash&gt;.npy</c> (float32, N×D,
/// readable by numpy) plus a <c>&lt;hash&gt;.json</c> sidecar describing what produced it. The
/// sidecar is written last, so an entry without it (an interrupted run) is a miss and is replaced.</summary>
public sealed class FeatureCache(string directory)
{
    public string Directory { get; } = directory;

    public string DataPath(FeatureCacheKey key) => Path.Combine(Directory, key.Hash + ".npy");
    public string SidecarPath(FeatureCacheKey key) => Path.Combine(Directory, key.Hash + ".json");

    /// <summary>True when a complete entry is stored (both files; not checked for damage).</summary>
    public bool Contains(FeatureCacheKey key) => File.Exists(DataPath(key)) && File.Exists(SidecarPath(key));

    /// <summary>Loads the entry when it is complete and consistent; a damaged entry is deleted
    /// (it will be recomputed) and reported as a miss.</summary>
    public bool TryLoad(FeatureCacheKey key, out FeatureTensor features, out int[] unitShape)
    {
        features = null!;
        unitShape = [];
        string data = DataPath(key), sidecar = SidecarPath(key);
        if (!File.Exists(data) || !File.Exists(sidecar)) return false;
        try
        {
            var meta = JsonNode.Parse(File.ReadAllText(sidecar))!.AsObject();
            int[] shape = meta["shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            unitShape = meta["unit_shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            var (values, fileShape) = NpyFile.ReadFloat32(data);
            if (!fileShape.SequenceEqual(shape)) throw new InvalidDataException("shape differs from sidecar");
            features = new FeatureTensor(values, fileShape);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NullReferenceException or InvalidOperationException or FormatException)
        {
            Invalidate(key);
            return false;
        }
    }

    /// <summary>Checks a complete entry without reading its values: the sidecar parses, the .npy header agrees with it and
    /// the file holds every value (a damaged entry is deleted and reported as a miss). For readers that stream the rows.</summary>
    public bool TryDescribe(FeatureCacheKey key, out int[] shape, out int[] unitShape)
    {
        shape = [];
        unitShape = [];
        string data = DataPath(key), sidecar = SidecarPath(key);
        if (!File.Exists(data) || !File.Exists(sidecar)) return false;
        try
        {
            var meta = JsonNode.Parse(File.ReadAllText(sidecar))!.AsObject();
            shape = meta["shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            unitShape = meta["unit_shape"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            using var reader = NpyRowReader.Open(data); // checks the header and that the file holds every value
            if (!reader.Shape.SequenceEqual(shape)) throw new InvalidDataException("shape differs from sidecar");
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NullReferenceException or InvalidOperationException or FormatException)
        {
            Invalidate(key);
            return false;
        }
    }

    /// <summary>Starts streaming a new entry of shape (rows, rowLength).</summary>
    public Writer BeginWrite(FeatureCacheKey key, int rows, int rowLength, int[] unitShape) => new(this, key, rows, rowLength, unitShape);

    public void Invalidate(FeatureCacheKey key)
    {
        TryDelete(SidecarPath(key));
        TryDelete(DataPath(key));
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* next write replaces it */ }
    }

    /// <summary>Streams rows to the data file; <see cref="Complete"/> renames it into place and then
    /// writes the sidecar. Disposing without completing leaves no entry behind.</summary>
    public sealed class Writer : IDisposable
    {
        readonly FeatureCache _cache;
        readonly FeatureCacheKey _key;
        readonly NpyStreamWriter _npy;
        readonly int[] _shape;
        readonly int[] _unitShape;

        internal Writer(FeatureCache cache, FeatureCacheKey key, int rows, int rowLength, int[] unitShape)
        {
            _cache = cache;
            _key = key;
            _shape = [rows, rowLength];
            _unitShape = unitShape;
            cache.Invalidate(key); // a stale sidecar must never describe the new data
            _npy = new NpyStreamWriter(cache.DataPath(key), _shape);
        }

        public void WriteRows(ReadOnlySpan<float> values) => _npy.WriteRows(values);

        public void Complete()
        {
            _npy.Complete();
            FaultPoints.Reach(FaultPoints.FeatureWrite);
            var meta = new JsonObject
            {
                ["key"] = _key.Hash,
                ["dtype"] = "float32",
                ["shape"] = new JsonArray(_shape.Select(d => (JsonNode)d).ToArray()),
                ["unit_shape"] = new JsonArray(_unitShape.Select(d => (JsonNode)d).ToArray()),
                ["created"] = DateTimeOffset.UtcNow.ToString("O"),
                ["description"] = _key.Description.DeepClone(),
            };
            string sidecar = _cache.SidecarPath(_key);
            File.WriteAllText(sidecar + ".partial", meta.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(sidecar + ".partial", sidecar, overwrite: true);
        }

        public void Dispose() => _npy.Dispose();
    }
}
