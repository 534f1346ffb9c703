namespace MCU.Hub.Emulators.Edds.Internal;

/// <summary>A kind of call: what the operator records, whom it is passed to and how long it stays open.</summary>
/// <param name="Category">The group of the incident.</param>
/// <param name="Type">The type of the incident.</param>
/// <param name="Weight">Its share of the flow.</param>
/// <param name="Descriptions">The operator's notes; placeholders as in <c>RussianText.Fill</c>.</param>
/// <param name="Severities">Severities, picked uniformly.</param>
/// <param name="ServiceSets">Sets of services, picked uniformly; empty when nobody is sent.</param>
/// <param name="MinMinutes">The shortest time to closure.</param>
/// <param name="MaxMinutes">The longest time to closure.</param>
/// <param name="MunicipalShare">The share of cards that need a municipal recipient.</param>
/// <param name="NoResponseReason">The reason when calls of this kind need no response.</param>
/// <param name="AddressShare">The share of cards with an address.</param>
/// <param name="WorkStage">The card is taken into work before it is closed (one more version).</param>
internal sealed record CallKind(
    string Category,
    string Type,
    double Weight,
    string[] Descriptions,
    string[] Severities,
    string[][] ServiceSets,
    int MinMinutes,
    int MaxMinutes,
    double MunicipalShare = 0,
    string? NoResponseReason = null,
    double AddressShare = 0.95,
    bool WorkStage = false);

/// <summary>
/// The synthetic flow of an ЕДДС of a town of about 150 thousand people: a third of the calls need no response
/// (reference, false, prank), most of the rest go to the ambulance and the police, and a sixth are utilities failures
/// and damaged infrastructure that a municipal recipient must deal with. Every text here was written for this project.
/// </summary>
internal static class EddsCatalog
{
    private static readonly string[] LowOnly = [EddsSeverities.Low];
    private static readonly string[][] Nobody = [[]];

    public static readonly CallKind[] Kinds =
    [
        new("Справочная информация", "Запрос справочной информации", 0.21,
        [
            "Заявитель уточнял график работы поликлиники.",
            "Уточнение телефона аварийной службы управляющей компании.",
            "Вопрос о сроках отключения горячей воды {on}.",
            "Заявительница интересовалась расписанием автобуса № {route}.",
            "Вопрос о работе пунктов обогрева в морозы.",
        ], LowOnly, Nobody, 1, 4, NoResponseReason: EddsNoResponseReasons.Reference, AddressShare: 0.2),
        new("Ложный вызов", "Ложное сообщение о происшествии", 0.06,
        [
            "Сообщение о задымлении в подъезде дома {house} {on} не подтвердилось.",
            "Вызов скорой помощи: по указанному адресу помощь не требовалась.",
            "Сообщение о ДТП {on}: на месте происшествия не обнаружено.",
        ], [EddsSeverities.Medium], [[EddsServices.Fire], [EddsServices.Ambulance], [EddsServices.Police]], 20, 50, NoResponseReason: EddsNoResponseReasons.FalseCall),
        new("Ложный вызов", "Хулиганский вызов", 0.05,
        [
            "Звонок ребёнка, сообщения о происшествии нет.",
            "Абонент выражался нецензурно, сведений о происшествии не сообщил.",
            "Повторный звонок без сообщения, абонент молчит.",
        ], LowOnly, Nobody, 1, 3, NoResponseReason: EddsNoResponseReasons.Prank, AddressShare: 0.1),
        new("Медицинская помощь", "Вызов скорой медицинской помощи", 0.2,
        [
            "Мужчине 67 лет плохо с сердцем.",
            "Травма ноги при падении на гололёде {on}.",
            "Высокая температура у ребёнка 3 лет.",
            "Женщине стало плохо в магазине {on}.",
        ], [EddsSeverities.Medium, EddsSeverities.High], [[EddsServices.Ambulance]], 25, 90),
        new("Охрана общественного порядка", "Нарушение общественного порядка", 0.09,
        [
            "Шумная компания во дворе дома {house} {along} после 23:00.",
            "Драка у магазина {on}.",
            "Подозрительный мужчина заглядывает в машины во дворе дома {house} {along}.",
        ], [EddsSeverities.Low, EddsSeverities.Medium], [[EddsServices.Police]], 30, 120),
        new("Дорожно-транспортное происшествие", "ДТП без пострадавших", 0.035,
        [
            "Столкновение двух легковых автомобилей {on} у дома {house}.",
            "Наезд на припаркованный автомобиль во дворе дома {house} {along}.",
        ], [EddsSeverities.Low, EddsSeverities.Medium], [[EddsServices.Police]], 60, 150),
        new("Дорожно-транспортное происшествие", "ДТП с пострадавшими", 0.015,
        [
            "Наезд на пешехода на переходе {on} у дома {house}, пострадавший в сознании.",
            "Столкновение автобуса маршрута № {route} и легкового автомобиля {on}, двое пострадавших.",
        ], [EddsSeverities.High, EddsSeverities.Critical], [[EddsServices.Police, EddsServices.Ambulance], [EddsServices.Police, EddsServices.Ambulance, EddsServices.Fire]], 60, 180),
        new("Дорожно-транспортное происшествие", "ДТП с повреждением дорожной инфраструктуры", 0.025,
        [
            "Автомобиль снёс опору уличного освещения {on} у дома {house}, провода на проезжей части.",
            "После столкновения повреждено металлическое ограждение {along} у дома {house}.",
            "Грузовик повредил светофор на перекрёстке {on}, светофор не работает.",
            "Автомобиль сбил дорожный знак и повредил остановочный павильон {on}.",
        ], [EddsSeverities.Medium, EddsSeverities.High], [[EddsServices.Police, EddsServices.Roads], [EddsServices.Police, EddsServices.Ambulance, EddsServices.Roads]], 120, 480, MunicipalShare: 1, WorkStage: true),
        new("Пожар", "Возгорание", 0.04,
        [
            "Горит мусор в контейнере у дома {house} {along}.",
            "Возгорание в квартире на третьем этаже дома {house} {on}, жильцы эвакуированы.",
            "Горит сухая трава за гаражами {on}.",
            "Задымление в подвале дома {house} {on}.",
        ], [EddsSeverities.High, EddsSeverities.Critical], [[EddsServices.Fire], [EddsServices.Fire, EddsServices.Ambulance]], 40, 180, MunicipalShare: 0.2),
        new("Газ", "Запах газа", 0.03,
        [
            "Запах газа в подъезде дома {house} {on}.",
            "Жильцы дома {house} {along} сообщают о запахе газа у газопровода.",
        ], [EddsSeverities.High], [[EddsServices.Gas]], 30, 90),
        new("ЖКХ", "Авария на сетях теплоснабжения", 0.045,
        [
            "Порыв на теплотрассе у дома {house} {along}, в домах нет отопления.",
            "Из-под асфальта {on} у дома {house} идёт пар, отопление в квартале отключено.",
        ], [EddsSeverities.Medium, EddsSeverities.High], [[EddsServices.Utilities]], 180, 840, MunicipalShare: 0.95, WorkStage: true),
        new("ЖКХ", "Авария на сетях водоснабжения", 0.04,
        [
            "Порыв водопровода {on} у дома {house}, вода заливает проезжую часть.",
            "В домах {along} нет холодной воды, течь в колодце у дома {house}.",
        ], [EddsSeverities.Medium, EddsSeverities.High], [[EddsServices.Utilities]], 120, 720, MunicipalShare: 0.95, WorkStage: true),
        new("ЖКХ", "Засор канализации", 0.025,
        [
            "Канализационные стоки затапливают подвал дома {house} {on}.",
            "Из колодца у дома {house} {along} изливаются стоки.",
        ], [EddsSeverities.Medium], [[EddsServices.Utilities]], 120, 600, MunicipalShare: 0.9, WorkStage: true),
        new("ЖКХ", "Отключение электроэнергии", 0.03,
        [
            "Нет электричества в домах {along}.",
            "В доме {house} {on} отключилось электричество, в подъезде искрит щиток.",
        ], [EddsSeverities.Medium, EddsSeverities.High], [[EddsServices.Power], [EddsServices.Power, EddsServices.Utilities]], 60, 360, MunicipalShare: 0.8, WorkStage: true),
        new("ЖКХ", "Открытый канализационный люк", 0.01,
        [
            "Открытый канализационный люк на тротуаре {on} у дома {house}.",
        ], [EddsSeverities.Medium], [[EddsServices.Utilities]], 60, 300, MunicipalShare: 1, WorkStage: true),
        new("Природные явления", "Падение дерева", 0.015,
        [
            "Упавшее дерево перегородило проезд у дома {house} {along}.",
            "Дерево упало на провода {on} у дома {house}.",
        ], [EddsSeverities.Medium], [[EddsServices.Administration], [EddsServices.Administration, EddsServices.Power]], 120, 600, MunicipalShare: 1, WorkStage: true),
        new("Природные явления", "Подтопление территории", 0.01,
        [
            "Подтопление дворовой территории дома {house} {along} талыми водами.",
            "После ливня затоплен подземный переход {on}.",
        ], [EddsSeverities.Medium], [[EddsServices.Utilities], [EddsServices.Administration]], 180, 900, MunicipalShare: 1, WorkStage: true),
        new("Безнадзорные животные", "Агрессивные безнадзорные собаки", 0.01,
        [
            "Стая собак бросается на детей у школы {on}.",
            "Безнадзорная собака покусала прохожего во дворе дома {house} {along}.",
        ], [EddsSeverities.Medium], [[EddsServices.Administration], [EddsServices.Administration, EddsServices.Ambulance]], 120, 1440, MunicipalShare: 1),
    ];
}
