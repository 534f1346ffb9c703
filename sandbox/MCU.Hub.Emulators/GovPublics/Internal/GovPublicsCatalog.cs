using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.GovPublics.Internal;

/// <summary>What kind of organisation owns a page: it decides what and how often the page publishes.</summary>
internal enum OwnerKind
{
    Administration,
    Roads,
    Housing,
    Improvement,
    Waste,
    CivilDefence,
    Culture,
    Sport,
    School,
    Kindergarten,
}

/// <summary>An official page before it is published: who owns it, where, and how often it posts.</summary>
internal sealed record PageSpec(OwnerKind Kind, GovPublicsOwner Owner, string Network, string Handle, string Name, int MinPerWeek, int MaxPerWeek);

/// <summary>
/// The synthetic official pages of Новоречинск and what they publish. Every text here was written for this project.
/// </summary>
internal static class GovPublicsCatalog
{
    private static readonly GovPublicsOwner Administration = new("5299000011", "Администрация города Новоречинска");
    private static readonly GovPublicsOwner Roads = new("5299000029", "Управление дорожного хозяйства и транспорта");
    private static readonly GovPublicsOwner Housing = new("5299000036", "МКУ «Служба жилищно-коммунального хозяйства»");
    private static readonly GovPublicsOwner Improvement = new("5299000043", "Управление благоустройства");
    private static readonly GovPublicsOwner Waste = new("5299000050", "Отдел экологии и обращения с отходами");
    private static readonly GovPublicsOwner CivilDefence = new("5299000068", "Отдел по делам ГО и ЧС");
    private static readonly GovPublicsOwner Culture = new("5299000075", "МАУК «Дворец культуры «Металлург»");
    private static readonly GovPublicsOwner Sport = new("5299000082", "МБУ «Спортивная школа «Олимп»");

    /// <summary>The first pages, in the order <see cref="Page"/> hands them out.</summary>
    private static readonly PageSpec[] Fixed =
    [
        new(OwnerKind.Administration, Administration, SocialNetworks.Vk, "adm_novorechinsk", "Администрация города Новоречинска", 16, 24),
        new(OwnerKind.Administration, Administration, SocialNetworks.Telegram, "novorechinsk_official", "Новоречинск официально", 12, 20),
        new(OwnerKind.Administration, Administration, SocialNetworks.Ok, "adm.novorechinsk", "Администрация г. Новоречинска", 5, 9),
        new(OwnerKind.Roads, Roads, SocialNetworks.Vk, "dorogi_nrk", "Дороги и транспорт Новоречинска", 4, 8),
        new(OwnerKind.Housing, Housing, SocialNetworks.Vk, "zhkh_nrk", "Служба ЖКХ Новоречинска", 5, 9),
        new(OwnerKind.Housing, Housing, SocialNetworks.Telegram, "zhkh_novorechinsk", "ЖКХ Новоречинска: отключения и ремонты", 3, 7),
        new(OwnerKind.Improvement, Improvement, SocialNetworks.Vk, "blago_nrk", "Благоустройство Новоречинска", 4, 8),
        new(OwnerKind.Waste, Waste, SocialNetworks.Ok, "eco.nrk", "Экология и отходы — Новоречинск", 2, 5),
        new(OwnerKind.CivilDefence, CivilDefence, SocialNetworks.Telegram, "gochs_nrk", "ГО и ЧС Новоречинска", 3, 7),
        new(OwnerKind.CivilDefence, CivilDefence, SocialNetworks.Vk, "gochs_novorechinsk", "Безопасный Новоречинск", 2, 6),
        new(OwnerKind.Culture, Culture, SocialNetworks.Vk, "dk_metallurg", "ДК «Металлург»", 4, 8),
        new(OwnerKind.Sport, Sport, SocialNetworks.Vk, "olimp_nrk", "Спортивная школа «Олимп»", 2, 5),
    ];

    /// <summary>Gets the spec of the page with <paramref name="index"/>; after the fixed ones come schools and kindergartens.</summary>
    public static PageSpec Page(int index)
    {
        if (index < Fixed.Length)
            return Fixed[index];

        var n = ((index - Fixed.Length) / 2) + 1;
        var number = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inn = (5299100000L + (index * 7L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (index - Fixed.Length) % 2 == 0
            ? new(OwnerKind.School, new(inn, $"МБОУ «Средняя общеобразовательная школа № {number}»"), n % 3 == 0 ? SocialNetworks.Telegram : SocialNetworks.Vk, $"school{number}_nrk", $"Школа № {number} г. Новоречинска", 1, 6)
            : new(OwnerKind.Kindergarten, new(inn, $"МБДОУ «Детский сад № {number}»"), n % 2 == 0 ? SocialNetworks.Ok : SocialNetworks.Vk, $"ds{number}_nrk", $"Детский сад № {number}", 1, 4);
    }

    /// <summary>Publication templates per kind of owner; placeholders as in <c>RussianText.Fill</c> plus <c>{date}</c>.</summary>
    public static string[] Posts(OwnerKind kind) => kind switch
    {
        OwnerKind.Administration =>
        [
            "Глава города провёл выездное совещание {on}: обсудили ремонт дороги и освещение. Работы начнутся в ближайшее время.",
            "Уважаемые жители! {date} с 10:00 до 12:00 в администрации проходит приём граждан по личным вопросам. Предварительная запись по телефону.",
            "{on} завершён ремонт тротуара от дома {house} до остановки. Спасибо жителям за терпение!",
            "В Новоречинске стартует приём заявок на участие в программе инициативного бюджетирования. Подробности — в комментариях.",
            "Сегодня на аппаратном совещании обсудили подготовку города к празднику и уборку улиц после зимы.",
            "Напоминаем: сообщить о проблеме в городе можно через платформу обратной связи на Госуслугах — каждое сообщение рассматривается.",
            "Ответы на самые частые вопросы жителей за неделю: вывоз мусора, освещение дворов, расписание автобусов.",
        ],
        OwnerKind.Roads =>
        [
            "{on} начинается ямочный ремонт. Просим водителей соблюдать скоростной режим у места работ.",
            "С {date} изменится расписание автобуса № {route}: добавлены вечерние рейсы.",
            "{along} восстановлена дорожная разметка пешеходного перехода у дома {house}.",
            "Внимание! {date} {on} будет ограничено движение из-за ремонта коммуникаций.",
            "Отремонтирован светофорный объект {on} у дома {house}.",
        ],
        OwnerKind.Housing =>
        [
            "Плановое отключение горячей воды {date} в домах {along}. Приносим извинения за неудобства.",
            "В доме {house} {on} завершён ремонт кровли по программе капитального ремонта.",
            "Подготовка к отопительному сезону: промывка систем отопления идёт по графику.",
            "Аварийная бригада устранила порыв водопровода {on}. Водоснабжение восстановлено.",
            "Напоминаем телефоны аварийно-диспетчерской службы — сохраните их себе.",
        ],
        OwnerKind.Improvement =>
        [
            "Во дворе дома {house} {along} установили новую детскую площадку.",
            "{date} приглашаем на общегородской субботник. Инвентарь выдадим на месте.",
            "В сквере {on} высажено 30 молодых лип и установлены новые скамейки.",
            "{along} заменены светильники уличного освещения на энергосберегающие.",
        ],
        OwnerKind.Waste =>
        [
            "График вывоза крупногабаритных отходов на следующую неделю — в карточках.",
            "Ликвидирована несанкционированная свалка за домом {house} {along}.",
            "{date} пройдёт акция по сбору батареек и макулатуры. Пункты приёма — в школах города.",
        ],
        OwnerKind.CivilDefence =>
        [
            "Внимание! По данным синоптиков, {date} ожидается усиление ветра до 20 м/с. Будьте осторожны.",
            "Напоминаем правила безопасности на льду: выход на лёд водоёмов запрещён.",
            "Паводковая обстановка в городе стабильная, уровень воды в реке в норме.",
            "Единая дежурно-диспетчерская служба работает круглосуточно. Телефон экстренных служб — 112.",
        ],
        OwnerKind.Culture =>
        [
            "{date} в ДК «Металлург» — концерт народного хора. Вход свободный.",
            "Открыт набор в творческие студии: вокал, хореография, театр.",
            "Спасибо всем, кто пришёл на праздничную программу на площади!",
        ],
        OwnerKind.Sport =>
        [
            "Наши воспитанники заняли призовые места на областных соревнованиях по лёгкой атлетике.",
            "{date} — открытое первенство города по мини-футболу. Приглашаем болельщиков!",
            "Открыт набор детей 7–10 лет в секции плавания и лыжных гонок.",
        ],
        OwnerKind.School =>
        [
            "{date} — общешкольное родительское собрание в 18:00.",
            "Ученики нашей школы стали призёрами муниципального этапа олимпиады.",
            "В школе прошла неделя безопасности дорожного движения.",
            "Поздравляем педагогов и учеников с началом четверти!",
        ],
        _ =>
        [
            "В старшей группе прошёл праздник осени. Спасибо родителям за помощь!",
            "Идёт набор детей в группы кратковременного пребывания.",
            "Воспитанники детского сада посадили цветы на участке.",
        ],
    };

    /// <summary>What residents decided together with the administration, in the words of a report.</summary>
    public static readonly string[] ReportedSubjects =
    [
        "благоустройство сквера {on}",
        "место для новой спортивной площадки у дома {house} {along}",
        "новое расписание автобуса № {route}",
        "перечень дворов для ремонта в следующем году",
        "освещение пешеходной дорожки {along}",
        "цвет и оборудование детской площадки во дворе дома {house} {along}",
    ];

    /// <summary>Report templates by reference type; <c>{subject}</c> is one of <see cref="ReportedSubjects"/>.</summary>
    public static string[] Reports(string type) => type switch
    {
        GovPublicsReferenceTypes.Poll =>
        [
            "Подведены итоги опроса на платформе обратной связи: {subject}. Спасибо всем, кто принял участие!",
            "Вы выбрали — мы делаем. По итогам опроса жителей учтено мнение большинства: {subject}.",
        ],
        GovPublicsReferenceTypes.Vote =>
        [
            "По итогам голосования жителей на Госуслугах утверждено: {subject}. Работы начнутся в этом месяце.",
            "Голосование завершено. Рассказываем, как выполняется решение жителей: {subject}.",
        ],
        GovPublicsReferenceTypes.Discussion =>
        [
            "Общественное обсуждение завершено: {subject}. Предложения жителей учтены в проекте.",
        ],
        _ =>
        [
            "Выполняем решение, принятое вместе с жителями: {subject}. Работы завершены — фото в карточках.",
            "Отчитываемся о решении, принятом с жителями: {subject}. Всё сделано в срок.",
        ],
    };
}
