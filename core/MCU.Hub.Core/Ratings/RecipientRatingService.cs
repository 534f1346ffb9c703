using MCU.Hub.Directories;
using MCU.Hub.Kpi;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Ratings;

/// <summary>
/// Rates responsible recipients (рейтингование) by the count, timeliness and completeness of their substantive
/// answers over a period, as a transparent score whose every component is shown.
/// </summary>
/// <remarks>
/// Components, each a share in 0…1 over the recipient's messages received in the period:
/// <list type="bullet">
/// <item>completeness — answered / received (rejected ones left out);</item>
/// <item>timeliness — answered by the deadline / answered or past the deadline (messages with a deadline);</item>
/// <item>substance — answered and neither returned nor reopened / answered;</item>
/// <item>satisfaction — (average rating − 1) / 4, over the rated ones.</item>
/// </list>
/// The score is <c>100 · Σ weightᵢ · componentᵢ / Σ weightᵢ</c> over the components that have data, with the weights
/// of <see cref="RatingOptions"/>. A recipient with fewer than <see cref="RatingOptions.MinimumVolume"/> messages is
/// listed, with its components, but not ranked: one fast answer must not top the table.
/// </remarks>
public sealed class RecipientRatingService
{
    private readonly KpiService _kpis;
    private readonly HubDirectory _directory;
    private readonly RatingOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="kpis">The indicator service, for the period's facts.</param>
    /// <param name="directory">The directory of recipients.</param>
    /// <param name="options">The engine options.</param>
    public RecipientRatingService(KpiService kpis, HubDirectory directory, IOptions<McuHubOptions> options)
    {
        _kpis = kpis;
        _directory = directory;
        _options = options.Value.Kpi.Rating;
    }

    /// <summary>Rates every recipient of the directory (and any other recipient that received messages) over a period.</summary>
    /// <param name="period">The window.</param>
    /// <param name="slice">Narrows the messages counted (a block, a channel, a territory); its recipient field is ignored.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>Ranked recipients by score (best first), then the unranked ones by volume.</returns>
    public async Task<IReadOnlyList<RecipientRating>> RateAsync(KpiPeriod period, KpiSlice slice, CancellationToken cancellationToken)
    {
        var context = await _kpis.CreateContextAsync(period, slice with { Recipient = null }, cancellationToken).ConfigureAwait(false);
        var byRecipient = new Dictionary<string, List<MessageFact>>(StringComparer.Ordinal);
        foreach (var code in _directory.Recipients.Select(r => r.Code))
            byRecipient[code] = [];
        foreach (var fact in context.Messages)
        {
            if (fact.IsRejected)
                continue;
            foreach (var recipient in fact.Recipients)
            {
                if (!byRecipient.TryGetValue(recipient, out var list))
                    byRecipient[recipient] = list = [];
                list.Add(fact);
            }
        }

        var rated = byRecipient.Select(kv => Rate(kv.Key, kv.Value, context.Now)).ToList();
        var ranked = rated.Where(r => r.Ranked).OrderByDescending(r => r.Score).ThenByDescending(r => r.Received).ThenBy(r => r.Recipient, StringComparer.Ordinal).ToList();
        var result = new List<RecipientRating>(rated.Count);
        for (var i = 0; i < ranked.Count; i++)
            result.Add(ranked[i] with { Rank = i + 1 });
        result.AddRange(rated.Where(r => !r.Ranked).OrderByDescending(r => r.Received).ThenBy(r => r.Recipient, StringComparer.Ordinal));
        return result;
    }

    private RecipientRating Rate(string code, List<MessageFact> facts, DateTimeOffset now)
    {
        var received = facts.Count;
        var answered = facts.Count(f => f.FirstAnsweredAt is not null);
        int due = 0, onTime = 0;
        foreach (var f in facts)
        {
            if (f.DueAt is not { } dueAt)
                continue;
            if (f.FirstAnsweredAt is { } at)
            {
                due++;
                if (at <= dueAt)
                    onTime++;
            }
            else if (dueAt < now)
            {
                due++;
            }
        }

        var substantive = facts.Count(f => f.FirstAnsweredAt is not null && f.ReopenCount == 0 && f.ReturnCount == 0);
        var ratings = facts.Where(f => f.Satisfaction is not null).Select(f => f.Satisfaction!.Value).ToList();

        var components = new List<RatingComponent>
        {
            Component("completeness", "Полнота: доля сообщений с ответом", _options.CompletenessWeight, answered, received),
            Component("timeliness", "Своевременность: доля ответов в срок", _options.TimelinessWeight, onTime, due),
            Component("substance", "Содержательность: доля ответов без возврата и повторного открытия", _options.SubstanceWeight, substantive, answered),
            new("satisfaction", "Удовлетворённость жителей (средняя оценка, приведённая к 0…1)", _options.SatisfactionWeight,
                ratings.Count > 0 ? (ratings.Average() - 1) / 4 : null, ratings.Count > 0 ? ratings.Average() : 0, ratings.Count),
        };

        var present = components.Where(c => c.Value is not null && c.Weight > 0).ToList();
        var weight = present.Sum(c => c.Weight);
        double? score = weight > 0 ? 100 * present.Sum(c => c.Weight * c.Value!.Value) / weight : null;
        var ranked = received >= _options.MinimumVolume && score is not null;
        var note = received < _options.MinimumVolume
            ? $"не ранжируется: {received} сообщ. за период, нужно не меньше {_options.MinimumVolume}"
            : score is null ? "не ранжируется: нет данных для оценки" : null;
        return new RecipientRating(code, _directory.FindRecipient(code)?.Name ?? code, null, score, received, answered, onTime, substantive, components, ranked, note);
    }

    private static RatingComponent Component(string id, string name, double weight, int numerator, int denominator) =>
        new(id, name, weight, denominator > 0 ? (double)numerator / denominator : null, numerator, denominator);
}

/// <summary>A recipient's place in the rating, with every component of its score.</summary>
/// <param name="Recipient">The recipient's code.</param>
/// <param name="Name">The recipient's name.</param>
/// <param name="Rank">The place (1 is best), or <see langword="null"/> when not ranked.</param>
/// <param name="Score">The score, 0…100, or <see langword="null"/> without data.</param>
/// <param name="Received">Messages received in the window (not rejected).</param>
/// <param name="Answered">Of them, answered.</param>
/// <param name="AnsweredOnTime">Of them, answered by the deadline.</param>
/// <param name="Substantive">Answered and neither returned nor reopened.</param>
/// <param name="Components">The components of the score.</param>
/// <param name="Ranked">Whether the recipient is ranked (enough volume and data).</param>
/// <param name="Note">Why it is not ranked, in Russian.</param>
public sealed record RecipientRating(
    string Recipient,
    string Name,
    int? Rank,
    double? Score,
    int Received,
    int Answered,
    int AnsweredOnTime,
    int Substantive,
    IReadOnlyList<RatingComponent> Components,
    bool Ranked,
    string? Note);

/// <summary>One component of a rating score.</summary>
/// <param name="Id">The component id (<c>completeness</c>, <c>timeliness</c>, <c>substance</c>, <c>satisfaction</c>).</param>
/// <param name="Name">What it measures, in Russian.</param>
/// <param name="Weight">Its weight in the score.</param>
/// <param name="Value">Its value, 0…1, or <see langword="null"/> without data (then it does not count).</param>
/// <param name="Numerator">What qualified (for satisfaction: the average rating).</param>
/// <param name="Denominator">What was counted.</param>
public sealed record RatingComponent(string Id, string Name, double Weight, double? Value, double Numerator, double Denominator);
