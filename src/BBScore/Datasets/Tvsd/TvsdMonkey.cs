namespace BBScore.Datasets.Tvsd;

/// <summary>The two TVSD monkeys. The original's default uses both, F first.</summary>
public enum TvsdMonkey { F, N }

public static class TvsdMonkeys
{
    /// <summary>Both monkeys in the original's order (F first: units are concatenated in this order).</summary>
    public static IReadOnlyList<TvsdMonkey> Both { get; } = [TvsdMonkey.F, TvsdMonkey.N];

    /// <summary>The monkey's folder name in the dataset ("monkeyF" / "monkeyN").</summary>
    public static string FolderName(this TvsdMonkey monkey) => monkey switch
    {
        TvsdMonkey.F => "monkeyF",
        TvsdMonkey.N => "monkeyN",
        _ => throw new ArgumentOutOfRangeException(nameof(monkey), monkey, null),
    };
}
