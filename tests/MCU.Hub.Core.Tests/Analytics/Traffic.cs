using MCU.Hub.Analytics;
using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Core.Tests.Analytics;

/// <summary>Synthetic message traffic with a fixed seed: Poisson counts per day, more on working days.</summary>
internal sealed class Traffic
{
    public static readonly ProductionCalendar Calendar = new();

    public static readonly TimeSpan Msk = TimeSpan.FromHours(3);

    public static readonly string[] Categories = ["roads", "trash", "lighting"];

    public static readonly string[] Territories = ["T1", "T2", "T3"];

    public static readonly string[] Channels = ["pos", "pos", "edds", "mail"];

    private readonly Random _random;
    private int _next;

    public Traffic(int seed) => _random = new Random(seed);

    public List<AnalyticsItem> Items { get; } = [];

    public static string BlockOf(string category) => category == "roads" ? "transport" : category == "flooding" ? "emergency" : "housing";

    /// <summary>Adds the background: every category in every territory, <paramref name="working"/> a working day, <paramref name="dayOff"/> a day off, per combination.</summary>
    public Traffic Background(DateOnly first, DateOnly last, double working = 3, double dayOff = 1, double factor = 1)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var rate = (Calendar.IsWorkingDay(day) ? working : dayOff) * factor;
            foreach (var category in Categories)
            {
                foreach (var territory in Territories)
                {
                    var count = Poisson(rate);
                    for (var i = 0; i < count; i++)
                        Add(day, category, territory, Channels[_random.Next(Channels.Length)]);
                }
            }
        }

        return this;
    }

    public AnalyticsItem Add(DateOnly day, string category, string? territory, string channel, string? id = null)
    {
        var item = new AnalyticsItem
        {
            Id = id ?? $"m{_next++:D6}",
            ReceivedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), Msk).AddMinutes(_random.Next(0, 12 * 60)),
            LocalDate = day,
            Channel = channel,
            Category = category,
            Block = BlockOf(category),
            Territory = territory,
            Text = "обращение",
        };
        Items.Add(item);
        return item;
    }

    public List<AnalyticsItem> Plant(DateOnly first, DateOnly last, int count, string category, string territory, string channel)
    {
        var planted = new List<AnalyticsItem>();
        var days = last.DayNumber - first.DayNumber + 1;
        for (var i = 0; i < count; i++)
            planted.Add(Add(first.AddDays(i % days), category, territory, channel, $"surge{i:D3}"));
        return planted;
    }

    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var product = _random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= _random.NextDouble();
        }

        return count;
    }
}
