namespace BBScore.Formats.Matlab;

/// <summary>An open .mat file (v5 or v7.3). Variables are read on demand by name.</summary>
public interface IMatFile : IDisposable
{
    string Path { get; }

    /// <summary>"5" (level 5, incl. v6/v7) or "7.3" (HDF5).</summary>
    string Version { get; }

    IReadOnlyList<string> VariableNames { get; }

    /// <summary>Reads a variable; throws naming the file and variable when it is absent or of an
    /// unsupported class.</summary>
    MatValue Read(string name);
}
