using System.Globalization;
using Grpc.Core;
using MCU.Hub.Analytics;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;
using MCU.Hub.Kpi;
using MCU.Hub.Ratings;
using CoreKpi = MCU.Hub.Kpi;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.AnalyticsService</c>: indicators, rating, growth, duplicates, heat map, backlog — always over the
/// municipalities the caller sees (a region caller: its municipalities together, or one of them by the slice).
/// </summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class AnalyticsGrpcService(KpiService kpis, RecipientRatingService ratings, ProblemAnalytics problems, BacklogService backlog, TenantAccess access) : AnalyticsService.AnalyticsServiceBase
{
    private const int MaxPeriodDays = 3 * 366;

    public override Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var response = new ListIndicatorsResponse();
        response.Indicators.AddRange(kpis.Indicators.Select(ToProto));
        return Task.FromResult(response);
    }

    public override async Task<GetKpisResponse> GetKpis(GetKpisRequest request, ServerCallContext context)
    {
        var values = await kpis.ComputeAsync(ToPeriod(request.Period), ToSlice(context, request.Slice), request.IndicatorIds, context.CancellationToken);
        var response = new GetKpisResponse { Basis = kpis.Options.Basis == KpiCountingBasis.Receipt ? "receipt" : "closing" };
        response.Values.AddRange(values.Select(ToProto));
        return response;
    }

    public override async Task<GetKpiBreakdownResponse> GetKpiBreakdown(GetKpiBreakdownRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.IndicatorId))
            throw new HubValidationException("indicator_id", "показатель не указан");
        if (request.Dimension == Dimension.Unspecified || !System.Enum.IsDefined(request.Dimension))
            throw new HubValidationException("dimension", "разрез не указан или неизвестен");
        var rows = await kpis.BreakdownAsync(request.IndicatorId, ToPeriod(request.Period), ToSlice(context, request.Slice), (KpiDimension)((int)request.Dimension - 1), context.CancellationToken);
        var response = new GetKpiBreakdownResponse();
        response.Rows.AddRange(rows.Select(r => new Hub.Grpc.V1.KpiBreakdownRow { Key = r.Key, Name = r.Name, Value = ToProto(r.Value) }));
        return response;
    }

    public override async Task<GetRatingsResponse> GetRatings(GetRatingsRequest request, ServerCallContext context)
    {
        var rated = await ratings.RateAsync(ToPeriod(request.Period), ToSlice(context, request.Slice), context.CancellationToken);
        var response = new GetRatingsResponse { MinimumVolume = kpis.Options.Rating.MinimumVolume };
        foreach (var r in rated)
        {
            var proto = new Hub.Grpc.V1.RecipientRating
            {
                Recipient = r.Recipient, Name = r.Name, Rank = r.Rank ?? 0, Score = r.Score, Received = r.Received, Answered = r.Answered,
                AnsweredOnTime = r.AnsweredOnTime, Substantive = r.Substantive, Note = r.Note ?? "",
            };
            proto.Components.AddRange(r.Components.Select(c => new Hub.Grpc.V1.RatingComponent { Id = c.Id, Name = c.Name, Weight = c.Weight, Value = c.Value, Numerator = c.Numerator, Denominator = c.Denominator }));
            response.Ratings.Add(proto);
        }

        return response;
    }

    public override async Task<GetGrowthAlertsResponse> GetGrowthAlerts(GetGrowthAlertsRequest request, ServerCallContext context)
    {
        var alerts = await problems.DetectGrowthAsync(ToPeriod(request.Period), ToSlice(context, request.Slice), null, context.CancellationToken);
        var response = new GetGrowthAlertsResponse();
        foreach (var a in alerts)
        {
            var proto = new Hub.Grpc.V1.GrowthAlert
            {
                Dimension = a.Dimension.ToString().ToLowerInvariant(), Key = a.Key, Name = kpis.NameOf(a.Dimension.ToKpiDimension(), a.Key),
                Observed = a.Observed, Expected = a.Expected, Ratio = a.Ratio, Score = a.Score,
            };
            proto.MessageIds.AddRange(a.MessageIds);
            proto.Factors.AddRange(a.Factors.Select(f => new Hub.Grpc.V1.GrowthFactor
            {
                Dimension = f.Dimension.ToString().ToLowerInvariant(), Value = f.Value, Observed = f.Observed, Expected = f.Expected, ShareOfExcess = f.ShareOfExcess, Description = f.Description,
            }));
            response.Alerts.Add(proto);
        }

        return response;
    }

    public override async Task<FindDuplicatesResponse> FindDuplicates(FindDuplicatesRequest request, ServerCallContext context)
    {
        var groups = await problems.FindDuplicatesAsync(ToPeriod(request.Period), ToSlice(context, request.Slice), null, context.CancellationToken);
        var response = new FindDuplicatesResponse();
        foreach (var g in groups)
        {
            var proto = new Hub.Grpc.V1.DuplicateGroup { Category = g.Category ?? "", BestSimilarity = g.BestSimilarity, MaxDistanceMeters = g.MaxDistanceMeters };
            proto.MessageIds.AddRange(g.MessageIds);
            response.Groups.Add(proto);
        }

        return response;
    }

    public override async Task<GetHeatMapResponse> GetHeatMap(GetHeatMapRequest request, ServerCallContext context)
    {
        var step = request.Step switch
        {
            "" or "month" => HeatMapPeriod.Month,
            "week" => HeatMapPeriod.Week,
            "day" => HeatMapPeriod.Day,
            _ => throw new HubValidationException("step", $"шаг «{request.Step}» неизвестен: day, week или month"),
        };
        var rows = request.Rows switch
        {
            "" or "block" => HeatMapRows.Block,
            "category" => HeatMapRows.Category,
            _ => throw new HubValidationException("rows", $"строки «{request.Rows}» неизвестны: block или category"),
        };
        var cells = await problems.HeatMapAsync(ToPeriod(request.Period), ToSlice(context, request.Slice), step, rows, context.CancellationToken);
        var response = new GetHeatMapResponse();
        response.Cells.AddRange(cells.Select(c => new Hub.Grpc.V1.HeatMapCell { Key = c.Key, Territory = c.Territory, PeriodStart = Format(c.PeriodStart), Count = c.Count }));
        return response;
    }

    public override async Task<Hub.Grpc.V1.BacklogSnapshot> GetBacklog(GetBacklogRequest request, ServerCallContext context)
    {
        var snapshot = await backlog.GetAsync(ParseDate(request.Date, "date"), context.CancellationToken);
        var caller = Caller.Of(context);
        if (access.Scope(caller, KpiSlice.All).Tenants is { } visible)
            snapshot = snapshot.For(visible);
        var proto = new Hub.Grpc.V1.BacklogSnapshot { Date = snapshot.Id, Reconstructed = snapshot.Reconstructed, Open = snapshot.Open, Overdue = snapshot.Overdue };
        proto.Rows.AddRange(snapshot.Rows.Select(r => new Hub.Grpc.V1.BacklogRow { Dimension = (Dimension)((int)r.Dimension + 1), Key = r.Key, Open = r.Open, Overdue = r.Overdue }));
        return proto;
    }

    internal static KpiPeriod ToPeriod(Period? period)
    {
        if (period is null)
            throw new HubValidationException("period", "период не указан");
        var result = KpiPeriod.Of(ParseDate(period.From, "period.from"), ParseDate(period.To, "period.to"));
        if (result.Days > MaxPeriodDays)
            throw new HubValidationException("period", $"период длиннее {MaxPeriodDays} дней ({result.Days})");
        return result;
    }

    private static DateOnly ParseDate(string value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new HubValidationException(field, $"дата «{value}» не в формате yyyy-MM-dd");

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private KpiSlice ToSlice(ServerCallContext context, Slice? slice)
    {
        var caller = Caller.Of(context);
        var asked = slice is null ? KpiSlice.All : new KpiSlice
        {
            Channel = Empty(slice.Channel), Block = Empty(slice.Block), Category = Empty(slice.Category), Recipient = Empty(slice.Recipient), Territory = Empty(slice.Territory),
        };
        var scoped = access.Scope(caller, asked);
        if (slice is not { Tenant.Length: > 0 })
            return scoped;
        // A region compares its municipalities one by one; another municipality's code is refused like an unknown one.
        return caller.Sees(slice.Tenant)
            ? scoped with { Tenants = [slice.Tenant] }
            : throw new HubValidationException("slice.tenant", $"муниципальное образование '{slice.Tenant}' недоступно этому ключу");
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;


    private static Indicator ToProto(KpiIndicatorDescriptor d) => new()
    {
        Id = d.Id, Name = d.Name, Unit = d.Unit, Formula = d.Formula, Group = d.Group, Source = d.Source ?? "", HigherIsBetter = d.HigherIsBetter,
    };

    private static Hub.Grpc.V1.KpiValue ToProto(CoreKpi.KpiValue v) => new()
    {
        Indicator = ToProto(v.Indicator), Fact = v.Fact.Value, Numerator = v.Fact.Numerator, Denominator = v.Fact.Denominator,
        Plan = v.Plan, Achievement = v.Achievement, Note = v.Fact.Note ?? "", Error = v.Error ?? "",
    };
}
