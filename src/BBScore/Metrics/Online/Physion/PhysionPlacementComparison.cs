using BBScore.Datasets.Physion;

namespace BBScore.Metrics.Online.Physion;

/// <summary>The placement metrics' comparison of model choices with human choices (spec §1.19, the original's
/// <c>ModelHumanAccuracyChebyshev</c>). A label is a cell of the 16 × 16 grid: (y, x) = (label // 16, label % 16).
/// Over every test row: the model's accuracy against the ground truth, the share within Chebyshev distance 1 and within
/// Euclidean distance 1, and the mean Chebyshev and Euclidean distances. Stimuli are matched by
/// <see cref="PhysionStimulusName.ForPlacement"/>; on the ids both sides have (ordinal order), the first human answer
/// over all participants and the model's first row are compared: model–human and human–ground-truth accuracy and mean
/// distances. Keys <c>physion_placement_&lt;k&gt;</c> in the original's order, then <c>physion_placement_score</c>
/// (= model–human accuracy). With no shared stimulus only <c>physion_placement_accuracy_model_gt</c> and a score of 0
/// are written, as the original does.</summary>
public static class PhysionPlacementComparison
{
    public const int GridSize = 16;

    /// <returns>Per shared stimulus (ordinal order) whether the model's choice is the human's, the headline's items
    /// (for its bootstrap); null with no shared stimulus.</returns>
    public static bool[]? AddTo(ScoreSet scores, IReadOnlyList<string> testIds, IReadOnlyList<int> choices, IReadOnlyList<int> groundTruth,
                             PhysionHumanResponses human)
    {
        if (testIds.Count != choices.Count || testIds.Count != groundTruth.Count)
            throw new ArgumentException($"{testIds.Count} test ids for {choices.Count} predictions and {groundTruth.Count} labels; give one of each per test row.");
        int n = testIds.Count;
        double accuracyGt = Share(n, i => choices[i] == groundTruth[i]);
        double[] chebyshevGt = Enumerable.Range(0, n).Select(i => Chebyshev(groundTruth[i], choices[i])).ToArray();
        double[] euclideanGt = Enumerable.Range(0, n).Select(i => Euclidean(groundTruth[i], choices[i])).ToArray();

        var humanFirst = PhysionFirstAnswers.Of(human.RowStimulusIds.Select(PhysionStimulusName.ForPlacement), human.Responses);
        string[] modelIds = testIds.Select(PhysionStimulusName.ForPlacement).ToArray();
        var modelFirst = PhysionFirstAnswers.Of(modelIds, Enumerable.Range(0, n).Select(i => (double)i)); // id -> its first row
        string[] joint = humanFirst.Keys.Where(modelFirst.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        if (joint.Length == 0)
        {
            scores.Add("physion_placement_accuracy_model_gt", accuracyGt);
            scores.Add("physion_placement_score", 0.0);
            return null;
        }
        double[] humans = joint.Select(id => humanFirst[id]).ToArray();
        double[] models = joint.Select(id => (double)choices[(int)modelFirst[id]]).ToArray();
        double[] truths = joint.Select(id => (double)groundTruth[(int)modelFirst[id]]).ToArray();
        int m = joint.Length;
        bool[] agree = Enumerable.Range(0, m).Select(i => humans[i] == models[i]).ToArray();
        double accuracy = Share(m, i => agree[i]);
        scores.Add("physion_placement_accuracy_model_human", accuracy);
        scores.Add("physion_placement_accuracy_model_gt", accuracyGt);
        scores.Add("physion_placement_accuracy_human_gt", Share(m, i => humans[i] == truths[i]));
        scores.Add("physion_placement_accuracy_cheby_model_gt", Share(n, i => chebyshevGt[i] <= 1));
        scores.Add("physion_placement_accuracy_euclidean_model_gt", Share(n, i => euclideanGt[i] <= 1));
        scores.Add("physion_placement_chebyshev_distance_model_human", Enumerable.Range(0, m).Average(i => Chebyshev(humans[i], models[i])));
        scores.Add("physion_placement_chebyshev_distance_model_gt", chebyshevGt.Average());
        scores.Add("physion_placement_chebyshev_distance_human_gt", Enumerable.Range(0, m).Average(i => Chebyshev(humans[i], truths[i])));
        scores.Add("physion_placement_euclidean_distance_model_human", Enumerable.Range(0, m).Average(i => Euclidean(humans[i], models[i])));
        scores.Add("physion_placement_euclidean_distance_model_gt", euclideanGt.Average());
        scores.Add("physion_placement_euclidean_distance_human_gt", Enumerable.Range(0, m).Average(i => Euclidean(humans[i], truths[i])));
        scores.Add("physion_placement_score", accuracy);
        return agree;
    }

    /// <summary>Grid cell of a label: Python's floor division and modulo (labels are whole numbers 0..255).</summary>
    public static (double Y, double X) Cell(double label)
    {
        double y = Math.Floor(label / GridSize);
        return (y, label - y * GridSize);
    }

    public static double Chebyshev(double a, double b)
    {
        var (y1, x1) = Cell(a);
        var (y2, x2) = Cell(b);
        return Math.Max(Math.Abs(y1 - y2), Math.Abs(x1 - x2));
    }

    public static double Euclidean(double a, double b)
    {
        var (y1, x1) = Cell(a);
        var (y2, x2) = Cell(b);
        return Math.Sqrt((y1 - y2) * (y1 - y2) + (x1 - x2) * (x1 - x2));
    }

    static double Share(int count, Func<int, bool> hit) => Enumerable.Range(0, count).Count(hit) / (double)count;
}
