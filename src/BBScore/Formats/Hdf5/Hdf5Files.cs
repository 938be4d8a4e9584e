using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Formats.Hdf5;

/// <summary>Opening a downloaded HDF5 file: a file PureHDF cannot open is damaged data (<see cref="InvalidDataException"/>
/// naming it, so the caller moves it aside and fetches it again); a missing or unreadable file stays what it is.</summary>
internal static class Hdf5Files
{
    /// <param name="kind">What the file should be, for the message (e.g. "HDF5", "netCDF4/HDF5").</param>
    public static NativeFile OpenRead(string path, string kind)
    {
        try
        {
            return H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: not a readable {kind} file ({e.Message}); it is truncated or damaged and will be fetched again.", e);
        }
    }
}
