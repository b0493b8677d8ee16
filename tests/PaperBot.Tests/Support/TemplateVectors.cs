using Microsoft.Data.Sqlite;
using PaperBot.Core.Retrieval;

namespace PaperBot.Tests.Support;

/// <summary>
/// Trains the corpus vectors of a template database and saves them in it, as the first search of a process does, so
/// every copy of the template loads the model (a few milliseconds) instead of training it again (seconds on two
/// shared cores). A copy ranks exactly as if it had trained the model itself (SavedCorpusVectorsTests); a copy whose
/// corpus then changes (an ingest run) trains again as usual.
/// </summary>
public static class TemplateVectors
{
    public static void TrainAndSave(SqliteConnection connection)
    {
        var vectors = new CorpusVectors();
        vectors.Rank(connection, ["model"], 1);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM corpus_vector_models";
        if (vectors.Origin != CorpusVectorModelOrigin.Trained || Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException($"The template's corpus vectors were not trained and saved ({vectors.Origin}).");
        }
    }
}
