namespace BBScore.Numerics.CrossValidation;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny generator whose sequence for a seed is fixed by
/// this code, not by the runtime. Used for fold shuffles because <see cref="Random"/>'s seeded
/// sequence is not guaranteed to stay the same across .NET versions, and a stored result must be
/// reproducible from its seed. It does not reproduce NumPy's <c>RandomState</c>, so fold membership
/// differs from scikit-learn's even with the same seed (fold sizes do not).
/// </summary>
public sealed class SeededRandom
{
    ulong _state;

    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>); draws past the last whole multiple of the
    /// bound are rejected so no value is favoured.</summary>
    public int NextBelow(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound must be positive.");
        ulong b = (ulong)bound;
        ulong limit = ulong.MaxValue - ulong.MaxValue % b;
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return (int)(draw % b);
    }

    /// <summary>Fisher–Yates shuffle in place, from the last element down (as NumPy's shuffle walks).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
