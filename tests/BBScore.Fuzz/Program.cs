using BBScore.Fuzz;
using SharpFuzz;

// BBScore.Fuzz: one executable for every reader, chosen by the first argument.
//   BBScore.Fuzz list                        the reader names, one a line
//   BBScore.Fuzz READER                      fuzz READER under afl-fuzz (SharpFuzz out-of-process;
//                                            BBSCORE_FUZZ_INPROCESS=1 for Fuzzer.Run, faster but a hang
//                                            or stack overflow ends the whole afl-fuzz run)
//   BBScore.Fuzz repro READER FILE...        run READER on each FILE once; a crash is an unhandled
//                                            exception (exit 134), as afl-tmin needs
//   BBScore.Fuzz triage READER FILE...       one line per FILE: ok, or the exception type and its top frame
//   BBScore.Fuzz seeds FIXTURES OUT [READER] write seed corpora OUT/<reader>/ from the committed fixtures
// The contract: a reader refuses malformed input only with InvalidDataException (Readers.IsRefusal);
// any other exception, a hang (afl -t) or an allocation over the GC heap hard limit is a crash.

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: BBScore.Fuzz list | READER | repro READER FILE... | triage READER FILE... | seeds FIXTURES OUT [READER]");
    return args.Length == 0 ? 2 : 0;
}

switch (args[0])
{
    case "list":
        foreach (var r in Readers.All) Console.WriteLine(r.Name);
        return 0;
    case "seeds" when args.Length is 3 or 4:
        return Seeds.Write(args[1], args[2], args.Length == 4 ? args[3] : null);
    case "repro" when args.Length >= 3:
    {
        var reader = Readers.Get(args[1]);
        foreach (string file in args.Skip(2)) Harness.RunOne(reader, File.ReadAllBytes(file));
        return 0;
    }
    case "triage" when args.Length >= 3:
    {
        var reader = Readers.Get(args[1]);
        int crashes = 0;
        foreach (string file in args.Skip(2))
        {
            string verdict = Harness.Triage(reader, File.ReadAllBytes(file));
            if (verdict != "ok") crashes++;
            Console.WriteLine($"{Path.GetFileName(file)}\t{verdict}");
        }
        return crashes == 0 ? 0 : 1;
    }
    default:
    {
        var reader = Readers.Get(args[0]);
        Action<Stream> run = stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Harness.RunOne(reader, buffer.ToArray());
        };
        if (Environment.GetEnvironmentVariable("BBSCORE_FUZZ_INPROCESS") == "1") Fuzzer.Run(run);
        else Fuzzer.OutOfProcess.Run(run);
        return 0;
    }
}
