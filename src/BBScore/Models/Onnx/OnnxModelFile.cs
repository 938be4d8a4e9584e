using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>An ONNX graph read from disk, with the files its weights live in (models over 2 GB keep
/// them in external-data files beside the graph, e.g. <c>model.onnx_data</c>).</summary>
public sealed class OnnxModelFile
{
    OnnxModelFile(string path, ModelProto model, IReadOnlyList<string> weightFiles, string? externalDataFolder)
    {
        Path = path;
        Model = model;
        WeightFiles = weightFiles;
        ExternalDataFolder = externalDataFolder;
    }

    public string Path { get; }
    public ModelProto Model { get; }

    /// <summary>The graph file, then each external-data file, as hashed for <see cref="ModelIdentity.WeightsHash"/>.</summary>
    public IReadOnlyList<string> WeightFiles { get; }

    /// <summary>The folder ONNX Runtime must read external data from; null when all weights are inside the graph file.</summary>
    public string? ExternalDataFolder { get; }

    public string WeightsHash => ModelFileHash.Sha256(WeightFiles);

    public static OnnxModelFile Load(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"ONNX model file not found: {fullPath}", fullPath);
        ModelProto model;
        try
        {
            model = OnnxProtoReader.Read(fullPath);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{fullPath}' is not a readable ONNX model: {e.Message}", e);
        }
        string folder = System.IO.Path.GetDirectoryName(fullPath)!;
        var externalFiles = model.Graph.Initializer
            .Where(t => t.DataLocation == TensorProto.Types.DataLocation.External)
            .Select(t => t.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(location => System.IO.Path.Combine(folder, location))
            .ToList();
        return new OnnxModelFile(fullPath, model, [fullPath, .. externalFiles], externalFiles.Count > 0 ? folder : null);
    }
}
