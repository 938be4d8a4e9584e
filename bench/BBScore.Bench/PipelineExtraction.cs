using System.Diagnostics;
using System.Text.Json;
using BBScore.Datasets.ImageFiles;
using BBScore.Datasets.SineGratings;
using BBScore.Features;
using BBScore.Models;
using BBScore.Progress;
using BBScore.Stimuli;
using SkiaSharp;

namespace BBScore.Bench;

/// <summary>End-to-end extraction into a fresh feature cache, as `bbscore run` does on a cache miss:
/// either the 512 gratings (rendering, preprocessing, forward pass, streaming to disk) or, with
/// <c>--jpeg N</c>, N photo-sized JPEG files (500×375, written once per machine, before the clock starts) that are read,
/// decoded, resized and cropped in the timed path.</summary>
public static class PipelineExtraction
{
    public static int Run(string[] args)
    {
        string modelId = Workloads.Option(args, "--model", "resnet18");
        string layerName = Workloads.Option(args, "--layer", "layer4");
        int batch = int.Parse(Workloads.Option(args, "--batch", "32"));
        int jpegs = int.Parse(Workloads.Option(args, "--jpeg", "0"));
        var scratch = Directory.CreateTempSubdirectory("bbscore-bench-");
        try
        {
            var open = Stopwatch.StartNew();
            using var model = ModelCatalog.Open(modelId, new ModelOpenOptions { IntraOpThreads = int.Parse(Workloads.Option(args, "--threads", "0")) });
            string layer = model.ResolveLayer(layerName);
            double openSeconds = open.Elapsed.TotalSeconds;
            IStimulusSet stimuli = jpegs > 0 ? JpegSet(jpegs) : new SineGratingStimulusSet();
            if (args.Contains("--prepare-only")) return PrepareOnly(model, stimuli, batch, modelId);
            // --warm: build the inference session for this layer before the clock starts (a second run's cost).
            if (args.Contains("--warm")) model.Extract([stimuli.Load(0)], [layer]);
            var before = RuntimeCounters.Read();
            var clock = Stopwatch.StartNew();
            new FeatureExtractor(model, new FeatureCache(Path.Combine(scratch.FullName, "cache")), SilentProgress.Instance).Extract(stimuli, [layer], batch);
            double seconds = clock.Elapsed.TotalSeconds;
            var spent = RuntimeCounters.Read() - before;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                workload = "pipeline_extraction",
                stimuli = jpegs > 0 ? "jpeg 500x375" : "gratings",
                session_built_before = args.Contains("--warm"),
                model = modelId,
                layer = layerName,
                batch_size = batch,
                images = stimuli.Count,
                open_seconds = Math.Round(openSeconds, 3),
                seconds = Math.Round(seconds, 3),
                images_per_second = Math.Round(stimuli.Count / seconds, 2),
                minor_page_faults = spent.MinorPageFaults,
                allocated_mb = Math.Round(spent.AllocatedBytes / 1e6, 1),
                gc_collections = spent.Collections,
                gc_pause_ms = Math.Round(spent.GcPause.TotalMilliseconds, 1),
            }));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
        return 0;
    }

    /// <summary>The input side alone: read, decode, resize, crop and normalise every stimulus into the
    /// model's input tensors, one thread per batch as in extraction, without running the model.</summary>
    static int PrepareOnly(IFeatureModel model, IStimulusSet stimuli, int batch, string modelId)
    {
        var preparing = (IPreparingFeatureModel)model;
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < stimuli.Count; start += batch)
        {
            var stimulusBatch = Enumerable.Range(start, Math.Min(batch, stimuli.Count - start)).Select(stimuli.Load).ToList();
            using var prepared = preparing.Prepare(stimulusBatch);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "prepare_only",
            model = modelId,
            batch_size = batch,
            images = stimuli.Count,
            seconds = Math.Round(seconds, 3),
            images_per_second = Math.Round(stimuli.Count / seconds, 2),
        }));
        return 0;
    }

    /// <summary>Writes <paramref name="count"/> 500×375 JPEGs (quality 90) of smooth colour fields with
    /// noise, so decoding costs what a photo costs.</summary>
    static IStimulusSet JpegSet(int count)
    {
        // The files are the same every time (seed 0), so they are written once per machine and reused:
        // writing them takes longer than extracting them.
        string folder = Path.Combine(Path.GetTempPath(), $"bbscore-bench-jpeg-{count}");
        string complete = Path.Combine(folder, ".complete");
        if (!File.Exists(complete))
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            WriteJpegs(folder, count);
            File.WriteAllText(complete, "");
        }
        return new ImageFileStimulusSet("jpeg-bench", StimulusList.Read(folder).Files);
    }

    static void WriteJpegs(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(0);
        var info = new SKImageInfo(500, 375, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(info);
            var pixels = new byte[info.BytesSize];
            for (int y = 0; y < info.Height; y++)
                for (int x = 0; x < info.Width; x++)
                {
                    int o = (y * info.Width + x) * 4;
                    pixels[o] = (byte)((x + i * 7) % 256 ^ random.Next(32));
                    pixels[o + 1] = (byte)((y * 2 + i) % 256 ^ random.Next(32));
                    pixels[o + 2] = (byte)((x + y + i * 3) % 256 ^ random.Next(32));
                    pixels[o + 3] = 255;
                }
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D5}.jpg"), data.ToArray());
        }
    }
}
