using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.IncidentManagement.Internal;

/// <summary>A detected topic with the posts residents write about it.</summary>
/// <param name="Name">The topic as the moderator names it.</param>
/// <param name="ImportantShare">The share of incidents of this topic marked important.</param>
/// <param name="Posts">Post templates; placeholders as in <c>RussianText.Fill</c>.</param>
internal sealed record TopicSpec(string Name, double ImportantShare, string[] Posts);

/// <summary>A rubric with its share of the flow.</summary>
internal sealed record RubricSpec(string Name, double Weight, TopicSpec[] Topics);

/// <summary>A local community, channel or group where residents post.</summary>
/// <param name="Network">The network.</param>
/// <param name="Handle">The community's id or short name in its links.</param>
/// <param name="Name">The community's name.</param>
internal sealed record CommunitySpec(string Network, string Handle, string Name);

/// <summary>
/// The synthetic social-network world of the «Инцидент Менеджмент» emulator: local communities of Новоречинск and
/// the way residents write there. Every text here was written for this project.
/// </summary>
internal static class IncidentCatalog
{
    public static readonly CommunitySpec[] Communities =
    [
        new(SocialNetworks.Vk, "club71230045", "Типичный Новоречинск"),
        new(SocialNetworks.Vk, "club80417722", "Новоречинск: жалобы и предложения"),
        new(SocialNetworks.Vk, "club65501398", "Заречье — наш район"),
        new(SocialNetworks.Vk, "club91102844", "Автомобилисты Новоречинска"),
        new(SocialNetworks.Ok, "group54120087334", "Новоречинск — родной город"),
        new(SocialNetworks.Ok, "group57733210981", "Мамы Новоречинска"),
        new(SocialNetworks.Telegram, "novorechinsk_live", "Новоречинск LIVE"),
        new(SocialNetworks.Telegram, "nrk_chp", "ЧП Новоречинск"),
        new(SocialNetworks.Telegram, "metallurgov_chat", "Чат жителей проспекта Металлургов"),
    ];

    public static readonly string[] Openers =
    [
        "Администрация, обратите внимание!",
        "Подскажите, кто-нибудь знает, что происходит?",
        "Люди, это нормально вообще?",
        "Опять двадцать пять.",
        "Хочу пожаловаться.",
        "Может, хоть тут услышат.",
        "Доброе утро, Новоречинск.",
    ];

    public static readonly string[] Closers =
    [
        "Сколько можно?!",
        "Ответьте хоть кто-нибудь.",
        "Надеемся на реакцию.",
        "Куда звонить — непонятно.",
        "Просим администрацию разобраться.",
        "Репост, пусть увидят.",
        "Уже не знаем, куда писать.",
    ];

    public static readonly RubricSpec[] Rubrics =
    [
        new("ЖКХ", 0.26,
        [
            new("Отопление", 0.25,
            [
                "Дом {house} {on}, батареи ледяные. Дома {temp} градусов, дети сидят в куртках.",
                "Когда уже дадут нормальное отопление {on}? В доме {house} еле тёплые трубы.",
                "У нас {on}, дом {house}, {days} нет отопления в подъезде, окна разбиты.",
            ]),
            new("Водоснабжение", 0.3,
            [
                "{on} в доме {house} опять нет горячей воды, и никто не предупреждал.",
                "Из крана в доме {house} {on} идёт коричневая вода. Пить это невозможно.",
                "Дом {house} {on} без воды с утра. Аварийка трубку не берёт.",
            ]),
            new("Управляющие компании", 0.05,
            [
                "Управляющая компания дома {house} {on} не убирает подъезд {weeks}. Платим исправно.",
                "В доме {house} {on} протекает крыша, УК только обещает.",
            ]),
        ]),
        new("Дороги", 0.2,
        [
            new("Ямы на дорогах", 0.05,
            [
                "{on} у дома {house} яма на всю полосу, сегодня опять кто-то пробил колесо.",
                "Ехали {along} — не дорога, а полоса препятствий. Когда будет ремонт?",
                "Асфальт {on} положили летом, а он уже провалился напротив дома {house}.",
            ]),
            new("Уборка снега", 0.15,
            [
                "{on} тротуары не чистили {days}, люди идут по проезжей части.",
                "Грейдер прошёл {along} и завалил снегом выезд из двора дома {house}.",
                "Гололёд {on} возле дома {house}, уже двое упали. Посыпьте, пожалуйста!",
            ]),
            new("Светофоры и разметка", 0.2,
            [
                "Светофор {on} у дома {house} опять не работает, перейти дорогу нереально.",
                "Разметку пешеходного перехода {on} вообще не видно, водители не останавливаются.",
            ]),
        ]),
        new("Мусор", 0.14,
        [
            new("Вывоз мусора", 0.1,
            [
                "Контейнеры у дома {house} {along} не вывозили {days}, мусор уже вокруг площадки.",
                "Мусоровоз к дому {house} {along} не приезжал с прошлой недели. Вонь на весь двор.",
            ]),
            new("Свалки", 0.03,
            [
                "За гаражами {on} опять свалка: строительный мусор, старые диваны.",
                "У реки за домом {house} {along} кто-то вывалил мешки с мусором.",
            ]),
        ]),
        new("Благоустройство", 0.16,
        [
            new("Освещение", 0.1,
            [
                "{on} от дома {house} до остановки темно, ни один фонарь не горит.",
                "Вечером {along} идти страшно — освещения нет уже {weeks}.",
            ]),
            new("Детские площадки", 0.1,
            [
                "На площадке у дома {house} {along} сломаны качели, торчат болты. Дети же там играют!",
                "Во дворе дома {house} {along} горка разваливается, кто отвечает за площадку?",
            ]),
            new("Дворы и озеленение", 0.05,
            [
                "Во дворе дома {house} {along} упало дерево и лежит {days}.",
                "Газон у дома {house} {on} весь разъезжен машинами, превратился в грязь.",
            ]),
        ]),
        new("Транспорт", 0.1,
        [
            new("Общественный транспорт", 0.05,
            [
                "Автобус № {route} опять не пришёл, стояли {minutes} минут на остановке {on}.",
                "После восьми вечера маршрут № {route} просто пропадает. Как людям добираться с работы?",
                "В автобусе № {route} холодно, печка не работает, водитель говорит — не положено.",
            ]),
        ]),
        new("Энергетика", 0.06,
        [
            new("Отключение электроэнергии", 0.6,
            [
                "{on} нет света уже {hours}, ни объявлений, ни информации.",
                "В доме {house} {on} скачет напряжение, у соседей сгорел холодильник.",
            ]),
        ]),
        new("Безопасность", 0.05,
        [
            new("Бездомные собаки", 0.4,
            [
                "Во дворе дома {house} {along} стая собак кидается на детей. Когда отловят?",
                "{on} у школы бегают собаки, дети боятся ходить на занятия.",
            ]),
        ]),
        new("Здравоохранение", 0.03,
        [
            new("Поликлиники", 0.1,
            [
                "В поликлинику на {street} невозможно дозвониться, запись на две недели вперёд.",
                "В поликлинике на {street} нет талонов к терапевту уже {days}.",
            ]),
        ]),
    ];

    public static readonly double[] DeadlineHours = [8, 24, 24, 9];
}
