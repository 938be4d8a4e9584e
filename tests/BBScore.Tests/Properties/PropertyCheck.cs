using CsCheck;

namespace BBScore.Tests.Properties;

/// <summary>
/// Runs a CsCheck property over a fixed, seeded sequence of cases, so every run of the suite tests the same
/// inputs (CsCheck's own <c>Sample</c> draws fresh random cases on every run and only fixes the first one with
/// <c>seed:</c>). When a case fails, CsCheck takes over from that case's seed to shrink it to a small
/// counterexample, and the failure message carries a seed string.
/// </summary>
/// <remarks>
/// Reproducing: the message names the seed of the failing case (the shrunk one when shrinking found a smaller
/// case). Set <c>CsCheck_Seed=&lt;seed&gt;</c> and run only that test
/// (<c>dotnet test --filter "FullyQualifiedName~Properties.NameOfTheProperty"</c>): the property then runs that one
/// case. <c>PROPERTIES_ITER_SCALE=10</c> runs ten times the iterations (different, still seeded, cases after the
/// first ones) for a deeper search.
/// </remarks>
internal static class PropertyCheck
{
    /// <summary>Random cases CsCheck tries, after replaying the failing one, in search of a smaller failure.</summary>
    const int ShrinkIterations = 2_000;

    public static void Run<T>(Gen<T> gen, Action<T> property, int iterations, ulong seed, Func<T, string>? print = null)
    {
        string? replay = Environment.GetEnvironmentVariable("CsCheck_Seed");
        if (!string.IsNullOrWhiteSpace(replay))
        {
            gen.Sample(property, seed: replay, iter: 1, threads: 1, print: print);
            return;
        }
        int scale = int.TryParse(Environment.GetEnvironmentVariable("PROPERTIES_ITER_SCALE"), out int s) && s > 0 ? s : 1;
        var pcg = new PCG(1, seed);
        for (long i = 0; i < (long)iterations * scale; i++)
        {
            string caseSeed = pcg.ToString();
            T value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                // Replays caseSeed first, then keeps the smallest failing case it finds, and throws with its seed.
                gen.Sample(property, seed: caseSeed, iter: ShrinkIterations, threads: 1, print: print);
                throw new Xunit.Sdk.XunitException($"Case {i} (seed {caseSeed}) failed but passed when replayed: {e.Message}");
            }
        }
    }

    /// <summary>|actual − expected| ≤ relative × max(|expected|, scale).</summary>
    public static void Close(double expected, double actual, double relative, double scale, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            if (!(double.IsNaN(expected) && double.IsNaN(actual))) throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R}");
            return;
        }
        if (expected == actual) return;
        double tolerance = relative * Math.Max(Math.Abs(expected), scale);
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(actual - expected):E3} > {tolerance:E3})");
    }

    public static void True(bool condition, string message)
    {
        if (!condition) throw new Xunit.Sdk.XunitException(message);
    }
}
