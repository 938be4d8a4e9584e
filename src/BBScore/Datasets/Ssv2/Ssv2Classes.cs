namespace BBScore.Datasets.Ssv2;

/// <summary>The 40 Something-Something-V2 classes of the pruned set (spec §2.6): original SSV2 ids, remapped to
/// 0..39 in this order.</summary>
public static class Ssv2Classes
{
    public static readonly IReadOnlyList<int> Original =
    [
        0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 13, 14, 15, 16, 22, 23, 31, 33, 38, 39,
        46, 51, 53, 90, 91, 92, 122, 124, 130, 138, 139, 141, 143, 144, 150, 151, 156, 170, 171, 173,
    ];

    public static int Count => Original.Count;

    static readonly Dictionary<int, int> Dense = Original.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);

    /// <summary>The dense class of original id <paramref name="original"/>, or null for classes outside the 40.</summary>
    public static int? ToDense(int original) => Dense.TryGetValue(original, out int dense) ? dense : null;
}
