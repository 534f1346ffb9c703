namespace MCU.Hub.Deadlines;

/// <summary>The deadline policies and assignments used when configuration names none.</summary>
public static class DeadlineDefaults
{
    /// <summary>The 59-ФЗ appeal: 30 calendar days from the day after registration, extendable by up to 30.</summary>
    public const string Appeal = "appeal-59fz";

    /// <summary>A message (ПОС, portals) with no deadline from its channel.</summary>
    public const string Message = "message";

    /// <summary>A message on a fast-track.</summary>
    public const string FastTrack = "fast-track";

    /// <summary>A social-network incident.</summary>
    public const string Incident = "incident";

    /// <summary>An important social-network incident.</summary>
    public const string ImportantIncident = "incident-important";

    /// <summary>Gets new copies of the default policies.</summary>
    /// <returns>The policies.</returns>
    public static List<DeadlinePolicyDefinition> Policies() =>
    [
        new()
        {
            Name = Appeal, Unit = DeadlineUnit.CalendarDays, Amount = 30, MaxExtension = 30, PreferChannelDeadline = false,
            Source = "59-ФЗ, ст. 12 ч. 1–2: 30 дней со дня регистрации, продление не более чем на 30 дней",
        },
        new()
        {
            Name = Message, Unit = DeadlineUnit.WorkingDays, Amount = 10, MaxExtension = 10,
            Source = "ПОС (постановление Правительства РФ № 2334): срок задаёт платформа по подкатегории; по умолчанию 10 рабочих дней",
        },
        new()
        {
            Name = FastTrack, Unit = DeadlineUnit.WorkingDays, Amount = 5,
            Source = "каталог фаст-треков муниципалитета; по умолчанию 5 рабочих дней",
        },
        new()
        {
            Name = Incident, Unit = DeadlineUnit.WorkingHours, Amount = 9, MaxExtension = 7 * 8,
            Source = "региональные нормы для инцидентов в соцсетях (Севастополь: 9 рабочих часов)",
        },
        new()
        {
            Name = ImportantIncident, Unit = DeadlineUnit.WorkingHours, Amount = 4, MaxExtension = 7 * 8,
            Source = "региональные нормы для важных инцидентов (Севастополь: 4 рабочих часа)",
        },
    ];

    /// <summary>Gets new copies of the default assignments; ЕДДС calls get no deadline.</summary>
    /// <returns>The assignments.</returns>
    public static List<DeadlineAssignment> Assignments() =>
    [
        new() { Policy = Appeal, Kinds = [MessageKind.Appeal] },
        new() { Policy = ImportantIncident, Kinds = [MessageKind.Incident], Important = true },
        new() { Policy = Incident, Kinds = [MessageKind.Incident] },
        new() { Policy = FastTrack, Kinds = [MessageKind.Message], FastTrack = true },
        new() { Policy = Message, Kinds = [MessageKind.Message] },
    ];
}
