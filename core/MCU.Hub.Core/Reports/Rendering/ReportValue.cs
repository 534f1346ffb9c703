namespace MCU.Hub.Reports;

/// <summary>The kind of content a <see cref="ReportValue"/> holds.</summary>
public enum ReportValueKind
{
    /// <summary>An empty cell.</summary>
    Empty,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A date and time of day with its offset.</summary>
    DateTime,
}

/// <summary>
/// One cell of a report table: text, a number, a date, a date and time, or nothing. The default value is empty.
/// </summary>
public readonly record struct ReportValue
{
    private readonly string? text;
    private readonly double number;
    private readonly DateTimeOffset dateTime;

    private ReportValue(ReportValueKind kind, string? text, double number, DateTimeOffset dateTime)
    {
        Kind = kind;
        this.text = text;
        this.number = number;
        this.dateTime = dateTime;
    }

    /// <summary>An empty cell.</summary>
    public static ReportValue Empty => default;

    /// <summary>What the cell holds.</summary>
    public ReportValueKind Kind { get; }

    /// <summary>Whether the cell is empty.</summary>
    public bool IsEmpty => Kind == ReportValueKind.Empty;

    /// <summary>The text, when <see cref="Kind"/> is <see cref="ReportValueKind.Text"/>; otherwise <see langword="null"/>.</summary>
    public string? TextValue => Kind == ReportValueKind.Text ? text : null;

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ReportValueKind.Number"/>; otherwise <see langword="null"/>.</summary>
    public double? NumberValue => Kind == ReportValueKind.Number ? number : null;

    /// <summary>The date, when <see cref="Kind"/> is <see cref="ReportValueKind.Date"/>; otherwise <see langword="null"/>.</summary>
    public DateOnly? DateValue => Kind == ReportValueKind.Date ? DateOnly.FromDateTime(dateTime.DateTime) : null;

    /// <summary>The date and time, when <see cref="Kind"/> is <see cref="ReportValueKind.DateTime"/>; otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? DateTimeValue => Kind == ReportValueKind.DateTime ? dateTime : null;

    /// <summary>A text cell; <see langword="null"/> gives an empty cell.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The cell.</returns>
    public static ReportValue FromText(string? value) =>
        value is null ? default : new ReportValue(ReportValueKind.Text, value, 0, default);

    /// <summary>A numeric cell. A non-finite number (NaN, infinity) gives an empty cell: no format can store it.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The cell.</returns>
    public static ReportValue FromNumber(double value) =>
        double.IsFinite(value) ? new ReportValue(ReportValueKind.Number, null, value, default) : default;

    /// <summary>A numeric cell, or an empty cell for <see langword="null"/>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The cell.</returns>
    public static ReportValue FromNumber(double? value) => value is { } v ? FromNumber(v) : default;

    /// <summary>A date cell.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The cell.</returns>
    public static ReportValue FromDate(DateOnly value) =>
        new(ReportValueKind.Date, null, 0, new DateTimeOffset(value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>A date-and-time cell; renderers show its clock time in its own offset.</summary>
    /// <param name="value">The date and time.</param>
    /// <returns>The cell.</returns>
    public static ReportValue FromDateTime(DateTimeOffset value) => new(ReportValueKind.DateTime, null, 0, value);

    /// <summary>Converts text to a text cell (<see langword="null"/> to an empty cell).</summary>
    /// <param name="value">The text.</param>
    public static implicit operator ReportValue(string? value) => FromText(value);

    /// <summary>Converts a number to a numeric cell.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator ReportValue(double value) => FromNumber(value);

    /// <summary>Converts a whole number to a numeric cell.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator ReportValue(int value) => FromNumber(value);

    /// <summary>Converts a date to a date cell.</summary>
    /// <param name="value">The date.</param>
    public static implicit operator ReportValue(DateOnly value) => FromDate(value);

    /// <summary>Converts a date and time to a date-and-time cell.</summary>
    /// <param name="value">The date and time.</param>
    public static implicit operator ReportValue(DateTimeOffset value) => FromDateTime(value);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ReportValueKind.Text => text!,
        ReportValueKind.Number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ReportValueKind.Date => DateValue!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ReportValueKind.DateTime => dateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}
