namespace BBScore.Models.TorchSharpModels.Cornet;

/// <summary>The widths of CORnet's four areas (V1, V2, V4, IT) and its class count; CORnet's own are 64/128/256/512 and
/// 1000. Other widths exist for tests, whose networks keep the module paths and key names.</summary>
public sealed record CornetConfig(long V1, long V2, long V4, long IT, long Classes)
{
    public static readonly CornetConfig Published = new(64, 128, 256, 512, 1000);
}
