using System.Globalization;
using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.GovPublics.Internal;

/// <summary>
/// Makes the synthetic official pages and, week by week, their publications. Each page has its own weekly rate (the
/// administration's main page posts daily, a kindergarten a few times a week), varied from week to week, so some
/// pages fall below the five publications a week the regulations ask for.
/// </summary>
/// <remarks>
/// Deterministic: the pages depend on the seed, the count and the start; the publications of week <c>k</c> depend on
/// the seed and <c>k</c> only, as long as weeks are made in order. Not thread-safe: the emulator calls it under its lock.
/// </remarks>
internal sealed class GovPublicsWorld
{
    private readonly int _seed;
    private readonly Uri _baseAddress;
    private readonly DateTimeOffset _weekZero;
    private readonly List<PageState> _pages = [];

    public GovPublicsWorld(int seed, int pageCount, DateTimeOffset start, Uri baseAddress)
    {
        _seed = seed;
        _baseAddress = baseAddress;

        var local = start.ToOffset(SyntheticTown.Offset);
        var sinceMonday = ((int)local.DayOfWeek + 6) % 7;
        _weekZero = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, SyntheticTown.Offset).AddDays(-sinceMonday);

        // Seeded System.Random keeps its legacy algorithm on purpose, so a seed gives the same data on every runtime.
        var random = new Random(seed);
        var whole = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
        var initial = new List<GovPublicsPage>(pageCount);
        var later = new List<GovPublicsPage>();
        for (var i = 0; i < pageCount; i++)
        {
            var spec = GovPublicsCatalog.Page(i);
            var state = new PageState(spec, random.Next(spec.MinPerWeek, spec.MaxPerWeek + 1), random.Next(1_000, 9_000));
            _pages.Add(state);

            var createdAt = whole.AddDays(-random.Next(90, 1500)).AddMinutes(-random.Next(0, 24 * 60));
            var official = spec.Kind is OwnerKind.Administration or OwnerKind.Roads or OwnerKind.Housing or OwnerKind.Improvement or OwnerKind.Waste or OwnerKind.CivilDefence;
            var verified = random.NextDouble() < (official ? 0.85 : 0.55);
            var page = new GovPublicsPage
            {
                Id = "p" + (i + 1).ToString("D4", CultureInfo.InvariantCulture),
                Owner = spec.Owner,
                Network = spec.Network,
                Url = Link(PagePath(spec)),
                Name = spec.Name,
                Verified = verified,
                Followers = spec.Kind == OwnerKind.Administration ? random.Next(9_000, 26_000) : random.Next(250, 6_000),
                CreatedAt = createdAt,
                UpdatedAt = verified ? createdAt.AddDays(random.Next(1, 60)) : createdAt,
            };
            initial.Add(page);
            state.Page = page;

            if (!verified && random.NextDouble() < 0.5)
                later.Add(page with { Verified = true, UpdatedAt = whole.AddMinutes(random.Next(6 * 60, 14 * 24 * 60)) });
        }

        InitialPages = [.. initial.OrderBy(p => p.UpdatedAt)];
        LaterPageVersions = [.. later.OrderBy(p => p.UpdatedAt)];
    }

    /// <summary>Gets the pages as they stand at the start, in the order of their last change.</summary>
    public IReadOnlyList<GovPublicsPage> InitialPages { get; }

    /// <summary>Gets the versions of pages made after the start (verification granted), oldest first.</summary>
    public IReadOnlyList<GovPublicsPage> LaterPageVersions { get; }

    /// <summary>Gets when week <paramref name="week"/> starts: Monday 00:00 local time; week 0 holds the start.</summary>
    public DateTimeOffset WeekStart(int week) => _weekZero.AddDays(7 * week);

    /// <summary>Makes the publications of every page in week <paramref name="week"/>, oldest first.</summary>
    public List<GovPublicsPublication> CreateWeek(int week)
    {
        var random = new Random(unchecked((_seed * 486_187_739) + (week * 16_777_619)));
        var start = WeekStart(week);
        var publications = new List<GovPublicsPublication>();
        foreach (var state in _pages)
        {
            var spread = state.WeeklyRate <= 2 ? 1 : 2;
            var count = Math.Max(0, state.WeeklyRate + random.Next(-spread, spread + 1));
            var times = new DateTimeOffset[count];
            for (var i = 0; i < count; i++)
                times[i] = start.AddDays(PickDay(random)).AddHours(random.Next(8, 21)).AddMinutes(random.Next(0, 60));

            Array.Sort(times);
            foreach (var time in times)
                publications.Add(CreatePublication(state, time, random));
        }

        publications.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt));
        return publications;
    }

    /// <summary>Weekdays carry most publications; Saturday and Sunday fewer.</summary>
    private static int PickDay(Random random)
    {
        var x = random.NextDouble() * 5.65;
        return x < 5 ? (int)x : x < 5.4 ? 5 : 6;
    }

    private GovPublicsPublication CreatePublication(PageState state, DateTimeOffset publishedAt, Random random)
    {
        var spec = state.Spec;
        var number = ++state.LastPost;
        var street = random.Pick(SyntheticTown.Streets);
        var house = random.Next(1, 121);

        GovPublicsReference? reportsOn = null;
        string template;
        var reportShare = spec.Kind switch
        {
            OwnerKind.Administration => 0.14,
            OwnerKind.Roads or OwnerKind.Housing or OwnerKind.Improvement => 0.08,
            _ => 0.0,
        };
        if (random.NextDouble() < reportShare)
        {
            var type = PickReferenceType(random);
            reportsOn = new GovPublicsReference(type, ReferenceId(type, random.Next(1, 41)));
            template = random.Pick(GovPublicsCatalog.Reports(type)).Replace("{subject}", random.Pick(GovPublicsCatalog.ReportedSubjects), StringComparison.Ordinal);
        }
        else
        {
            template = random.Pick(GovPublicsCatalog.Posts(spec.Kind));
        }

        var date = RussianText.Date(publishedAt.AddDays(random.Next(1, 6)))[..5];
        var text = RussianText.Capitalize(RussianText.Fill(template.Replace("{date}", date, StringComparison.Ordinal), street, house, random));
        var id = $"{state.Page!.Id}-{number.ToString(CultureInfo.InvariantCulture)}";
        return new GovPublicsPublication
        {
            Id = id,
            PageId = state.Page.Id,
            OwnerId = spec.Owner.Id,
            Network = spec.Network,
            PublishedAt = publishedAt,
            UpdatedAt = random.NextDouble() < 0.05 ? publishedAt.AddMinutes(random.Next(5, 120)) : null,
            Text = text,
            Url = Link(PostPath(spec, number)),
            ReportsOn = reportsOn,
        };
    }

    private static string PickReferenceType(Random random) => random.NextDouble() switch
    {
        < 0.35 => GovPublicsReferenceTypes.Decision,
        < 0.65 => GovPublicsReferenceTypes.Vote,
        < 0.9 => GovPublicsReferenceTypes.Poll,
        _ => GovPublicsReferenceTypes.Discussion,
    };

    private static string ReferenceId(string type, int n) => (type switch
    {
        GovPublicsReferenceTypes.Poll => 318_200,
        GovPublicsReferenceTypes.Vote => 441_000,
        GovPublicsReferenceTypes.Discussion => 600_300,
        _ => 527_000,
    } + n).ToString(CultureInfo.InvariantCulture);

    private static string PagePath(PageSpec spec) => spec.Network switch
    {
        SocialNetworks.Vk => $"social/vk/{spec.Handle}",
        SocialNetworks.Ok => $"social/ok/group/{spec.Handle}",
        _ => $"social/telegram/{spec.Handle}",
    };

    private static string PostPath(PageSpec spec, int number)
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        return spec.Network switch
        {
            SocialNetworks.Vk => $"social/vk/wall-{spec.Handle}_{n}",
            SocialNetworks.Ok => $"social/ok/group/{spec.Handle}/topic/{n}",
            _ => $"social/telegram/{spec.Handle}/{n}",
        };
    }

    private string Link(string relative) => new Uri(_baseAddress, relative).AbsoluteUri;

    private sealed class PageState(PageSpec spec, int weeklyRate, int lastPost)
    {
        public PageSpec Spec { get; } = spec;

        public int WeeklyRate { get; } = weeklyRate;

        public int LastPost { get; set; } = lastPost;

        public GovPublicsPage? Page { get; set; }
    }
}
