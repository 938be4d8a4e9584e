// MSBuild inline task (compiled by RoslynCodeTaskFactory): marks one GNU version requirement of an
// ELF64 shared library as weak, so the loader accepts the library when the system C++ runtime lacks
// that version. See TorchSharpNativeFix.targets for why. Only the output copy is edited, atomically.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenGlibcxxVersionNeed : Task
{
    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    static readonly string[] StdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public override bool Execute()
    {
        string? system = Array.Find(StdCxxCandidates, File.Exists);
        if (system != null && Contains(File.ReadAllBytes(system), Encoding.ASCII.GetBytes(VersionName + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, $"{system} provides {VersionName}; {LibraryPath} left as is.");
            return true;
        }
        byte[] elf = File.ReadAllBytes(LibraryPath);
        int changed = Weaken(elf);
        if (changed < 0) { Log.LogWarning($"{LibraryPath}: not an ELF64 little-endian file; not patched."); return true; }
        if (changed == 0) return true; // already weak, or no such requirement
        string tmp = LibraryPath + ".patching";
        File.WriteAllBytes(tmp, elf);
        File.Delete(LibraryPath); // replace rather than write through a possible hard link
        File.Move(tmp, LibraryPath);
        Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {LibraryPath} (system libstdc++ lacks it).");
        return true;
    }

    /// <returns>number of entries changed, or -1 when the file is not ELF64 LE.</returns>
    int Weaken(byte[] b)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F' || b[4] != 2 || b[5] != 1)
            return -1;
        long shoff = BitConverter.ToInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(b, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = BitConverter.ToInt64(b, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(b, (int)sh + 0x28);
            long strtab = BitConverter.ToInt64(b, (int)(shoff + (long)link * shentsize) + 0x18);
            long vn = offset;
            while (true)
            {
                int count = BitConverter.ToUInt16(b, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(b, (int)vn + 8);
                for (int k = 0; k < count; k++)
                {
                    string name = ReadCString(b, strtab + BitConverter.ToUInt32(b, (int)aux + 8));
                    int flagsAt = (int)aux + 4;
                    ushort flags = BitConverter.ToUInt16(b, flagsAt);
                    if (name == VersionName && (flags & VerFlgWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(b, flagsAt);
                        changed++;
                    }
                    aux += BitConverter.ToUInt32(b, (int)aux + 12);
                }
                uint next = BitConverter.ToUInt32(b, (int)vn + 12);
                if (next == 0) break;
                vn += next;
            }
        }
        return changed;
    }

    static string ReadCString(byte[] b, long at)
    {
        int end = (int)at;
        while (b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }

    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
