using System.Text.Json;

namespace PaperBot.Host.Evaluation;

/// <summary>Reads a JSON-lines question file; a bad line is reported with its number and nothing is half-read.</summary>
public static class EvalQuestionFile
{
    public static IReadOnlyList<EvalQuestion> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new EvalFileException($"No question file at {Path.GetFullPath(path)}.");
        }
        var questions = new List<EvalQuestion>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            EvalQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize<EvalQuestion>(line);
            }
            catch (JsonException e)
            {
                throw new EvalFileException($"{path}:{number}: not a question object ({e.Message}).");
            }
            if (question is null || string.IsNullOrWhiteSpace(question.Question) || string.IsNullOrWhiteSpace(question.Kind))
            {
                throw new EvalFileException($"{path}:{number}: a question needs id, kind and question.");
            }
            if (!ids.Add(question.Id))
            {
                throw new EvalFileException($"{path}:{number}: the id {question.Id} is used twice.");
            }
            questions.Add(question);
        }
        if (questions.Count == 0)
        {
            throw new EvalFileException($"{path} holds no questions.");
        }
        return questions;
    }
}
