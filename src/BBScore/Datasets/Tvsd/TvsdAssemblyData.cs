namespace BBScore.Datasets.Tvsd;

/// <summary>A loaded TVSD assembly. <paramref name="Train"/> is (train images, targets) and
/// <paramref name="Test"/> (test images, targets); a target is a unit for default bins, or a (unit, bin)
/// pair flattened unit-major (<c>u*18+b</c>) for 10 ms bins, in which case <paramref name="UnitShape"/>
/// is <c>[units, 18]</c> (null for default bins). <paramref name="Ceiling"/> has one value per target,
/// in the same order, computed from the test repetitions (the original uses it for train and test).
/// <paramref name="UnitsPerMonkey"/>: target columns per monkey, in column order (monkeys are concatenated).</summary>
public sealed record TvsdAssemblyData(double[,] Train, double[,] Test, double[] Ceiling, int[]? UnitShape, IReadOnlyList<string>? Notes = null,
                                      IReadOnlyList<int>? UnitsPerMonkey = null)
{
    public int TargetCount => Train.GetLength(1);
}
