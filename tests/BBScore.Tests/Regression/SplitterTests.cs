using BBScore.Numerics.CrossValidation;

namespace BBScore.Tests.Regression;

public class SplitterTests
{
    /// <summary>Every row tested exactly once; train and test disjoint, sorted, and together all rows.</summary>
    static void AssertPartition(IReadOnlyList<Fold> folds, int rows)
    {
        var tested = new int[rows];
        foreach (var fold in folds)
        {
            Assert.Equal(fold.Test.Order(), fold.Test);
            Assert.Equal(fold.Train.Order(), fold.Train);
            Assert.Empty(fold.Train.Intersect(fold.Test));
            Assert.Equal(Enumerable.Range(0, rows), fold.Train.Concat(fold.Test).Order());
            foreach (int row in fold.Test) tested[row]++;
        }
        Assert.All(tested, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData(23, 10, new[] { 3, 3, 3, 2, 2, 2, 2, 2, 2, 2 })]
    [InlineData(20, 10, new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 })]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    public void KFoldSizesFollowScikitLearn(int rows, int folds, int[] expected)
    {
        var split = new KFoldSplitter(folds).Split(rows);
        Assert.Equal(expected, split.Select(f => f.Test.Length));
        Assert.Equal(expected, KFoldSplitter.FoldSizes(rows, folds));
        AssertPartition(split, rows);
    }

    [Fact]
    public void KFoldWithoutShuffleCutsConsecutiveBlocks()
    {
        var split = new KFoldSplitter(3, shuffle: false).Split(7);
        Assert.Equal([0, 1, 2], split[0].Test);
        Assert.Equal([3, 4], split[1].Test);
        Assert.Equal([5, 6], split[2].Test);
    }

    [Fact]
    public void KFoldShuffleIsDeterministicPerSeed()
    {
        var a = new KFoldSplitter(10, seed: 42).Split(100);
        var b = new KFoldSplitter(10, seed: 42).Split(100);
        var c = new KFoldSplitter(10, seed: 7).Split(100);
        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(a.Select(f => f.Test), c.Select(f => f.Test));
        Assert.NotEqual(Enumerable.Range(0, 10), a[0].Test); // actually shuffled
    }

    [Fact]
    public void FewerRowsThanFoldsIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new KFoldSplitter(10).Split(5));
        Assert.Contains("5 samples into 10 folds", e.Message);
        Assert.Throws<ArgumentException>(() => new KFoldSplitter(1));
    }

    [Fact]
    public void StratifiedFoldsKeepClassProportions()
    {
        int[] labels = [.. Enumerable.Repeat(3, 30), .. Enumerable.Repeat(8, 20)];
        var split = new StratifiedKFoldSplitter(10, seed: 1).Split(labels);
        AssertPartition(split, labels.Length);
        Assert.All(split, fold =>
        {
            Assert.Equal(3, fold.Test.Count(r => labels[r] == 3));
            Assert.Equal(2, fold.Test.Count(r => labels[r] == 8));
        });
    }

    [Fact]
    public void StratifiedWithoutShuffleEqualsScikitLearnExactly()
    {
        // Classes by first appearance: 9 is class 0 (7 rows), 2 is class 1 (5 rows). Sorted rows dealt
        // round-robin to 3 folds give allocations (3,1), (2,2), (2,2): sklearn's StratifiedKFold(3).
        int[] labels = [9, 2, 9, 9, 2, 9, 2, 9, 9, 2, 2, 9];
        var split = new StratifiedKFoldSplitter(3, shuffle: false).Split(labels);
        // Class 9 rows 0,2,3,5,7,8,11 get folds 0,0,0,1,1,2,2; class 2 rows 1,4,6,9,10 get 0,1,1,2,2.
        Assert.Equal([0, 1, 2, 3], split[0].Test);
        Assert.Equal([4, 5, 6, 7], split[1].Test);
        Assert.Equal([8, 9, 10, 11], split[2].Test);
    }

    [Fact]
    public void StratifiedWarnsForSmallClassesAndRefusesWhenAllAreSmall()
    {
        int[] labels = [.. Enumerable.Repeat(0, 20), 1, 1, 1];
        var warnings = new List<string>();
        var split = new StratifiedKFoldSplitter(5).Split(labels, warnings.Add);
        AssertPartition(split, labels.Length);
        Assert.Contains("only 3 members", Assert.Single(warnings));

        var e = Assert.Throws<ArgumentException>(() => new StratifiedKFoldSplitter(5).Split([0, 0, 1, 1, 2, 2]));
        Assert.Contains("largest", e.Message);
    }

    [Fact]
    public void StratifiedShuffleIsDeterministicPerSeed()
    {
        int[] labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();
        var a = new StratifiedKFoldSplitter(10, seed: 5).Split(labels);
        var b = new StratifiedKFoldSplitter(10, seed: 5).Split(labels);
        var c = new StratifiedKFoldSplitter(10, seed: 6).Split(labels);
        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(a.Select(f => f.Test), c.Select(f => f.Test));
    }

    [Fact]
    public void GroupFoldsNeverSplitAGroup()
    {
        var random = new Random(3);
        int[] groups = Enumerable.Range(0, 200).Select(_ => random.Next(25)).ToArray();
        var split = new GroupKFoldSplitter(10).Split(groups);
        AssertPartition(split, groups.Length);
        var testGroups = split.Select(f => f.Test.Select(r => groups[r]).ToHashSet()).ToList();
        for (int i = 0; i < testGroups.Count; i++)
            for (int j = i + 1; j < testGroups.Count; j++)
                Assert.Empty(testGroups[i].Intersect(testGroups[j]));
    }

    [Fact]
    public void GroupFoldsAssignLargestGroupsToTheLightestFold()
    {
        // Sizes: group 10 → 5 rows, 20 → 3, 30 → 3, 40 → 1. Largest first (ties: higher id first):
        // 10 → fold 0; 30 → fold 1; 20 → fold 1 (3 < 5); 40 → fold 0 (5 < 6).
        int[] groups = [10, 10, 20, 30, 10, 20, 30, 40, 10, 20, 30, 10];
        var split = new GroupKFoldSplitter(2).Split(groups);
        Assert.Equal([0, 1, 4, 7, 8, 11], split[0].Test);
        Assert.Equal([2, 3, 5, 6, 9, 10], split[1].Test);
    }

    [Fact]
    public void GroupFoldsNeedAsManyGroupsAsFolds()
    {
        var e = Assert.Throws<ArgumentException>(() => new GroupKFoldSplitter(10).Split(Enumerable.Range(0, 50).Select(i => i % 4).ToArray()));
        Assert.Contains("at least 10 distinct groups, got 4", e.Message);
    }

    [Fact]
    public void SeededRandomIsStableAndUnbiasedInRange()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var draws = Enumerable.Range(0, 1000).Select(_ => a.NextBelow(7)).ToArray();
        Assert.Equal(draws, Enumerable.Range(0, 1000).Select(_ => b.NextBelow(7)));
        Assert.All(draws, d => Assert.InRange(d, 0, 6));
        Assert.Equal(7, draws.Distinct().Count());
    }
}
