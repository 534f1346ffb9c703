using MCU.Hub.Directories;
using MCU.Hub.Messages;
using MCU.Hub.Routing.Internal;

namespace MCU.Hub.Classification;

/// <summary>
/// Classifies by the channel's own category where the directory maps it, otherwise by keyword stems per category;
/// the territory by address keywords.
/// </summary>
/// <remarks>
/// A stem matches the start of a word, so «ям» matches «яма», «ямы» and «ямами» — Russian inflects word endings.
/// A keyword of several words matches as a phrase of stems. The category with the most matching keywords wins;
/// a topic beats its own block on a tie.
/// </remarks>
public sealed class KeywordClassifier : IMessageClassifier
{
    private static readonly char[] Separators = [' ', ',', '.', ';', ':', '!', '?', '(', ')', '«', '»', '"', '\'', '-', '—', '\n', '\r', '\t', '/'];
    private readonly HubDirectory _directory;
    private readonly Dictionary<string, Category> _bySource;
    private readonly Block[] _blocks;
    private readonly (string Code, Phrase[] Keywords)[] _territories;

    /// <summary>Creates the classifier.</summary>
    /// <param name="directory">The directory with the category tree.</param>
    public KeywordClassifier(HubDirectory directory)
    {
        _directory = directory;
        _bySource = new Dictionary<string, Category>(StringComparer.OrdinalIgnoreCase);
        foreach (var category in directory.Categories)
        {
            foreach (var source in category.SourceCategories)
                _bySource.TryAdd(source, category);
        }

        // The keywords split once here: splitting them for every message lower-cased every keyword of every category.
        _blocks = [.. directory.Categories.Where(c => c.Parent is null).OrderBy(c => c.Code, StringComparer.Ordinal).Select(block => new Block(
            Keyed.Of(block),
            [.. directory.Categories.Where(c => c.Parent == block.Code).OrderBy(c => c.Code, StringComparer.Ordinal).Select(Keyed.Of)]))];
        _territories = [.. directory.Territories.Select(t => (t.Code, t.AddressKeywords.Select(k => new Phrase(k)).ToArray()))];
    }

    /// <inheritdoc />
    public Classification Classify(HubMessage message)
    {
        var territory = FindTerritory(message.Address);
        var (category, reason) = FindCategory(message);
        return new(category is null ? null : _directory.BlockOf(category.Code), category?.Code, territory, reason);
    }

    /// <summary>Splits a text into lower-case words.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The words.</returns>
    public static string[] Words(string text) =>
        text.ToLowerInvariant().Replace('ё', 'е').Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Tells whether the stems of <paramref name="phrase"/> start consecutive words of <paramref name="words"/>.</summary>
    /// <param name="words">The text's words, from <see cref="Words"/>.</param>
    /// <param name="phrase">A keyword or phrase of stems.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool ContainsStemPhrase(string[] words, string phrase)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new Phrase(phrase).FindIn(TextWords.Of(string.Join(' ', words))) >= 0;
    }

    private (Category? Category, string Reason) FindCategory(HubMessage message)
    {
        foreach (var source in new[] { message.SourceSubcategory, message.SourceCategory })
        {
            if (source is not null && _bySource.TryGetValue(source, out var mapped))
                return (mapped, $"категория источника «{source}»");
        }

        var words = TextWords.Of(message.Text);

        // A block scores its own keywords plus those of its best topic; the topic then narrows the block.
        Category? bestBlock = null;
        Category? bestTopic = null;
        string[] bestBlockHits = [], bestTopicHits = [];
        var bestScore = 0;
        foreach (var block in _blocks)
        {
            var blockHits = block.Category.Hits(words);
            Keyed? topic = null;
            string[] topicHits = [];
            foreach (var candidate in block.Topics)
            {
                // Topics are in code order: a later topic wins only with more hits.
                var hits = candidate.Hits(words);
                if (hits.Length > topicHits.Length)
                    (topic, topicHits) = (candidate, hits);
            }

            var score = blockHits.Length + topicHits.Length;
            if (score > bestScore)
                (bestBlock, bestTopic, bestBlockHits, bestTopicHits, bestScore) = (block.Category.Category, topic?.Category, blockHits, topicHits, score);
        }

        if (bestBlock is null)
            return (null, "ключевые слова не найдены");
        var found = bestBlockHits.Concat(bestTopicHits).Distinct(StringComparer.Ordinal);
        return (bestTopic ?? bestBlock, $"ключевые слова: {string.Join(", ", found)}");
    }

    private string? FindTerritory(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var words = TextWords.Of(address);
        foreach (var (code, keywords) in _territories)
        {
            foreach (var keyword in keywords)
            {
                if (keyword.FindIn(words) >= 0)
                    return code;
            }
        }

        return null;
    }

    /// <summary>A category with its keywords split into stems once.</summary>
    private sealed record Keyed(Category Category, Phrase[] Keywords)
    {
        public static Keyed Of(Category category) => new(category, [.. category.Keywords.Select(k => new Phrase(k))]);

        /// <summary>The keywords that match the text's words, in keyword order.</summary>
        public string[] Hits(TextWords words)
        {
            List<string>? hits = null;
            foreach (var keyword in Keywords)
            {
                if (keyword.FindIn(words) >= 0)
                    (hits ??= []).Add(keyword.Text);
            }

            return hits is null ? [] : [.. hits];
        }
    }

    /// <summary>A thematic block and its topics, in code order.</summary>
    private sealed record Block(Keyed Category, Keyed[] Topics);
}
