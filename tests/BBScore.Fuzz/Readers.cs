using BBScore.Formats.Hdf5;
using BBScore.Stimuli.Video;
using BBScore.Data.Archives;
using BBScore.Formats;
using BBScore.Formats.FreeSurfer;
using BBScore.Formats.Matlab;
using BBScore.Formats.Nifti;
using BBScore.Formats.Pickles;
using BBScore.Formats.Praat;
using BBScore.Formats.Safetensors;
using BBScore.Metrics;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using BBScore.Tests.Models.TorchSharp;
using TorchSharp;

namespace BBScore.Fuzz;

/// <summary>A fuzzed reader: <see cref="Read"/> gets the input both as bytes and as a file at
/// <c>path</c> (with <see cref="Extension"/>), and calls the product's entry point for that format the
/// way the product does, reading everything the file holds.</summary>
public sealed record Reader(string Name, string Extension, string Description, Action<byte[], string> Read);

public static class Readers
{
    public static readonly IReadOnlyList<Reader> All =
    [
        new("pickle", ".pkl", "NumpyPickle.Loads: numpy arrays/scalars, pandas DataFrames, builtins", (bytes, path) => Walk(NumpyPickle.Loads(bytes, path))),
        new("nsd-pickle", ".pkl", "NumpyPickle.Load + NsdVoxelMetadata.Ncsnr/Labels, as NsdSubjectData reads a subject", (_, path) => ReadNsd(path)),
        new("npy", ".npy", "NpyFile.ReadFloat32 and ReadFloat64", (_, path) => { NpyFile.ReadFloat32(path); NpyFile.ReadFloat64(path); }),
        new("npz", ".npz", "NpzFile.ReadAll", (_, path) => NpzFile.ReadAll(path)),
        new("mat5", ".mat", "MatFile.Open + Read of every variable (level 5 seeds)", (_, path) => ReadMat(path)),
        new("mat73", ".mat", "MatFile.Open + Read and ReadNumericAsStored of every variable (v7.3 = HDF5 via PureHDF seeds)", (_, path) => ReadMat(path)),
        new("zip", ".zip", "ArchiveExtractor.Extract of a .zip (System.IO.Compression)", (_, path) => Extract(path, null)),
        new("zip-password", ".zip", "ArchiveExtractor.Extract of a .zip with a password (SharpZipLib)", (_, path) => Extract(path, Seeds.ZipPassword)),
        new("tar", ".tar", "ArchiveExtractor.Extract of a .tar", (_, path) => Extract(path, null)),
        new("tgz", ".tar.gz", "ArchiveExtractor.Extract of a .tar.gz", (_, path) => Extract(path, null)),
        new("image", ".img", "ImageFileDecoder.Decode (libturbojpeg for JPEG when installed, else SkiaSharp)", (bytes, path) => Recycle(ImageFileDecoder.Decode(bytes, path))),
        new("image-skia", ".img", "ImageFileDecoder.DecodeWithSkia (PNG, JPEG, BMP, GIF, WebP)", (bytes, path) => Recycle(ImageFileDecoder.DecodeWithSkia(bytes, path))),
        new("jpeg-turbo", ".jpg", "TurboJpegDecoder.TryDecode (libturbojpeg; a no-op without it)", (bytes, _) => { if (TurboJpegDecoder.TryDecode(bytes) is { } image) image.Recycle(); }),
        new("ppm-frames", ".ppm", "PpmFrameReader.ReadAll (ffmpeg's image2pipe PPM frames of a clip)", (bytes, path) =>
        {
            foreach (var frame in PpmFrameReader.ReadAll(new MemoryStream(bytes), path)) frame.Recycle();
        }),
        new("wav", ".wav", "WavFileDecoder.Decode", (bytes, path) => WavFileDecoder.Decode(bytes, path)),
        new("csv", ".csv", "CsvFile.Read", (_, path) => CsvFile.Read(path)),
        new("target-rdm", ".npy", "TargetRdmFile.Read, with the stimulus count the file's shape implies", (_, path) => ReadTargetRdm(path)),
        new("torch", ".pt", "TorchCheckpoint.LoadInto a TinyNet (the fixtures' network), plain and EMA", (_, path) => ReadTorch(path)),
        new("torch-legacy", ".pt", "TorchCheckpoint.LoadInto a TinyNet, plain and EMA, of files in torch's legacy (pre-1.6, non-zip) format", (_, path) => ReadTorch(path)),
        new("safetensors", ".safetensors", "SafetensorsFile.Open + every tensor read (file dtype, float32), then SafetensorsCheckpoint.LoadInto a Linear+LayerNorm (the fixtures' network, HF key map)", (_, path) => ReadSafetensors(path)),
        new("textgrid", ".TextGrid", "TextGridFile.ReadTier: the word tier, then a missing tier (so every tier is parsed)", (_, path) => ReadTextGrid(path)),
        new("annot", ".annot", "AnnotFile.Read + VertexNames (FreeSurfer .annot, old and version-2 colortables)", (_, path) => AnnotFile.VertexNames(AnnotFile.Read(path))),
        new("label", ".label", "LabelFile.ReadVertices (FreeSurfer ASCII .label)", (_, path) => LabelFile.ReadVertices(path)),
        new("hf5", ".hf5", "Hf5TimeSeries.Read (LeBel2023 preprocessed runs; HDF5 via PureHDF)", (_, path) => Hf5TimeSeries.Read(path)),
        new("nifti", ".nii.gz", "NiftiFile.ReadHeader + Read (NIfTI-1 .nii and .nii.gz, either byte order)", (_, path) => { NiftiFile.ReadHeader(path); NiftiFile.Read(path); }),
    ];

    /// <summary>Readers that must crash, for checking that the harness reports crashes, hangs and
    /// allocation blow-ups to afl-fuzz at all (tools/fuzz.sh selftest); not in <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<Reader> SelfTests =
    [
        // Each parses its input as CSV first: afl-fuzz refuses a target that shows no instrumented code.
        new("selftest-crash", ".csv", "throws IndexOutOfRangeException when the input starts with 'C'", (bytes, path) => { SelfTestParse(bytes, path); if (bytes.Length > 0 && bytes[0] == (byte)'C') throw new IndexOutOfRangeException("selftest"); }),
        new("selftest-hang", ".csv", "loops forever when the input starts with 'H'", (bytes, path) => { SelfTestParse(bytes, path); while (bytes.Length > 0 && bytes[0] == (byte)'H') Thread.Sleep(10); }),
        new("selftest-alloc", ".csv", "allocates 4 GiB when the input starts with 'A'", (bytes, path) => { SelfTestParse(bytes, path); if (bytes.Length > 0 && bytes[0] == (byte)'A') GC.KeepAlive(new byte[4][].Select(_ => new byte[int.MaxValue / 2]).ToArray()); }),
    ];

    static void SelfTestParse(byte[] bytes, string path)
    {
        try { CsvFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), path); }
        catch (InvalidDataException) { }
    }

    public static Reader Get(string name) => All.Concat(SelfTests).FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"unknown reader '{name}'; readers: {string.Join(", ", All.Select(r => r.Name))}");

    /// <summary>BBSCORE_FUZZ_STRICT=1: only InvalidDataException is a refusal.</summary>
    static readonly bool Strict = Environment.GetEnvironmentVariable("BBSCORE_FUZZ_STRICT") == "1";

    /// <summary>True when <paramref name="e"/> is the reader refusing its input as documented: an
    /// <see cref="InvalidDataException"/>, or (unless strict) one of the few refusals of another type that
    /// the product documents and turns into a user-facing error:
    /// target-rdm: <see cref="ArgumentException"/> itself (NpyInput and TargetRdmFile: bad input named by a
    /// CLI option, exit code 2); nsd-pickle: <see cref="KeyNotFoundException"/> thrown by NsdVoxelMetadata
    /// (no such hemisphere or column); mat5/mat73: <see cref="NotSupportedException"/> thrown by the MAT
    /// reader itself (a MATLAB class it does not read, or plain HDF5 without the MAT header).</summary>
    public static bool IsRefusal(Reader reader, Exception e)
    {
        if (e is InvalidDataException) return true;
        if (Strict) return false;
        string? thrower = e.TargetSite?.DeclaringType?.FullName;
        return reader.Name switch
        {
            "target-rdm" => e.GetType() == typeof(ArgumentException),
            "nsd-pickle" => e is KeyNotFoundException && thrower == typeof(NsdVoxelMetadata).FullName,
            "mat5" or "mat73" => e.GetType() == typeof(NotSupportedException) && thrower is not null
                && thrower.StartsWith(typeof(MatFile).Namespace + ".", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Touches every node of a decoded pickle once (iteratively: the tree may be deep; and memo references
    /// make it a graph, whose paths can be exponentially many or, through a container holding itself, endless).</summary>
    static void Walk(PickleValue root)
    {
        var pending = new Stack<PickleValue>();
        var seen = new HashSet<PickleValue>(ReferenceEqualityComparer.Instance);
        pending.Push(root);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (!seen.Add(value)) continue;
            _ = value.Describe();
            switch (value)
            {
                case PickleDict d:
                    foreach (var (k, v) in d.Entries) { pending.Push(k); pending.Push(v); }
                    break;
                case PickleList l:
                    foreach (var item in l.Items) pending.Push(item);
                    break;
                case PandasDataFrame f:
                    foreach (var c in f.ColumnValues) pending.Push(c);
                    foreach (var c in f.ColumnLabels) pending.Push(c);
                    break;
                case NdArray { Data: PickleValue[] items }:
                    foreach (var item in items) pending.Push(item);
                    break;
            }
        }
    }

    static void ReadNsd(string path)
    {
        var root = NumpyPickle.Load(path);
        foreach (string hemi in new[] { "lh", "rh" })
        {
            NsdVoxelMetadata.Ncsnr(root, hemi);
            foreach (string kind in new[] { "nsdgeneral", "prf-visualrois", "streams" }) NsdVoxelMetadata.Labels(root, hemi, kind);
        }
    }

    /// <summary>The word tier as LeBel2023 reads it; then a tier no file has, which makes the parser read
    /// every tier to the end (and always ends in the refusal that lists them).</summary>
    static void ReadTextGrid(string path)
    {
        try { TextGridFile.ReadTier(path); }
        catch (InvalidDataException) { }
        TextGridFile.ReadTier(path, "\u0001 no such tier");
    }

    static void ReadMat(string path)
    {
        using var mat = MatFile.Open(path);
        foreach (string name in mat.VariableNames)
        {
            // TVSD reads its numeric variables a second way, without the transposition.
            if (mat.Read(name) is MatNumeric && mat is Mat73File v73) v73.ReadNumericAsStored(name);
        }
    }

    static void Extract(string path, string? password)
    {
        string target = Path.Combine(Harness.ScratchDir, "extracted");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        try
        {
            ArchiveExtractor.Extract(path, target, password);
        }
        finally
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            string temp = target + ".extracting";
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    static void Recycle(RgbImage image) => image.Recycle();

    /// <summary>The stimulus count that fits the file's shape (the CLI takes it from --features), so the
    /// reader gets past the count check; a shape that fits no count gets 4 and is refused.</summary>
    static void ReadTargetRdm(string path)
    {
        int n = 4;
        try
        {
            using var stream = File.OpenRead(path);
            var shape = NpyFile.ReadHeader(stream, path).Shape;
            if (shape.Length >= 2) n = shape[^1];
            else if (shape.Length == 1)
            {
                // n(n-1)/2 = length
                long length = shape[0];
                long root = (long)Math.Round((1 + Math.Sqrt(1 + 8.0 * length)) / 2);
                if (root * (root - 1) / 2 == length && root <= int.MaxValue) n = (int)root;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or OverflowException)
        {
            // The header itself is the reader's to judge, below.
        }
        TargetRdmFile.Read(path, Math.Clamp(n, 3, 100_000), "fuzz");
    }

    static TinyNet? _network;

    static TorchSharp.torch.nn.Module? _sequential;

    /// <summary>The key map of the fixtures' Hugging Face-style file (tests/fixtures/generate_safetensors_fixtures.py).
    /// Built on first use, not in the static constructor: instrumented BBScore code that runs before SharpFuzz has set
    /// up its coverage map writes through a null pointer, and the fork server dies before the first input.</summary>
    static StateDictKeyMap? _hfMap;

    static StateDictKeyMap HfMap => _hfMap ??= new()
    {
        Rewrites = [KeyRewrite.Prefix("vit.proj.", "0."), KeyRewrite.Pattern(@"^vit\.norm\.(weight|bias)$", "1.$1")],
        Ignored = [@"^pooler\."],
    };

    static void ReadSafetensors(string path)
    {
        using (var file = SafetensorsFile.Open(path))
        {
            foreach (var tensor in file.Tensors)
            {
                using (file.ReadTensor(tensor.Name)) { }
                file.ReadFloat32(tensor.Name);
            }
        }
        _sequential ??= torch.nn.Sequential(("0", torch.nn.Linear(4, 3)), ("1", torch.nn.LayerNorm(3)));
        SafetensorsCheckpoint.LoadInto(_sequential, path, HfMap);
    }

    static void ReadTorch(string path)
    {
        _network ??= new TinyNet();
        // Both paths, whatever the first says: the EMA lookup walks the dict differently.
        try { TorchCheckpoint.LoadInto(_network, path); }
        catch (InvalidDataException) { }
        TorchCheckpoint.LoadInto(_network, path, ema: true);
    }
}
