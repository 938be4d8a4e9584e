System.Console.WriteLine("bbscore");
