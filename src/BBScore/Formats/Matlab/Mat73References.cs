using System.Reflection;
using System.Runtime.CompilerServices;
using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Formats.Matlab;

/// <summary>Resolves HDF5 object references (MATLAB v7.3 cells point into <c>/#refs#</c>).
/// PureHDF 2.2.0's <c>NativeFile.Get(reference)</c> searches the whole tree for every reference
/// (O(N) each, O(N²) for a cell: a 26k-item cellstr takes tens of minutes), so the children of
/// <c>#refs#</c> are indexed once by object-header address and looked up by the reference's address.
/// The address comes from PureHDF's internal <c>NativeObject.Reference</c> (pinned to 2.2.0 and guarded
/// by a test); when that member is missing the slow <c>Get(reference)</c> is used instead.</summary>
internal sealed class Mat73References(NativeFile file)
{
    static readonly PropertyInfo? ReferenceProperty =
        typeof(NativeObject).GetProperty("Reference", BindingFlags.NonPublic | BindingFlags.Instance);

    Dictionary<ulong, IH5Object>? _byAddress;

    /// <summary>Whether the fast address index is available (false means PureHDF's internals changed).</summary>
    public static bool FastPathAvailable => ReferenceProperty is not null;

    /// <summary>References resolved through the address index (the rest went through the slow search).</summary>
    public int FastHits { get; private set; }

    public IH5Object Resolve(NativeObjectReference1 reference)
    {
        _byAddress ??= BuildIndex();
        ulong address = Unsafe.As<NativeObjectReference1, ulong>(ref reference);
        if (_byAddress.TryGetValue(address, out var target)) { FastHits++; return target; }
        return file.Get(reference);
    }

    Dictionary<ulong, IH5Object> BuildIndex()
    {
        var map = new Dictionary<ulong, IH5Object>();
        if (ReferenceProperty is null || !file.LinkExists("#refs#")) return map;
        foreach (var child in file.Group("#refs#").Children())
        {
            if (child is not NativeObject native) continue;
            var named = ReferenceProperty.GetValue(native);
            var value = named?.GetType().GetProperty("Value")?.GetValue(named);
            if (value is ulong address) map[address] = child;
        }
        return map;
    }
}
