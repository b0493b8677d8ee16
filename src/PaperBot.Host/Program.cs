using PaperBot.Host.Cli;

// Everything shown in the terminal goes through writers that escape control characters (see TerminalSafeWriter).
Console.SetOut(TerminalSafeWriter.Wrap(Console.Out));
Console.SetError(TerminalSafeWriter.Wrap(Console.Error));
return await PaperBotCommandLine.Build().Parse(args).InvokeAsync();
