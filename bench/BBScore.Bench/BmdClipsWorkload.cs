using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BBScore.Datasets.Bmd;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Onnx.Feeders;
using BBScore.Pipeline.Preflight;

namespace BBScore.Bench;

/// <summary>BMD-shaped video extraction: N synthetic 3 s clips (<see cref="BmdClipCorpus"/>) through the product's
/// BMD set (ffmpeg decoding, 30 frames at 10 fps). Parts: <c>decode</c> (decoding and sampling alone),
/// <c>resnet18</c> (an image model run frame-wise on all 30 frames) and <c>timesformer</c> (the TimeSformer-shaped
/// graph of bench/reference/make_timesformer_onnx.py run as a clip model on (B, 8, 3, 224, 224), with the
/// <c>timesformer_base</c> card's frame count, rate and normalisation). One JSON line per part; the field names are
/// those of bench/reference/bmd_clips_reference.py, so bench/reference/run_bmd_clips.sh can form ratios.</summary>
public static class BmdClipsWorkload
{
    public const string Help =
        "BMD-shaped clips (ffmpeg decode, 30 frames at 10 fps): bmd-clips [--clips 1102] [--parts decode,resnet18,timesformer] " +
        "[--batch auto|N] [--image-model resnet18] [--image-layer layer4] [--depth 2] [--clip-model PATH] [--clip-layer encoder.layer.1] " +
        "[--repeats 3] [--threads 0] [--device cpu] [--cache DIR] [--python /usr/bin/python3] [--corpus-only]";

    /// <summary>The card whose preprocessing the clip graph is run with, as `--model timesformer_base` would run its export.</summary>
    const string ClipCard = "timesformer_base";

    public static int Run(string[] args)
    {
        int clips = int.Parse(Workloads.Option(args, "--clips", BmdClipCorpus.Clips.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        string? cacheRoot = Workloads.Option(args, "--cache", "") is { Length: > 0 } c ? c : null;
        string root = BmdClipCorpus.Ensure(clips, cacheRoot);
        if (args.Contains("--corpus-only"))
        {
            Console.WriteLine(JsonSerializer.Serialize(new { workload = "bmd_clips_corpus", clips, root }));
            return 0;
        }
        var splits = BmdClipCorpus.Splits(root, clips); // hashes every file: before any clock
        var parts = Workloads.Option(args, "--parts", "decode,resnet18,timesformer").Split(',');
        string batchOption = Workloads.Option(args, "--batch", "auto");
        int? fixedBatch = batchOption == "auto" ? null : int.Parse(batchOption, CultureInfo.InvariantCulture);
        int repeats = int.Parse(Workloads.Option(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var options = new ModelOpenOptions
        {
            IntraOpThreads = int.Parse(Workloads.Option(args, "--threads", "0"), CultureInfo.InvariantCulture),
            Device = Workloads.Option(args, "--device", "cpu"),
            Offline = true,
        };

        // Decoding alone runs at the given batch (else 16 clips, auto's largest for a clip model); a model part's
        // decode_hidden_fraction sets it against decoding at that part's own batch, measured once per batch size.
        var decodes = new Dictionary<int, BmdClipDecoding.Result>();
        Func<int, BmdClipDecoding.Result>? decodeAt = parts.Contains("decode")
            ? batch => decodes.TryGetValue(batch, out var known) ? known : decodes[batch] = BmdClipDecoding.Measure(splits, batch)
            : null;
        if (decodeAt is not null)
        {
            int decodeBatch = fixedBatch ?? AutoBatchSize.Largest;
            Print(Decode(decodeAt(decodeBatch), decodeBatch));
        }
        if (parts.Contains("resnet18"))
        {
            string id = Workloads.Option(args, "--image-model", ResNet18Builtin.Key);
            Print(ModelPart("resnet18", id, () => ModelCatalog.Open(id, options), Workloads.Option(args, "--image-layer", "layer4"),
                splits, fixedBatch, repeats, options, decodeAt));
        }
        if (parts.Contains("timesformer"))
        {
            int depth = int.Parse(Workloads.Option(args, "--depth", "2"), CultureInfo.InvariantCulture);
            string path = ExportedGraph.Timesformer.Ensure(Workloads.Option(args, "--clip-model", ExportedGraph.Timesformer.DefaultPath(depth)), depth,
                Workloads.Option(args, "--python", "/usr/bin/python3"));
            Print(ModelPart("timesformer", $"timesformer-shaped, depth {depth} ({path})",
                () => OnnxFileModel.Open(path, options, InputKind.Video, ClipCard),
                Workloads.Option(args, "--clip-layer", $"encoder.layer.{depth - 1}"), splits, fixedBatch, repeats, options, decodeAt));
        }
        return 0;
    }

    static object Decode(BmdClipDecoding.Result decoded, int batch) => new
    {
        workload = "bmd_clips",
        part = "decode",
        side = "bbscore.net",
        clips = decoded.Clips,
        batch_size = batch,
        frames_per_clip = BmdFrameSampling.Frames,
        decoded_frames_per_clip = BmdClipCorpus.SourceFrames,
        seconds = Math.Round(decoded.Seconds, 3),
        clips_per_second = Math.Round(decoded.Clips / decoded.Seconds, 3),
        frames_per_second = Math.Round(decoded.Clips * BmdFrameSampling.Frames / decoded.Seconds, 2),
        decoded_frames_per_second = Math.Round(decoded.Clips * BmdClipCorpus.SourceFrames / decoded.Seconds, 2),
        cores = Environment.ProcessorCount,
    };

    static object ModelPart(string part, string modelName, Func<IFeatureModel> open, string layerName, IReadOnlyList<BmdStimulusSet> splits,
        int? fixedBatch, int repeats, ModelOpenOptions options, Func<int, BmdClipDecoding.Result>? decodeAt)
    {
        var opening = Stopwatch.StartNew();
        using var model = open();
        string layer = model.ResolveLayer(layerName);
        double openSeconds = opening.Elapsed.TotalSeconds;
        // As `bbscore run` chooses when --batch-size is not given.
        int batch = fixedBatch ?? AutoBatchSize.Choose(model.ListLayers(), [layer], MachineResources.Detect().AvailableMemoryBytes,
            model.OutputsPerClip(BmdFrameSampling.Frames));
        // Frames the model sees per clip: a clip graph's fixed time axis, else every sampled frame (frame-wise).
        int frames = model is OnnxFeatureModel { Feeder: OnnxClipFeeder clip } ? clip.Frames : BmdFrameSampling.Frames;
        var r = BmdClipExtraction.Measure(model, layer, splits, batch, repeats);
        double? decodeRate = decodeAt?.Invoke(batch) is { } decoded ? decoded.Clips / decoded.Seconds : null;
        return new
        {
            workload = "bmd_clips",
            part,
            side = "bbscore.net",
            model = modelName,
            layer = layerName,
            clips = r.Clips,
            batch_size = batch,
            frames_per_clip = frames,
            features_per_clip = r.FeaturesPerClip,
            seconds = Math.Round(r.Seconds, 3),
            clips_per_second = Math.Round(r.Clips / r.Seconds, 3),
            frames_per_second = Math.Round(r.Clips * frames / r.Seconds, 2),
            model_only_clips_per_second = Math.Round(r.ModelOnlyClipsPerSecond, 3),
            decode_clips_per_second = decodeRate is double d ? Math.Round(d, 3) : (double?)null,
            decode_hidden_fraction = decodeRate is double rate ? Math.Round(HiddenFraction(r, rate), 3) : (double?)null,
            open_seconds = Math.Round(openSeconds, 3),
            threads = options.IntraOpThreads == 0 ? Environment.ProcessorCount : options.IntraOpThreads,
            cores = Environment.ProcessorCount,
            device = options.Device,
            peak_rss_mib = r.PeakMiB,
            peak_reset = r.PeakReset,
            allocated_mb = Math.Round(r.Spent.AllocatedBytes / 1e6, 1),
            gc_collections = r.Spent.Collections,
            gc_pause_ms = Math.Round(r.Spent.GcPause.TotalMilliseconds, 1),
        };
    }

    /// <summary>How much of the decode-only time the end-to-end run did not add on top of the model-only time:
    /// 1 when decoding is fully hidden behind inference, 0 when the two run one after the other (can leave [0, 1]
    /// by noise, and end to end also writes the cache).</summary>
    static double HiddenFraction(BmdClipExtraction.Result r, double decodeClipsPerSecond)
    {
        double decode = r.Clips / decodeClipsPerSecond, modelOnly = r.Clips / r.ModelOnlyClipsPerSecond;
        return (decode + modelOnly - r.Seconds) / decode;
    }

    static void Print(object line) => Console.WriteLine(JsonSerializer.Serialize(line));
}
