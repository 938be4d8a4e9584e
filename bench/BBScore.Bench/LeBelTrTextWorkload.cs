using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BBScore.Datasets.LeBel;
using BBScore.Formats.Praat;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Text;
using BBScore.Stimuli;

namespace BBScore.Bench;

/// <summary>LeBel2023 TR-level text extraction: one story of N TRs (6 words each, so 300 TRs are 1,800 words) through
/// the GPT-2-shaped decoder, once as the original extracts it (one forward pass per TR on that TR's text) and once
/// as BBScore.NET does (batches in which TRs that begin another TR's tokens share its causal pass), in one process on
/// the same model; prints both times, the speed-up and the largest feature difference between the two.</summary>
public static class LeBelTrTextWorkload
{
    public const string Help =
        "LeBel2023 TR texts, one pass per TR against shared causal passes: lebel-tr-text [--trs 300] [--depth 12] [--batch 16] " +
        "[--layer transformer.h.11] [--model PATH] [--python /usr/bin/python3] [--threads 0]";

    static readonly string[] Vocabulary =
        ["the", "house", "was", "quiet", "and", "I", "walked", "to", "window", "where", "smoke", "rose", "over", "hills", "we", "had",
         "never", "seen", "anything", "like", "it", "before", "so", "my", "father", "said", "nothing", "for", "a", "long", "time"];

    public static int Run(string[] args)
    {
        int trs = int.Parse(Workloads.Option(args, "--trs", "300"), CultureInfo.InvariantCulture);
        int depth = int.Parse(Workloads.Option(args, "--depth", "12"), CultureInfo.InvariantCulture);
        int batch = int.Parse(Workloads.Option(args, "--batch", "16"), CultureInfo.InvariantCulture);
        int threads = int.Parse(Workloads.Option(args, "--threads", "0"), CultureInfo.InvariantCulture);
        string layer = Workloads.Option(args, "--layer", $"transformer.h.{depth - 1}");
        string path = ExportedGraph.Gpt2.Ensure(Workloads.Option(args, "--model", ExportedGraph.Gpt2.DefaultPath(depth)), depth,
            Workloads.Option(args, "--python", "/usr/bin/python3"));
        using var model = OnnxFileModel.Open(path, new ModelOpenOptions { IntraOpThreads = threads }, InputKind.Text, "gpt2_small");

        // Six words per 2 s TR: word i spans [i/3, i/3 + 0.3) s, so its midpoint falls in TR floor(i / 6).
        var rng = new Random(17);
        var words = Enumerable.Range(0, 6 * trs).Select(i => new TextGridInterval(i / 3.0, i / 3.0 + 0.3, Vocabulary[rng.Next(Vocabulary.Length)])).ToList();
        var set = new LeBelTrTextSet([("story", "/dev/null", words)], "bench");
        var stimuli = Enumerable.Range(0, set.Count).Select(set.Load).ToList();
        int tokens = Gpt2Tokenizer.Instance.Encode(string.Join(' ', words.Select(w => w.Text))).Count;
        int window = LanguageModelConfig.MaxTokens(Path.GetDirectoryName(Path.GetFullPath(path))!) ?? LanguageModelConfig.Gpt2MaxTokens;
        int passes = stimuli.Chunk(batch).Sum(chunk => CausalPrefixSharing.Group(
            chunk.Select(s => TokenizedText.From((TextStimulus)s, Gpt2Tokenizer.Instance, window, TextReadout.LastWordLastToken)).ToList()).Carriers.Count);

        model.Extract([stimuli[0]], [layer]); // warm-up: session and allocator
        var clock = Stopwatch.StartNew();
        var shared = stimuli.Chunk(batch).SelectMany(chunk => Rows(model.Extract(chunk, [layer])[layer])).ToList();
        double sharedSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var perTr = stimuli.Select(s => Rows(model.Extract([s], [layer])[layer]).Single()).ToList();
        double perTrSeconds = clock.Elapsed.TotalSeconds;

        double maxDiff = 0;
        for (int i = 0; i < perTr.Count; i++)
            for (int d = 0; d < perTr[i].Length; d++) maxDiff = Math.Max(maxDiff, Math.Abs(perTr[i][d] - shared[i][d]));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "lebel_tr_text",
            trs = set.Count,
            words = words.Count,
            story_tokens = tokens,
            window,
            depth,
            layer,
            batch_size = batch,
            threads,
            per_tr_passes = set.Count,
            shared_passes = passes,
            per_tr_seconds = Math.Round(perTrSeconds, 2),
            shared_seconds = Math.Round(sharedSeconds, 2),
            speedup = Math.Round(perTrSeconds / sharedSeconds, 2),
            max_abs_difference = maxDiff,
            feature_width = perTr[0].Length,
            // A sanity check that the features are not degenerate (a difference of 0 means something only then).
            feature_mean_abs = Math.Round(perTr.Average(r => r.Average(v => Math.Abs((double)v))), 4),
            distinct_rows = perTr.Select(r => string.Join(',', r.Take(8))).Distinct().Count(),
        }));
        return 0;
    }

    static IEnumerable<float[]> Rows(BBScore.Features.FeatureTensor tensor) =>
        Enumerable.Range(0, tensor.Rows).Select(r => tensor.Data.AsSpan(r * tensor.RowLength, tensor.RowLength).ToArray());
}
