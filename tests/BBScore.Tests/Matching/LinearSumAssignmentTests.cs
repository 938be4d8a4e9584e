using System.Diagnostics;
using BBScore.Numerics.Assignment;

namespace BBScore.Tests.Matching;

public class LinearSumAssignmentTests
{
    public static TheoryData<string> Cases() => new(MatchingFixture.Cases("lsa"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Total_equals_scipy(string name)
    {
        var fixture = new MatchingFixture("lsa", name);
        var cost = fixture.Matrix("cost");
        bool maximize = fixture.Scalar("maximize") == 1;
        var result = LinearSumAssignment.Solve(cost, maximize);

        Assert.Equal(Math.Min(cost.GetLength(0), cost.GetLength(1)), result.Count);
        Assert.Equal(fixture.Scalar("total"), result.Total(cost), 9);
        Assert.Equal(result.Rows.Order(), result.Rows);
        Assert.Equal(result.Count, result.Rows.Distinct().Count());
        Assert.Equal(result.Count, result.Columns.Distinct().Count());
        if (name != "ties") // random real costs have a unique optimum, so the assignment is SciPy's too
        {
            Assert.Equal(fixture.Indices("rows"), result.Rows);
            Assert.Equal(fixture.Indices("cols"), result.Columns);
        }
    }

    [Theory]
    [InlineData(4, 4, 1)]
    [InlineData(3, 6, 2)]
    [InlineData(6, 3, 3)]
    [InlineData(5, 5, 4)]
    public void Total_equals_brute_force_optimum(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var cost = new double[rows, columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) cost[i, j] = trial % 2 == 0 ? random.Next(0, 5) : random.NextDouble() * 10 - 5;
            Assert.Equal(BruteForceMinimum(cost), LinearSumAssignment.Solve(cost).Total(cost), 9);
        }
    }

    [Fact]
    public void NaN_is_rejected_with_its_position()
    {
        var cost = new double[,] { { 1, 2 }, { double.NaN, 0 } };
        var error = Assert.Throws<ArgumentException>(() => LinearSumAssignment.Solve(cost));
        Assert.Contains("(1, 0)", error.Message);
    }

    [Fact]
    public void Infinite_cost_forbids_a_pair()
    {
        var cost = new double[,] { { 0, double.PositiveInfinity }, { 0, 5 } };
        var result = LinearSumAssignment.Solve(cost);
        Assert.Equal([0, 1], result.Columns); // row 0 cannot take column 1
        Assert.Throws<InvalidOperationException>(() =>
            LinearSumAssignment.Solve(new double[,] { { double.PositiveInfinity, double.PositiveInfinity }, { 0, 1 } }));
    }

    [Fact]
    public void Empty_matrix_gives_empty_assignment() => Assert.Equal(0, LinearSumAssignment.Solve(new double[0, 3]).Count);

    [Fact]
    public void Solves_512_by_512_well_under_a_second()
    {
        var random = new Random(7);
        var cost = new double[512, 512];
        for (int i = 0; i < 512; i++)
            for (int j = 0; j < 512; j++) cost[i, j] = random.NextDouble();
        LinearSumAssignment.Solve(new double[8, 8]); // JIT
        var clock = Stopwatch.StartNew();
        var result = LinearSumAssignment.Solve(cost, maximize: true);
        Assert.True(clock.Elapsed.TotalSeconds < 2, $"took {clock.Elapsed.TotalSeconds:F2} s"); // generous: shared CI machines
        Assert.Equal(512, result.Columns.Distinct().Count());
    }

    static double BruteForceMinimum(double[,] cost)
    {
        bool transpose = cost.GetLength(0) > cost.GetLength(1);
        int n = Math.Min(cost.GetLength(0), cost.GetLength(1)), m = Math.Max(cost.GetLength(0), cost.GetLength(1));
        double Cost(int i, int j) => transpose ? cost[j, i] : cost[i, j];
        double best = double.PositiveInfinity;
        var used = new bool[m];
        void Search(int row, double sum)
        {
            if (row == n) { best = Math.Min(best, sum); return; }
            for (int j = 0; j < m; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                Search(row + 1, sum + Cost(row, j));
                used[j] = false;
            }
        }
        Search(0, 0);
        return best;
    }
}
