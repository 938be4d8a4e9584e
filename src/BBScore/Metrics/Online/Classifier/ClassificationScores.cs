namespace BBScore.Metrics.Online.Classifier;

/// <summary>scikit-learn's <c>accuracy_score</c> and <c>f1_score(..., zero_division=0)</c> as the original's
/// <c>_calculate_final_scores</c> calls them: binary F1 of class 1 for two classes, otherwise the macro F1, the mean over
/// the labels present in either the truth or the predictions (sklearn's <c>unique_labels</c>, not over every class the
/// read-out knows). A per-label F1 with no true or predicted positives is 0, as <c>zero_division=0</c> makes it.</summary>
public static class ClassificationScores
{
    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        Check(truth, predicted);
        if (truth.Count == 0) return double.NaN;
        int hits = 0;
        for (int i = 0; i < truth.Count; i++) if (truth[i] == predicted[i]) hits++;
        return hits / (double)truth.Count;
    }

    /// <summary>f1_score(truth, predicted, average='binary' (pos_label 1) when <paramref name="binary"/>, else 'macro', zero_division=0).</summary>
    public static double F1(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, bool binary)
    {
        Check(truth, predicted);
        if (binary)
        {
            if (truth.Concat(predicted).Any(v => v is not (0 or 1)))
                throw new ArgumentException("Binary F1 needs labels 0 and 1 only (class 1 is the positive class).");
            return LabelF1(truth, predicted, 1);
        }
        var labels = truth.Concat(predicted).Distinct().Order().ToArray();
        return labels.Length == 0 ? 0 : labels.Average(label => LabelF1(truth, predicted, label));
    }

    /// <summary>2·tp / (2·tp + fp + fn), the F1 of one label; 0 when the label is neither true nor predicted anywhere.</summary>
    static double LabelF1(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int label)
    {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            bool t = truth[i] == label, p = predicted[i] == label;
            if (t && p) tp++;
            else if (p) fp++;
            else if (t) fn++;
        }
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    static void Check(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions.");
    }
}
