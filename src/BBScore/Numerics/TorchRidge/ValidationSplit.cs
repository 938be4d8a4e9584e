using BBScore.Numerics.CrossValidation;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// The held-out rows the torch solvers choose alpha on: the first <c>int(fraction·N)</c> entries
/// of a random permutation of the rows, the rest for training (the original's
/// <c>torch.randperm(N)[:n_val]</c>). The original's permutation is unseeded; ours comes from
/// <see cref="SeededRandom"/> so a stored score can be reproduced from its seed.
/// </summary>
public sealed class ValidationSplit
{
    ValidationSplit(int[] validation, int[] training)
    {
        Validation = validation;
        Training = training;
    }

    /// <summary>Validation rows, in permutation order.</summary>
    public int[] Validation { get; }

    /// <summary>Training rows, in permutation order.</summary>
    public int[] Training { get; }

    /// <summary>Draws the split from <paramref name="random"/> (one permutation of all rows).
    /// Throws when the fraction leaves no validation row or no training row: the original would
    /// silently pick the first alpha (ridge) or crash (elastic net) there.</summary>
    public static ValidationSplit Draw(int rows, double fraction, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must lie strictly between 0 and 1.");
        int validationCount = (int)(rows * fraction); // Python's int(): truncation
        if (validationCount < 1 || validationCount >= rows)
            throw new ArgumentException(
                $"Choosing alpha holds out {fraction:P0} of the training rows, which for {rows} rows is {validationCount} " +
                $"validation row(s); give at least {(int)Math.Ceiling(1 / fraction)} training rows.");
        var permutation = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(permutation.AsSpan());
        return new ValidationSplit(permutation[..validationCount], permutation[validationCount..]);
    }
}
