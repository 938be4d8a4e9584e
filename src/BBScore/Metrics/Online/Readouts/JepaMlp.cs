using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Metrics.Online.Readouts;

/// <summary>V-JEPA's MLP (jepa src/models/utils/modules.py): fc1 → exact (erf) GELU → fc2, dropout 0.</summary>
public sealed class JepaMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // V-JEPA's module names
    readonly Linear fc1;
    readonly GELU act;
    readonly Linear fc2;
#pragma warning restore IDE1006

    public JepaMlp(int dim, int hidden, Generator generator) : base("MLP")
    {
        fc1 = nn.Linear(dim, hidden);
        act = nn.GELU();
        fc2 = nn.Linear(hidden, dim);
        ReadoutInit.JepaLinear(fc1, generator);
        ReadoutInit.JepaLinear(fc2, generator);
        RegisterComponents();
    }

    /// <summary>fc2's weight, which V-JEPA's _rescale_blocks divides by √(2·layer).</summary>
    internal Tensor OutputWeight => fc2.weight!;

    public override Tensor forward(Tensor input) => fc2.call(act.call(fc1.call(input)));
}
