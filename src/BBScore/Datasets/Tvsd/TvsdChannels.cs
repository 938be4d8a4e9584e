namespace BBScore.Datasets.Tvsd;

/// <summary>Which of a monkey's 1024 channels belong to an area. The arrays were implanted in a
/// different order in the two monkeys, so the same area sits at different columns:
/// monkeyN V1 [0,512), V4 [512,768), IT [768,1024); monkeyF V1 [0,512), IT [512,832), V4 [832,1024).</summary>
public static class TvsdChannels
{
    /// <summary>Channels per monkey (the columns of <c>train_MUA</c>).</summary>
    public const int PerMonkey = 1024;

    /// <summary>The half-open column range <c>[Start, Start+Count)</c> of <paramref name="area"/> in
    /// <paramref name="monkey"/>'s recordings.</summary>
    public static (int Start, int Count) Range(TvsdMonkey monkey, TvsdArea area) => (monkey, area) switch
    {
        (_, TvsdArea.Full) => (0, PerMonkey),
        (_, TvsdArea.V1) => (0, 512),
        (TvsdMonkey.N, TvsdArea.V4) => (512, 256),
        (TvsdMonkey.N, TvsdArea.IT) => (768, 256),
        (TvsdMonkey.F, TvsdArea.IT) => (512, 320),
        (TvsdMonkey.F, TvsdArea.V4) => (832, 192),
        _ => throw new ArgumentOutOfRangeException(nameof(area), $"no channel range for monkey {monkey}, area {area}"),
    };
}
