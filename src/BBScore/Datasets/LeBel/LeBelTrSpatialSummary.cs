using BBScore.Metrics;
using BBScore.Numerics;

namespace BBScore.Datasets.LeBel;

/// <summary>The TR-level ridge's per-TR spatial keys (spec §3.7 step 5, levels 2–4): per story and mask the trace of
/// held-out per-TR spatial r (<c>per_story_tr_traces.&lt;story&gt;.&lt;mask&gt;</c>) and its median
/// (<c>per_story_spatial.&lt;story&gt;.&lt;mask&gt;</c>), and per mask the median over stories at each TR index
/// (<c>global_tr_progression.&lt;mask&gt;</c>); each also <c>_ceiled</c>, divided by the median per-TR spatial ceiling,
/// when the ceiling file has one. A mask with fewer than 2 voxels has no r: its values are NaN where the original
/// writes 0 for the story medians.</summary>
public static class LeBelTrSpatialSummary
{
    public static void Add(ScoreSet scores, IReadOnlyDictionary<string, double[]> perTr, IReadOnlyList<int> groups,
                           IReadOnlyList<string> storyNames, double? trCeiling)
    {
        var stories = groups.Distinct().Order().ToArray();
        var traces = stories.ToDictionary(s => s, s => perTr.ToDictionary(m => m.Key,
            m => LeBelTrData.RowsOf(groups, s).Select(i => m.Value[i]).ToArray(), StringComparer.Ordinal));
        foreach (int s in stories)
            foreach (var (mask, trace) in traces[s])
                AddPair(scores, $"per_story_spatial.{storyNames[s]}.{mask}", ScoreValue.Of(NanStatistics.Median(trace)), trCeiling);
        foreach (int s in stories)
            foreach (var (mask, trace) in traces[s])
                AddPair(scores, $"per_story_tr_traces.{storyNames[s]}.{mask}", ScoreValue.Of(trace), trCeiling);
        int longest = traces.Values.Max(t => t.Values.First().Length);
        foreach (string mask in perTr.Keys)
        {
            var progression = Enumerable.Range(0, longest)
                .Select(t => NanStatistics.Median(stories.Where(s => t < traces[s][mask].Length).Select(s => traces[s][mask][t]).ToArray()))
                .ToArray();
            AddPair(scores, $"global_tr_progression.{mask}", ScoreValue.Of(progression), trCeiling);
        }
    }

    static void AddPair(ScoreSet scores, string key, ScoreValue value, double? trCeiling)
    {
        scores.Add(key, value);
        if (trCeiling is double c)
            scores.Add(key + "_ceiled", new ScoreValue(value.Data.Select(x => x / c).ToArray(), value.Shape));
    }
}
