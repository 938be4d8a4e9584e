namespace BBScore.Metrics.Online.Physion;

/// <summary>How the Physion metrics match a model's test stimulus with the human files' <c>stimulus_id</c> (spec §1.19):
/// both sides are cut at the first '.' and then at the first "_img". The original's two scorers differ: the placement
/// scorer first takes the basename (after the last '/'), the contact scorer does not; both are kept.</summary>
public static class PhysionStimulusName
{
    /// <summary>The contact scorer's cleaning: <c>str(id).split('.')[0]</c>, then cut at "_img".</summary>
    public static string ForContact(string id) => CutImg(CutAtDot(id));

    /// <summary>The placement scorer's cleaning: <c>os.path.basename</c>, then <c>split('.')[0]</c>, then cut at "_img".</summary>
    public static string ForPlacement(string id) => CutImg(CutAtDot(id[(id.LastIndexOf('/') + 1)..]));

    static string CutAtDot(string id) => id.IndexOf('.') is int dot and >= 0 ? id[..dot] : id;

    static string CutImg(string id) => id.IndexOf("_img", StringComparison.Ordinal) is int at and >= 0 ? id[..at] : id;
}
