using Aims.Cli;

return await AimsCommand.RunAsync(args, Console.Out, Console.Error);
