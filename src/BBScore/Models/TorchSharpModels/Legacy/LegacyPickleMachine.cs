using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;
using BBScore.Formats;
using BBScore.Formats.Pickles;

namespace BBScore.Models.TorchSharpModels.Legacy;

/// <summary>A Python global named in the pickle (only ever an allow-listed one).</summary>
sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => Module + "." + Name;
}

/// <summary>An object of an allowed class that is only a bag of attributes (argparse.Namespace: training options).</summary>
sealed class PickleObject(string type)
{
    public string Type { get; } = type;
    public Hashtable Attributes { get; } = [];
}

/// <summary>Runs one pickle from a stream, the opcodes of protocols 0–4 that torch's legacy <c>torch.save</c> (protocol 2
/// by default, from Python 2 or 3) writes. Not Razorvine: its constructor registry is process-wide and TorchSharp.PyBridge
/// registers its own <c>_rebuild_tensor_v2</c> there for the zip format, so a second meaning of the same global cannot
/// coexist with it. Nothing is executed: a global outside <paramref name="allowed"/> is refused when its opcode is read,
/// and the allowed ones are applied by <paramref name="call"/>. Every length is checked against the bytes left in the
/// stream before anything is allocated; containers grow only by opcodes read, so by the file's size.</summary>
sealed class LegacyPickleMachine(Stream stream, string source, IReadOnlySet<string> allowed, string allowedDescription,
    Func<PickleGlobal, object?[], object?> call, Func<object?, object?>? persistentLoad)
{
    static readonly object Mark = new();
    readonly List<object?> _stack = [];
    readonly List<int> _marks = [];
    readonly Dictionary<long, object?> _memo = [];

    public object? Run()
    {
        while (true)
        {
            byte op = Byte();
            switch (op)
            {
                case (byte)'.': // STOP
                    if (_stack.Count != 1) throw Corrupt("the pickle ends with other than one value on its stack");
                    return _stack[0];
                case 0x80: Byte(); break; // PROTO
                case 0x95: Bytes(8); break; // FRAME: a hint for buffering only
                case (byte)'(': _marks.Add(_stack.Count); break; // MARK
                case (byte)'0': Pop(); break; // POP
                case (byte)'1': PopMark(); break; // POP_MARK
                case (byte)'2': Push(Peek()); break; // DUP
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'I': Push(ParseInt(Line())); break; // INT (also '01'/'00' for bools in protocol 0)
                case (byte)'L': Push(ParseLong(Line().TrimEnd('L'))); break; // LONG
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break; // BININT
                case (byte)'K': Push((long)Byte()); break; // BININT1
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break; // BININT2
                case 0x8a: Push(Long(Bytes(Byte()))); break; // LONG1
                case 0x8b: Push(Long(Bytes(Length(BinaryPrimitives.ReadInt32LittleEndian(Bytes(4)))))); break; // LONG4
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8))); break; // BINFLOAT
                case (byte)'F': Push(ParseFloat(Line())); break; // FLOAT
                // Python 2's str: torch's keys and names are ASCII, so latin-1 gives the same string Python 3 reads.
                case (byte)'S': Push(Line().Trim('\'', '"')); break; // STRING
                case (byte)'T': Push(Encoding.Latin1.GetString(Bytes(Length(BinaryPrimitives.ReadInt32LittleEndian(Bytes(4)))))); break; // BINSTRING
                case (byte)'U': Push(Encoding.Latin1.GetString(Bytes(Byte()))); break; // SHORT_BINSTRING
                case (byte)'V': Push(Line()); break; // UNICODE (raw-unicode-escape; state-dict names need no escapes)
                case (byte)'X': Push(Encoding.UTF8.GetString(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))))); break; // BINUNICODE
                case 0x8c: Push(Encoding.UTF8.GetString(Bytes(Byte()))); break; // SHORT_BINUNICODE
                case 0x8d: Push(Encoding.UTF8.GetString(Bytes(Length(BinaryPrimitives.ReadInt64LittleEndian(Bytes(8)))))); break; // BINUNICODE8
                case (byte)'B': Push(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))))); break; // BINBYTES
                case (byte)'C': Push(Bytes(Byte())); break; // SHORT_BINBYTES
                case 0x8e: Push(Bytes(Length(BinaryPrimitives.ReadInt64LittleEndian(Bytes(8))))); break; // BINBYTES8
                case (byte)')': Push(Array.Empty<object?>()); break; // EMPTY_TUPLE
                case (byte)'t': Push(PopMark().ToArray()); break; // TUPLE
                case 0x85: Push(new[] { Pop() }); break; // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; } // TUPLE3
                case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
                case (byte)'l': Push(PopMark()); break; // LIST
                case (byte)'a': { var item = Pop(); Peek<List<object?>>("APPEND").Add(item); break; }
                case (byte)'e': { var items = PopMark(); Peek<List<object?>>("APPENDS").AddRange(items); break; }
                case (byte)'}': Push(new Hashtable()); break; // EMPTY_DICT
                case (byte)'d': { var items = PopMark(); var d = new Hashtable(); SetItems(d, items); Push(d); break; } // DICT
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItems(Peek<Hashtable>("SETITEM"), [k, v]); break; }
                case (byte)'u': { var items = PopMark(); SetItems(Peek<Hashtable>("SETITEMS"), items); break; }
                case (byte)'c': Push(Global(Line(), Line())); break; // GLOBAL
                case 0x93: { var name = Pop(); var module = Pop(); Push(Global(module as string, name as string)); break; } // STACK_GLOBAL
                case (byte)'R': { var args = Pop(); var callable = Pop(); Push(Call(callable, args, "REDUCE")); break; }
                case 0x81: { var args = Pop(); var cls = Pop(); Push(Call(cls, args, "NEWOBJ")); break; }
                case (byte)'b': Build(Pop(), Peek()); break; // BUILD
                case (byte)'p': _memo[ParseInt(Line())] = Peek(); break; // PUT
                case (byte)'q': _memo[Byte()] = Peek(); break; // BINPUT
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Peek(); break; // LONG_BINPUT
                case 0x94: _memo[_memo.Count] = Peek(); break; // MEMOIZE
                case (byte)'g': Push(Memo(ParseInt(Line()))); break; // GET
                case (byte)'h': Push(Memo(Byte())); break; // BINGET
                case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))); break; // LONG_BINGET
                case (byte)'Q' when persistentLoad is not null: Push(persistentLoad(Pop())); break; // BINPERSID
                case (byte)'P' when persistentLoad is not null: Push(persistentLoad(Line())); break; // PERSID
                case (byte)'Q' or (byte)'P':
                    throw Corrupt("a persistent id (a tensor storage) appears outside the pickle of the saved object");
                default:
                    throw Corrupt($"unknown or unsupported pickle opcode 0x{op:x2} at byte {stream.Position - 1}");
            }
        }
    }

    InvalidDataException Corrupt(string what) => new($"{source}: {what} (a corrupt or truncated torch.save file).");

    byte Byte()
    {
        int b = stream.ReadByte();
        return b < 0 ? throw Corrupt("the file ends inside a pickle") : (byte)b;
    }

    /// <summary>A declared length, refused when the file cannot hold it.</summary>
    int Length(long declared)
    {
        ReadLimits.RequireBytes(declared, 1, ReadLimits.Remaining(stream), source, "a pickled string or number");
        return ReadLimits.RequireArrayLength(declared, source, "a pickled string or number");
    }

    byte[] Bytes(int count)
    {
        var buffer = new byte[Length(count)];
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>A newline-terminated argument; such arguments are names and numbers, so 64 KiB bounds them.</summary>
    string Line()
    {
        var bytes = new List<byte>();
        for (byte b = Byte(); b != (byte)'\n'; b = Byte())
        {
            if (bytes.Count >= 1 << 16) throw Corrupt("a text argument runs past 64 KiB");
            bytes.Add(b);
        }
        return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
    }

    long ParseInt(string text) => text switch
    {
        "01" => 1, // protocol 0's True and False
        "00" => 0,
        _ => long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long v)
            ? v : throw Corrupt($"'{(text.Length > 40 ? text[..40] : text)}' is not an integer"),
    };

    double ParseFloat(string text) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
        ? v : throw Corrupt($"'{(text.Length > 40 ? text[..40] : text)}' is not a number");

    object ParseLong(string text) => BigInteger.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
        ? Narrow(v) : throw Corrupt($"'{(text.Length > 40 ? text[..40] : text)}' is not an integer");

    /// <summary>Little-endian two's complement (LONG1/LONG4): a long where it fits, else a BigInteger (torch's magic number).</summary>
    static object Long(byte[] bytes) => Narrow(new BigInteger(bytes, isUnsigned: false, isBigEndian: false));

    static object Narrow(BigInteger v) => v >= long.MinValue && v <= long.MaxValue ? (long)v : v;

    void Push(object? value) => _stack.Add(value);

    object? Pop()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks[^1] == _stack.Count)) throw Corrupt("the pickle pops an empty stack");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    object? Peek() => _stack.Count == 0 ? throw Corrupt("the pickle reads an empty stack") : _stack[^1];

    T Peek<T>(string opcode) where T : class => Peek() as T ?? throw Corrupt($"{opcode} applies to a {Describe(Peek())}");

    List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Corrupt("the pickle closes a MARK it never opened");
        int start = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(start, _stack.Count - start);
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    object? Memo(long key) => _memo.TryGetValue(key, out var value) ? value : throw Corrupt($"the pickle refers to memo entry {key}, never stored");

    void SetItems(Hashtable dict, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Corrupt("a dict is given an odd number of keys and values");
        for (int i = 0; i < items.Count; i += 2)
        {
            // Hashtable keys are compared by value; tuples, lists and None cannot key it (state dicts key by name).
            if (items[i] is not (string or long or bool or double or BigInteger))
                throw Corrupt($"a dict is keyed by a {Describe(items[i])}");
            dict[items[i]!] = items[i + 1];
        }
    }

    PickleGlobal Global(string? module, string? name)
    {
        if (module is null || name is null) throw Corrupt("STACK_GLOBAL names its global with other than two strings");
        var global = new PickleGlobal(module, name);
        if (!allowed.Contains(global.FullName)) throw UnsupportedPickleGlobal.Create(source, global.FullName, allowedDescription);
        return global;
    }

    object? Call(object? callable, object? args, string opcode)
    {
        if (callable is not PickleGlobal global) throw Corrupt($"{opcode} calls a {Describe(callable)}");
        if (args is not object?[] tuple) throw Corrupt($"{opcode} passes {global.FullName} a {Describe(args)} for its arguments");
        return call(global, tuple);
    }

    /// <summary>BUILD: an object's attributes. Kept for Namespace; an OrderedDict's (state_dict's <c>_metadata</c>, module
    /// versions) are not part of its items and are dropped, as <c>load_state_dict</c> only reads them for old BatchNorm.</summary>
    void Build(object? state, object? target)
    {
        switch (target)
        {
            case PickleObject obj when state is Hashtable attributes:
                foreach (DictionaryEntry e in attributes) obj.Attributes[e.Key] = e.Value;
                break;
            case PickleObject or Hashtable when state is null or Hashtable or object[]:
                break;
            default:
                throw Corrupt($"BUILD sets the state of a {Describe(target)}");
        }
    }

    internal static string Describe(object? value) => value switch
    {
        null => "None",
        PickleGlobal g => g.FullName,
        object?[] => "tuple",
        List<object?> => "list",
        Hashtable => "dict",
        _ => value.GetType().Name,
    };
}
