using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Storage;

namespace PaperBot.Tests.Retrieval;

/// <summary>The acronym dictionary mined at ingest, and what it does for questions written in the other form.</summary>
public sealed class AcronymDictionaryTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    private List<string> LongFormsOf(string shortKey)
    {
        using var connection = corpus.Services.GetRequiredService<SqliteConnectionFactory>().Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT long_key FROM paper_acronyms WHERE short = $s";
        cmd.Parameters.AddWithValue("$s", shortKey);
        using var reader = cmd.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    [Fact]
    public void Ingest_mines_acronyms_and_migration_11_backfills_a_database_stored_before_the_dictionary_existed()
    {
        Assert.Contains("direct preference optimization", LongFormsOf("dpo"));

        var database = corpus.Services.GetRequiredService<SqliteConnectionFactory>();
        using (var connection = database.Open())
        using (var wipe = connection.CreateCommand())
        {
            wipe.CommandText = "DELETE FROM paper_acronyms; DELETE FROM acronym_uses; PRAGMA user_version = 10;";
            wipe.ExecuteNonQuery();
        }
        Assert.Empty(LongFormsOf("dpo"));

        // Nothing changed in the listings, yet opening the database again (migration 11) fills the dictionary in.
        using (var reopened = new SqliteConnectionFactory(database.DatabasePath).Open())
        {
            Assert.Equal(SchemaMigrator.LatestVersion, SchemaMigrator.CurrentVersion(reopened));
        }

        Assert.Contains("direct preference optimization", LongFormsOf("dpo"));
        using var check = database.Open();
        using var uses = check.CreateCommand();
        uses.CommandText = "SELECT COUNT(*) FROM acronym_uses";
        Assert.True(Convert.ToInt64(uses.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    // Without the bridges these rank Math-Shepherd and VAPO first (checked with Retrieval:AcronymBridges=false).
    [Theory]
    [InlineData("Kahneman-Tversky optimization for math", "Step-KTO")]
    [InlineData("direct preference optimization versus proximal policy optimization", "Unpacking DPO and PPO")]
    public async Task A_long_form_finds_the_paper_that_only_writes_the_acronym(string question, string titleStart)
    {
        var response = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);
        // In the top two: with the embeddings fused, "Building Math Agents…", which also writes only "KTO", can come first.
        Assert.Contains(response.Retrieval.Hits.Take(2), h => h.Paper.Title.StartsWith(titleStart, StringComparison.Ordinal));
        Assert.False(response.Answer.Abstained);
    }
}
