namespace BBScore.Cli;

public static class Program
{
    public static int Main(string[] args) => BBScoreCli.Run(args, Console.Out, Console.Error);
}
