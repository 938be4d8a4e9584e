using BBScore.Cli;
using BBScore.Data;
using BBScore.Progress;

namespace BBScore.Tests.Support;

/// <summary>Runs the bbscore command in-process against a data home, capturing both streams.</summary>
public static class CliRun
{
    public static (int Code, string Out, string Err) Run(DataHome home, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BBScoreCli.Run(args, output, error, home, new PlainProgress(error));
        return (code, output.ToString(), error.ToString());
    }
}
