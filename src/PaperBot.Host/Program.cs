using PaperBot.Host.Cli;

return await PaperBotCommandLine.Build().Parse(args).InvokeAsync();
