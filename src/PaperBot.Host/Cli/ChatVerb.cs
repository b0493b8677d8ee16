using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Chat;
using PaperBot.Core.Conversations;
using PaperBot.Core.Answering;
using PaperBot.Core.Ingest;
using PaperBot.Core.Llm;
using PaperBot.Core.Presentation;

namespace PaperBot.Host.Cli;

/// <summary>
/// <c>paperbot chat</c>: a conversation in the terminal, one message per line, until "exit" or end of input.
/// Answers appear sentence by sentence as they are checked (streamed from the model in LLM mode).
/// </summary>
public static class ChatVerb
{
    public static Command Create()
    {
        var conversation = new Option<string?>("--conversation") { Description = "Continue the conversation with this id (default: a new one)" };
        var command = new Command("chat", "Talk with PaperBot in the terminal; follow-up questions refer to earlier answers") { conversation };
        command.SetAction((parse, cancellationToken) => PaperBotCommandLine.RunAsync(parse, async (services, _) =>
        {
            services.GetRequiredService<CorpusBootstrapper>().EnsureIngested();
            await CliEmbedding.EnsureEmbeddedAsync(services, cancellationToken);
            var id = parse.GetValue(conversation) ?? $"terminal:{Guid.NewGuid():N}";
            await RunAsync(services, Console.In, Console.Out, id, cancellationToken);
            return 0;
        }));
        return command;
    }

    public static async Task RunAsync(IServiceProvider services, TextReader input, TextWriter output, string conversationId, CancellationToken cancellationToken)
    {
        // The reply repeats what was typed ("I found nothing about …"): control characters in it are shown, not sent.
        output = TerminalSafeWriter.Wrap(output);
        var assistant = services.GetRequiredService<PaperBotAssistant>();
        var conversations = services.GetRequiredService<ConversationalAnswerService>();
        var streams = services.GetService<IAnswerService>() is LlmAnswerService;
        await output.WriteLineAsync("Ask about the papers. \"help\" lists what I can do; \"exit\" or end of input (Ctrl-D) ends the chat.");
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ");
            await output.FlushAsync(cancellationToken);
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Equals("exit", StringComparison.OrdinalIgnoreCase) || line.Equals("quit", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
            var request = ChatRequest.FromText(line, conversationId, "terminal");
            if (request.Command != ChatCommand.Ask || request.Argument.Length == 0 || request.Argument.Length > PaperBotAssistant.MaxQuestionLength)
            {
                await output.WriteLineAsync((await assistant.HandleAsync(request, cancellationToken)).ToPlainText());
                continue;
            }
            // A model's prose is worth watching arrive; an extractive answer is ready at once and may be a list or a
            // comparison, which is printed laid out rather than as a stream of sentences.
            var streamed = false;
            var answer = await conversations.AnswerAsync(request.Argument, conversationId, streams ? sentence =>
            {
                streamed = true;
                output.Write(sentence.Render() + " ");
                output.Flush();
            } : null, cancellationToken);
            var presentation = PaperBotAssistant.FromAnswer(answer).Present();
            if (streamed && presentation.Blocks is [] or [ProseBlock])
            {
                await output.WriteLineAsync();
                var rest = PlainTextRenderer.Render(presentation with { Blocks = [] }).Trim();
                if (rest.Length > 0)
                {
                    await output.WriteLineAsync(rest);
                }
                continue;
            }
            if (streamed)
            {
                await output.WriteLineAsync(Environment.NewLine);
            }
            await output.WriteLineAsync(PlainTextRenderer.Render(presentation));
        }
    }
}
