namespace MCU.Hub.Emulators.Edds;

/// <summary>The card statuses of the emulated ЕДДС contract (the <c>status</c> field).</summary>
public static class EddsCardStatuses
{
    /// <summary>«Зарегистрирована»: the operator took the call.</summary>
    public const string Registered = "registered";

    /// <summary>«В работе»: passed to the services, they are working.</summary>
    public const string InProgress = "in_progress";

    /// <summary>«Закрыта».</summary>
    public const string Closed = "closed";

    /// <summary>Gets every status.</summary>
    public static IReadOnlyList<string> All { get; } = [Registered, InProgress, Closed];
}

/// <summary>How severe an incident is (the <c>severity</c> field).</summary>
public static class EddsSeverities
{
    /// <summary>«Низкая».</summary>
    public const string Low = "low";

    /// <summary>«Средняя».</summary>
    public const string Medium = "medium";

    /// <summary>«Высокая».</summary>
    public const string High = "high";

    /// <summary>«Чрезвычайная»: a threat to life or an emergency situation.</summary>
    public const string Critical = "critical";

    /// <summary>Gets every severity.</summary>
    public static IReadOnlyList<string> All { get; } = [Low, Medium, High, Critical];
}

/// <summary>The services a card is passed to (the <c>services</c> field); a single card serves all of them.</summary>
public static class EddsServices
{
    /// <summary>Пожарная охрана.</summary>
    public const string Fire = "01";

    /// <summary>Полиция.</summary>
    public const string Police = "02";

    /// <summary>Скорая медицинская помощь.</summary>
    public const string Ambulance = "03";

    /// <summary>Аварийная газовая служба.</summary>
    public const string Gas = "04";

    /// <summary>Аварийно-диспетчерские службы ЖКХ.</summary>
    public const string Utilities = "ЖКХ";

    /// <summary>Дорожные службы.</summary>
    public const string Roads = "ДОРОГИ";

    /// <summary>Электросетевая организация.</summary>
    public const string Power = "ЭНЕРГО";

    /// <summary>Дежурные службы администрации.</summary>
    public const string Administration = "АДМ";

    /// <summary>Gets every service.</summary>
    public static IReadOnlyList<string> All { get; } = [Fire, Police, Ambulance, Gas, Utilities, Roads, Power, Administration];
}

/// <summary>Why a call needed no response (the <c>no_response_reason</c> field).</summary>
public static class EddsNoResponseReasons
{
    /// <summary>«Ложный вызов»: the reported incident was not confirmed.</summary>
    public const string FalseCall = "false_call";

    /// <summary>«Хулиганский вызов».</summary>
    public const string Prank = "prank";

    /// <summary>«Справочный»: the caller asked for information.</summary>
    public const string Reference = "reference";

    /// <summary>Gets every reason.</summary>
    public static IReadOnlyList<string> All { get; } = [FalseCall, Prank, Reference];
}

/// <summary>How a call reached the ЕДДС (the <c>source</c> field).</summary>
public static class EddsCallSources
{
    /// <summary>A call to 112.</summary>
    public const string Call112 = "112";

    /// <summary>A call to the ЕДДС's own number.</summary>
    public const string Phone = "phone";

    /// <summary>An SMS.</summary>
    public const string Sms = "sms";

    /// <summary>An automatic call of the ЭРА-ГЛОНАСС system from a vehicle.</summary>
    public const string EraGlonass = "era_glonass";

    /// <summary>Gets every source.</summary>
    public static IReadOnlyList<string> All { get; } = [Call112, Phone, Sms, EraGlonass];
}
