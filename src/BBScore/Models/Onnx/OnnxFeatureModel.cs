using BBScore.Features;
using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BBScore.Models.Onnx;

/// <summary>An image model run by ONNX Runtime whose layers are read as extra graph outputs. One
/// session is built per set of requested layers (the graph edited once for it) and kept for reuse;
/// the input buffer is reused across batches. Not meant for concurrent calls: calls are serialised.</summary>
public sealed class OnnxFeatureModel : IFeatureModel
{
    // Listing shapes of a graph with free height and width needs some image size; 224 is the ImageNet one.
    const int ProbeSizeForFreeInputs = 224;

    readonly OnnxModelFile _file;
    readonly OnnxImageInput _input;
    readonly LayerTable _layers;
    readonly IImagePreprocessor _preprocessor;
    readonly ModelOpenOptions _options;
    readonly OnnxSessionCache _sessions;
    readonly RunOptions _runOptions = new();
    readonly Lock _gate = new();
    float[] _inputBuffer = [];
    IReadOnlyList<LayerInfo>? _listing;

    public OnnxFeatureModel(ModelIdentity identity, OnnxModelFile file, OnnxImageInput input, BatchMode batchMode,
        LayerTable layers, IImagePreprocessor preprocessor, ModelOpenOptions options)
    {
        Identity = identity;
        _file = file;
        _input = input;
        BatchMode = batchMode;
        _layers = layers;
        _preprocessor = preprocessor;
        _options = options;
        _sessions = new OnnxSessionCache(CreateSession);
    }

    public ModelIdentity Identity { get; }

    public BatchMode BatchMode { get; }

    public IImagePreprocessor Preprocessor => _preprocessor;

    public string ResolveLayer(string userName) => _layers.Resolve(userName).Name;

    /// <summary>Every module with its output shape for one stimulus, measured by running one grey image
    /// with all module outputs exposed (ONNX Runtime's shapes are the reliable ones). Computed once.</summary>
    public IReadOnlyList<LayerInfo> ListLayers()
    {
        lock (_gate)
        {
            if (_listing != null) return _listing;
            var tensors = _layers.Modules.Select(m => m.Tensor).Distinct(StringComparer.Ordinal).ToList();
            var probe = GreyImage(_input.Height ?? ProbeSizeForFreeInputs, _input.Width ?? ProbeSizeForFreeInputs);
            var shapes = new Dictionary<string, int[]?>(StringComparer.Ordinal);
            if (tensors.Count > 0)
            {
                using var session = CreateSession(tensors);
                using var outputs = RunOnce(session, [probe], tensors);
                for (int i = 0; i < tensors.Count; i++)
                {
                    var info = outputs[i].GetTensorTypeAndShape();
                    shapes[tensors[i]] = info.ElementDataType == TensorElementType.Float && info.Shape.Length > 0
                        ? info.Shape.Skip(1).Select(d => (int)d).ToArray()
                        : null;
                }
            }
            _listing = _layers.Modules.Select(m => new LayerInfo(m.Name, shapes.GetValueOrDefault(m.Tensor), m.Aliases, m.Tensor)).ToList();
            return _listing;
        }
    }

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<RgbImage> batch, IReadOnlyList<string> layers)
    {
        if (batch.Count == 0) throw new ArgumentException("The batch is empty.", nameof(batch));
        if (layers.Count == 0) throw new ArgumentException("No layers requested.", nameof(layers));
        var resolved = layers.Select(name => (Name: name, Layer: _layers.Resolve(name))).ToList();
        var tensors = resolved.Select(r => r.Layer.Tensor).Distinct(StringComparer.Ordinal).ToList();

        Dictionary<string, FeatureTensor> byTensor;
        lock (_gate)
        {
            var session = _sessions.Get(tensors);
            byTensor = BatchMode == BatchMode.Batched
                ? ReadOutputs(session, batch, tensors)
                : Concatenate(batch.Select(image => ReadOutputs(session, [image], tensors)).ToList(), tensors);
        }
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (var (name, layer) in resolved) result[name] = byTensor[layer.Tensor];
        return result;
    }

    InferenceSession CreateSession(IReadOnlyList<string> tensors) =>
        OnnxSessionFactory.Create(OnnxGraphEditor.SerializeWithOutputs(_file.Model, tensors), _options, _file.ExternalDataFolder);

    Dictionary<string, FeatureTensor> ReadOutputs(InferenceSession session, IReadOnlyList<RgbImage> images, IReadOnlyList<string> tensors)
    {
        using var outputs = RunOnce(session, images, tensors);
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        for (int i = 0; i < tensors.Count; i++)
        {
            var info = outputs[i].GetTensorTypeAndShape();
            if (info.ElementDataType != TensorElementType.Float)
                throw new NotSupportedException($"Tensor '{tensors[i]}' holds {info.ElementDataType} values; only float32 layers can be features.");
            int[] shape = info.Shape.Select(d => (int)d).ToArray();
            if (shape.Length == 0 || shape[0] != images.Count)
                throw new InvalidOperationException(
                    $"Tensor '{tensors[i]}' has shape [{string.Join(",", shape)}]: its first axis is not the batch of {images.Count} stimuli, so it cannot be read as a layer.");
            result[tensors[i]] = new FeatureTensor(outputs[i].GetTensorDataAsSpan<float>().ToArray(), shape);
        }
        return result;
    }

    IDisposableReadOnlyCollection<OrtValue> RunOnce(InferenceSession session, IReadOnlyList<RgbImage> images, IReadOnlyList<string> tensors)
    {
        var (height, width) = InputSize(images);
        int perImage = 3 * height * width, total = images.Count * perImage;
        if (_inputBuffer.Length < total) _inputBuffer = new float[total];
        float[] buffer = _inputBuffer;
        Parallel.For(0, images.Count, i => _preprocessor.Write(images[i], buffer.AsSpan(i * perImage, perImage)));
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            new Memory<float>(buffer, 0, total), [images.Count, 3, height, width]);
        return session.Run(_runOptions, [_input.Name], [input], tensors);
    }

    (int Height, int Width) InputSize(IReadOnlyList<RgbImage> images)
    {
        var sizes = images.Select(_preprocessor.OutputSize).Distinct().ToList();
        if (sizes.Count > 1)
            throw new InvalidOperationException(
                $"The images of one batch become different sizes ({string.Join(", ", sizes.Select(s => $"{s.Width}x{s.Height}"))}) after preprocessing " +
                $"({_preprocessor.Description}); give the model a fixed-size resize or crop (e.g. size {{height, width}} in {HuggingFacePreprocessorConfig.FileName}).");
        var (height, width) = sizes[0];
        if ((_input.Height is int h && h != height) || (_input.Width is int w && w != width))
            throw new InvalidOperationException(
                $"The model input '{_input.Name}' is {_input.Width}x{_input.Height}, but preprocessing gives {width}x{height} ({_preprocessor.Description}).");
        return (height, width);
    }

    static Dictionary<string, FeatureTensor> Concatenate(IReadOnlyList<Dictionary<string, FeatureTensor>> perImage, IReadOnlyList<string> tensors)
    {
        var result = new Dictionary<string, FeatureTensor>(StringComparer.Ordinal);
        foreach (string tensor in tensors)
        {
            var parts = perImage.Select(p => p[tensor]).ToList();
            int[] rowShape = parts[0].Shape[1..];
            if (parts.Any(p => !p.Shape.AsSpan(1).SequenceEqual(rowShape)))
                throw new InvalidOperationException($"Tensor '{tensor}' has a different shape for different stimuli; it cannot be stacked into one batch.");
            var data = new float[parts.Sum(p => p.Data.Length)];
            int offset = 0;
            foreach (var part in parts)
            {
                part.Data.CopyTo(data, offset);
                offset += part.Data.Length;
            }
            result[tensor] = new FeatureTensor(data, [parts.Count, .. rowShape]);
        }
        return result;
    }

    static RgbImage GreyImage(int height, int width)
    {
        var pixels = new byte[height * width * 3];
        Array.Fill(pixels, (byte)128);
        return new RgbImage(width, height, pixels);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _sessions.Dispose();
            _runOptions.Dispose();
        }
    }
}
