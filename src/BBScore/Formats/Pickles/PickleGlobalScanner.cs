using System.Buffers.Binary;
using System.Text;

namespace BBScore.Formats.Pickles;

/// <summary>Errors for a pickle that refers to a Python global (function or class) not on the reader's
/// allow-list. Raised before anything is unpickled; no Python code is ever run by this reader.</summary>
public static class UnsupportedPickleGlobal
{
    /// <summary>The key under which the offending <c>module.name</c> is stored in <see cref="Exception.Data"/>.</summary>
    public const string DataKey = "PickleGlobal";

    const string NumpyPandas = "numpy arrays and scalars, pandas DataFrames with plain numpy columns, Python builtins";

    public static InvalidDataException Create(string path, string global, string allowed = NumpyPandas)
    {
        var e = new InvalidDataException($"{path}: the pickle refers to '{global}', which BBScore does not load (allowed: {allowed}). Nothing was executed.");
        e.Data[DataKey] = global;
        return e;
    }
}

/// <summary>Walks a pickle's opcodes without building anything: checks that the stream is complete
/// (ends with STOP) and that every global (GLOBAL, INST, STACK_GLOBAL) is on the allow-list.</summary>
static class PickleGlobalScanner
{
    /// <param name="persistentIds">Whether PERSID/BINPERSID may appear (torch.save refers to its tensor storages by
    /// persistent id; the ids' storage types are globals and are checked like any other).</param>
    /// <param name="allowedDescription">What the allow-list admits, in words, for the refusal message.</param>
    public static void Check(ReadOnlySpan<byte> data, string path, IReadOnlySet<string> allowed, bool persistentIds = false, string? allowedDescription = null)
    {
        int pos = 0;
        var memo = new Dictionary<long, string?>();
        // What the last two stack pushes were, if they were known strings (for STACK_GLOBAL).
        string? top = null, below = null;
        void Push(string? value) { below = top; top = value; }
        void Verify(string module, string name)
        {
            string global = module + "." + name;
            if (!allowed.Contains(global))
                throw allowedDescription is null ? UnsupportedPickleGlobal.Create(path, global) : UnsupportedPickleGlobal.Create(path, global, allowedDescription);
        }
        ReadOnlySpan<byte> Take(ReadOnlySpan<byte> d, ref int p, long n)
        {
            if (n < 0 || n > d.Length - p) throw Truncated(path); // not p + n: a 64-bit length near long.MaxValue would wrap
            var s = d.Slice(p, (int)n);
            p += (int)n;
            return s;
        }
        long Index(string text) => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v) ? v
            : throw new InvalidDataException($"{path}: a corrupt pickle (memo index '{(text.Length > 40 ? text[..40] + "..." : text)}' is not a number).");
        string Line(ReadOnlySpan<byte> d, ref int p)
        {
            int end = d[p..].IndexOf((byte)'\n');
            if (end < 0) throw Truncated(path);
            string s = Encoding.UTF8.GetString(d.Slice(p, end)).TrimEnd('\r');
            p += end + 1;
            return s;
        }

        while (true)
        {
            if (pos >= data.Length) throw Truncated(path);
            byte op = data[pos++];
            switch (op)
            {
                case (byte)'.': return; // STOP
                case 0x80: Take(data, ref pos, 1); break; // PROTO
                case 0x95: Take(data, ref pos, 8); break; // FRAME
                case 0x94: memo[memo.Count] = top; break; // MEMOIZE
                case (byte)'p': memo[Index(Line(data, ref pos))] = top; break; // PUT
                case (byte)'q': memo[Take(data, ref pos, 1)[0]] = top; break; // BINPUT
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4))] = top; break; // LONG_BINPUT
                case (byte)'g': Push(memo.GetValueOrDefault(Index(Line(data, ref pos)))); break; // GET
                case (byte)'h': Push(memo.GetValueOrDefault(Take(data, ref pos, 1)[0])); break; // BINGET
                case (byte)'j': Push(memo.GetValueOrDefault(BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4)))); break; // LONG_BINGET
                case 0x8c: Push(Encoding.UTF8.GetString(Take(data, ref pos, Take(data, ref pos, 1)[0]))); break; // SHORT_BINUNICODE
                case (byte)'X': Push(Encoding.UTF8.GetString(Take(data, ref pos, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4))))); break; // BINUNICODE
                case 0x8d: Push(Encoding.UTF8.GetString(Take(data, ref pos, BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref pos, 8))))); break; // BINUNICODE8
                case (byte)'V': Push(Line(data, ref pos)); break; // UNICODE (raw-unicode-escape; globals never need escapes)
                case (byte)'U': Push(Encoding.Latin1.GetString(Take(data, ref pos, Take(data, ref pos, 1)[0]))); break; // SHORT_BINSTRING
                case (byte)'T': Push(Encoding.Latin1.GetString(Take(data, ref pos, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4))))); break; // BINSTRING
                case (byte)'S': Push(Line(data, ref pos).Trim('\'', '"')); break; // STRING
                case (byte)'c': // GLOBAL
                case (byte)'i': // INST
                    Verify(Line(data, ref pos), Line(data, ref pos));
                    Push(null);
                    break;
                case 0x93: // STACK_GLOBAL
                    if (top is null || below is null)
                        throw new InvalidDataException($"{path}: the pickle builds a global from values this reader cannot check; refusing to load it.");
                    Verify(below, top);
                    top = null; below = null;
                    break;
                case (byte)'P' when persistentIds: Line(data, ref pos); Push(null); break; // PERSID
                case (byte)'Q' when persistentIds: top = null; below = null; Push(null); break; // BINPERSID
                case (byte)'P': case (byte)'Q': // PERSID, BINPERSID
                    throw new InvalidDataException($"{path}: the pickle uses persistent ids, which this reader does not support.");
                case 0x82: case 0x83: case 0x84: // EXT1/2/4
                    throw new InvalidDataException($"{path}: the pickle uses the copyreg extension registry, which this reader does not support.");
                case 0x97: // NEXT_BUFFER
                    throw new InvalidDataException($"{path}: the pickle has out-of-band buffers (protocol 5 buffer_callback), which this reader does not support; pickle it without buffer_callback.");
                // opcodes with an argument and no string result
                case (byte)'K': Take(data, ref pos, 1); Push(null); break; // BININT1
                case (byte)'M': Take(data, ref pos, 2); Push(null); break; // BININT2
                case (byte)'J': Take(data, ref pos, 4); Push(null); break; // BININT
                case (byte)'G': Take(data, ref pos, 8); Push(null); break; // BINFLOAT
                case (byte)'I': case (byte)'L': case (byte)'F': Line(data, ref pos); Push(null); break; // INT, LONG, FLOAT
                case 0x8a: Take(data, ref pos, Take(data, ref pos, 1)[0]); Push(null); break; // LONG1
                case 0x8b: Take(data, ref pos, BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref pos, 4))); Push(null); break; // LONG4
                case (byte)'C': Take(data, ref pos, Take(data, ref pos, 1)[0]); Push(null); break; // SHORT_BINBYTES
                case (byte)'B': Take(data, ref pos, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4))); Push(null); break; // BINBYTES
                case 0x8e: case 0x96: Take(data, ref pos, BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref pos, 8))); Push(null); break; // BINBYTES8, BYTEARRAY8
                // opcodes without an argument
                case (byte)'(': case (byte)'0': case (byte)'1': case (byte)'2': case (byte)'N': case (byte)'R':
                case (byte)'a': case (byte)'b': case (byte)'d': case (byte)'}': case (byte)'e': case (byte)'l':
                case (byte)']': case (byte)'o': case (byte)'s': case (byte)'t': case (byte)')': case (byte)'u':
                case 0x81: case 0x85: case 0x86: case 0x87: case 0x88: case 0x89: case 0x8f: case 0x90:
                case 0x91: case 0x92: case 0x98:
                    top = null; below = null; Push(null);
                    break;
                default:
                    throw new InvalidDataException($"{path}: not a pickle, or a corrupt one (unknown opcode 0x{op:x2} at byte {pos - 1}).");
            }
        }
    }

    static InvalidDataException Truncated(string path) => new($"{path}: the pickle is truncated (it ends before its STOP opcode).");
}
