using BBScore.Numerics.Assignment;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>LinearSumAssignment against brute force over every injective matching, for rectangular matrices up to
/// 6 × 6, minimising and maximising, with ties (small integers), real costs and forbidden (infinite) pairs.</summary>
public class LinearSumAssignmentProperties
{
    static readonly Gen<(double[,] Cost, bool Maximize)> Cases =
        from rows in Gen.Int[1, 6]
        from columns in Gen.Int[1, 6]
        from integers in Gen.Bool
        from maximize in Gen.Bool
        from cost in (integers ? Gen.Int[-3, 3].Select(v => (double)v) : Gen.Double[-10, 10]).Array2D[rows, columns]
        from forbidden in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 6]))
        from cells in Gen.Int[0, rows * columns - 1].Array[forbidden]
        select (Forbid(cost, cells, maximize), maximize);

    static double[,] Forbid(double[,] cost, int[] cells, bool maximize)
    {
        var c = (double[,])cost.Clone();
        foreach (int cell in cells) c[cell / c.GetLength(1), cell % c.GetLength(1)] = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        return c;
    }

    /// <summary>The best total over all ways to give each member of the smaller side a distinct partner.</summary>
    static double BruteForce(double[,] cost, bool maximize)
    {
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        bool transpose = rows > columns;
        int small = Math.Min(rows, columns), large = Math.Max(rows, columns);
        double best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        var used = new bool[large];
        void Search(int member, double total)
        {
            if (member == small)
            {
                best = maximize ? Math.Max(best, total) : Math.Min(best, total);
                return;
            }
            for (int partner = 0; partner < large; partner++)
            {
                if (used[partner]) continue;
                used[partner] = true;
                Search(member + 1, total + (transpose ? cost[partner, member] : cost[member, partner]));
                used[partner] = false;
            }
        }
        Search(0, 0);
        return best;
    }

    [Fact]
    public void The_total_equals_the_brute_force_optimum_and_the_matching_is_valid()
    {
        Run(Cases, c =>
        {
            double best = BruteForce(c.Cost, c.Maximize);
            if (!double.IsFinite(best))
            {
                // Every matching uses a forbidden pair.
                Assert.ThrowsAny<Exception>(() => LinearSumAssignment.Solve(c.Cost, c.Maximize));
                return;
            }
            var result = LinearSumAssignment.Solve(c.Cost, c.Maximize);
            int rows = c.Cost.GetLength(0), columns = c.Cost.GetLength(1);
            True(result.Count == Math.Min(rows, columns), $"{result.Count} pairs");
            True(result.Rows.Zip(result.Rows.Skip(1)).All(p => p.First < p.Second), "rows are not strictly ascending");
            True(result.Columns.Distinct().Count() == result.Count, "a column is used twice");
            True(result.Rows.All(r => (uint)r < (uint)rows) && result.Columns.All(col => (uint)col < (uint)columns), "index out of range");
            // Totals of up to 6 terms summed in different orders.
            Close(best, result.Total(c.Cost), 1e-12, 60, $"total ({(c.Maximize ? "max" : "min")})");
        }, iterations: 400, seed: 81);
    }
}
