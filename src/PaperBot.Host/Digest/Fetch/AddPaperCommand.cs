using System.CommandLine;
using PaperBot.Core.Storage;
using PaperBot.Host.Cli;

namespace PaperBot.Host.Digest.Fetch;

/// <summary><c>paperbot add arxiv:2401.01234 | https://arxiv.org/abs/… | https://huggingface.co/papers/…</c>.</summary>
public static class AddPaperCommand
{
    public static Command Create()
    {
        var what = new Argument<string>("paper") { Description = "arxiv:ID, an arXiv id, an arXiv abs/pdf URL or a Hugging Face paper URL" };
        var command = new Command("add", "Fetch one paper's title, abstract and metadata from arXiv or Hugging Face and ingest it") { what };
        command.SetAction((parse, cancellationToken) => PaperBotCommandLine.RunAsync(parse, async (services, json) =>
        {
            if (PaperReference.TryParse(parse.GetValue(what), out var error) is not { } reference)
            {
                Console.Error.WriteLine(error);
                return 2;
            }
            PaperAddResult result;
            try
            {
                result = await services.GetRequiredService<PaperAdder>().AddAsync(reference, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or System.Text.Json.JsonException or System.Xml.XmlException
                                          or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
            {
                var source = reference.Source == PaperReferenceSource.HuggingFace ? "Fetch:HuggingFaceBaseUrl" : "Fetch:ArxivBaseUrl";
                Console.Error.WriteLine($"Could not fetch {reference.ArxivId}: {e.Message} (check the network, or {source}).");
                return 1;
            }
            if (result.Paper is null)
            {
                Console.Error.WriteLine($"{(reference.Source == PaperReferenceSource.HuggingFace ? "Hugging Face" : "arXiv")} has no paper {reference.ArxivId}.");
                return 1;
            }
            var report = result.Report!;
            if (json)
            {
                Console.WriteLine(CliJson.Serialize(new { arxiv_id = result.ArxivId, paper_id = result.PaperId, title = result.Paper.Title, file = result.File, report }));
            }
            else
            {
                var what = report.New > 0 ? "added" : report.Merged > 0 || report.Updated > 0 ? "merged into the paper already stored" : "already stored, unchanged";
                Console.WriteLine($"{result.PaperId}  {result.Paper.Title.ReplaceLineEndings(" ")}  ({what}; listing {result.File})");
            }
            return report.Errors.Count > 0 ? 1 : 0;
        }));
        return command;
    }
}
