using BBScore.Numerics.CrossValidation;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>Cross-validation splits: every row is tested exactly once, train and test are disjoint, ascending and
/// together cover every row; fold sizes are balanced; group folds never split a group; stratified folds hold each
/// class within one row of even; a split depends only on its inputs and seed.</summary>
public class FoldProperties
{
    static void IsPartition(IReadOnlyList<Fold> folds, int rows, int expectedFolds)
    {
        True(folds.Count == expectedFolds, $"{folds.Count} folds, expected {expectedFolds}");
        var timesTested = new int[rows];
        foreach (var fold in folds)
        {
            True(fold.Test.Length > 0, "a fold has no test rows");
            True(IsAscending(fold.Train) && IsAscending(fold.Test), "train or test rows are not strictly ascending");
            True(fold.Train.Length + fold.Test.Length == rows && !fold.Train.Intersect(fold.Test).Any()
                 && fold.Train.Concat(fold.Test).All(r => (uint)r < (uint)rows), "train and test do not partition the rows");
            foreach (int r in fold.Test) timesTested[r]++;
        }
        True(timesTested.All(t => t == 1), $"rows tested {string.Join(",", timesTested)} times, expected once each");
    }

    static bool IsAscending(int[] rows)
    {
        for (int i = 1; i < rows.Length; i++)
            if (rows[i] <= rows[i - 1]) return false;
        return true;
    }

    static void Balanced(IEnumerable<int> counts, string what)
    {
        var list = counts.ToList();
        True(list.Max() - list.Min() <= 1, $"{what} differ by more than one: {string.Join(",", list)}");
    }

    static void SameFolds(IReadOnlyList<Fold> a, IReadOnlyList<Fold> b) =>
        True(a.Count == b.Count && a.Zip(b).All(p => p.First.Train.SequenceEqual(p.Second.Train) && p.First.Test.SequenceEqual(p.Second.Test)),
            "the same inputs and seed gave different folds");

    [Fact]
    public void KFold_partitions_the_rows_into_balanced_folds_as_scikit_learn_sizes_them()
    {
        var gen = Gen.Int[2, 10].SelectMany(k => Gen.Select(Gen.Int[k, 60], Gen.Bool, Gen.Int, (rows, shuffle, seed) => (k, rows, shuffle, seed)));
        Run(gen, c =>
        {
            var splitter = new KFoldSplitter(c.k, c.shuffle, c.seed);
            var folds = splitter.Split(c.rows);
            IsPartition(folds, c.rows, c.k);
            True(folds.Select(f => f.Test.Length).SequenceEqual(KFoldSplitter.FoldSizes(c.rows, c.k)), "test sizes are not rows/k with the remainder first");
            Balanced(folds.Select(f => f.Test.Length), "test sizes");
            if (!c.shuffle)
                True(folds.SelectMany(f => f.Test).SequenceEqual(Enumerable.Range(0, c.rows)), "unshuffled folds are not consecutive blocks");
            SameFolds(folds, new KFoldSplitter(c.k, c.shuffle, c.seed).Split(c.rows));
        }, iterations: 300, seed: 31);
    }

    [Fact]
    public void Group_folds_never_split_a_group_and_partition_the_rows()
    {
        // groups ≥ k distinct ids (possibly negative, any order), each used by one or more rows.
        var gen =
            from k in Gen.Int[2, 8]
            from groups in Gen.Int[k, 20]
            from extra in Gen.Int[0, 30]
            from ids in Gen.Int[-50, 50].Array[groups]
            from more in Gen.Int[0, groups - 1].Array[extra]
            from order in Gen.Int.Array[groups + extra]
            select (k, ids, more, order);
        Run(gen.Where(c => c.ids.Distinct().Count() >= c.k), c =>
        {
            int[] rowGroups = c.ids.Concat(c.more.Select(g => c.ids[g])).Zip(c.order).OrderBy(p => p.Second).Select(p => p.First).ToArray();
            var folds = new GroupKFoldSplitter(c.k).Split(rowGroups);
            IsPartition(folds, rowGroups.Length, c.k);
            foreach (int id in rowGroups.Distinct())
            {
                var foldsHoldingIt = folds.Where(f => f.Test.Any(r => rowGroups[r] == id)).Count();
                True(foldsHoldingIt == 1, $"group {id} is tested in {foldsHoldingIt} folds");
            }
        }, iterations: 300, seed: 32);
    }

    [Fact]
    public void Stratified_folds_hold_every_class_within_one_of_even_and_partition_the_rows()
    {
        var gen =
            from k in Gen.Int[2, 6]
            from classes in Gen.Int[1, 5]
            from big in Gen.Int[k, 15]
            from sizes in Gen.Int[1, 15].Array[classes - 1]
            from labels in Gen.Int[-9, 9].Array[classes]
            from order in Gen.Int.Array[big + sizes.Sum()]
            from shuffle in Gen.Bool
            from seed in Gen.Int
            select (k, sizes: sizes.Prepend(big).ToArray(), labels, order, shuffle, seed);
        Run(gen.Where(c => c.labels.Distinct().Count() == c.labels.Length), c =>
        {
            int[] rowLabels = c.sizes.SelectMany((size, cl) => Enumerable.Repeat(c.labels[cl], size))
                .Zip(c.order).OrderBy(p => p.Second).Select(p => p.First).ToArray();
            var splitter = new StratifiedKFoldSplitter(c.k, c.shuffle, c.seed);
            string? warning = null;
            var folds = splitter.Split(rowLabels, w => warning = w);
            IsPartition(folds, rowLabels.Length, c.k);
            Balanced(folds.Select(f => f.Test.Length), "test sizes");
            foreach (int label in c.labels)
                Balanced(folds.Select(f => f.Test.Count(r => rowLabels[r] == label)), $"test counts of class {label}");
            True((warning is not null) == (c.sizes.Min() < c.k), $"warning '{warning}' with smallest class {c.sizes.Min()} and {c.k} folds");
            SameFolds(folds, new StratifiedKFoldSplitter(c.k, c.shuffle, c.seed).Split(rowLabels));
        }, iterations: 300, seed: 33);
    }

    [Fact]
    public void Splitters_refuse_fewer_rows_groups_or_class_members_than_folds()
    {
        Run(Gen.Int[2, 10].SelectMany(k => Gen.Int[0, k - 1].Select(rows => (k, rows))), c =>
        {
            Assert.Throws<ArgumentException>(() => new KFoldSplitter(c.k).Split(c.rows));
            Assert.Throws<ArgumentException>(() => new GroupKFoldSplitter(c.k).Split(Enumerable.Range(0, c.rows).ToArray()));
            // Enough rows but too few distinct groups / no class with k members.
            Assert.Throws<ArgumentException>(() => new GroupKFoldSplitter(c.k).Split(Enumerable.Range(0, 3 * c.k).Select(r => r % Math.Max(1, c.rows)).ToArray()));
            // 2k rows in classes of k − 1: no class can reach every fold.
            Assert.Throws<ArgumentException>(() => new StratifiedKFoldSplitter(c.k).Split(Enumerable.Range(0, 2 * c.k).Select(r => r / (c.k - 1)).ToArray()));
        }, iterations: 50, seed: 34);
    }
}
