namespace BBScore.Datasets.Tvsd;

/// <summary>How the per-unit noise ceiling is computed from <c>test_MUA_reps</c> (the original's
/// <c>mapping_procedure</c>): split-half (default) or one-vs-all consistency.</summary>
public enum TvsdCeilingMethod { SplitHalf, OneVsAll }
