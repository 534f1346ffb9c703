namespace MCU.Hub.Directory;

/// <summary>
/// The thematic blocks named in the municipal regulations, with a few typical topics each. A municipality
/// replaces or extends them through configuration (<c>McuHub:Directory:Categories</c>).
/// </summary>
public static class DefaultDirectory
{
    /// <summary>Gets the default category tree.</summary>
    /// <returns>A new list of blocks and topics.</returns>
    public static List<Category> Categories() =>
    [
        Block("housing-utilities", "Жилищно-коммунальное хозяйство", ["жкх", "отоплен", "батаре", "водоснабжен", "канализац", "подъезд", "управляющ", "крыш", "протеч"], ["ЖКХ", "Жилищно-коммунальное хозяйство"]),
        Topic("heating", "Отопление", "housing-utilities", ["отоплен", "батаре", "холодн"]),
        Topic("water", "Водоснабжение и водоотведение", "housing-utilities", ["вод", "канализац", "кран"]),
        Block("roads", "Дороги", ["дорог", "ям", "асфальт", "тротуар", "обочин", "гололед", "гололёд", "наледь"], ["Дороги", "Автомобильные дороги"]),
        Topic("road-repair", "Ремонт дорог", "roads", ["ям", "асфальт", "выбоин", "ремонт дорог"]),
        Topic("snow-removal", "Уборка снега и наледи", "roads", ["снег", "сугроб", "наледь", "гололед", "гололёд", "посыпьте"]),
        Block("transport", "Транспорт", ["автобус", "маршрут", "остановк", "транспорт", "трамва", "троллейбус"], ["Транспорт", "Общественный транспорт"]),
        Block("energy", "Энергетика", ["электр", "свет", "фонар", "освещен", "газ"], ["Энергетика"]),
        Block("improvement", "Благоустройство", ["благоустр", "двор", "площадк", "скамейк", "газон", "озелен", "парк", "дерев"], ["Благоустройство"]),
        Topic("playgrounds", "Детские и спортивные площадки", "improvement", ["площадк", "качел", "песочниц"]),
        Block("healthcare", "Здравоохранение", ["поликлиник", "больниц", "врач", "лекарств", "запис"], ["Здравоохранение"]),
        Block("education", "Образование", ["школ", "детский сад", "детсад", "учител", "кружк"], ["Образование"]),
        Block("social-policy", "Социальная политика", ["пенси", "пособи", "льгот", "малоимущ", "инвалид", "социальн"], ["Социальная защита", "Социальная политика"]),
        Block("waste", "Твердые коммунальные отходы", ["мусор", "контейнер", "свалк", "отход", "тко"], ["Мусор", "ТКО", "Твердые коммунальные отходы"]),
        Block("ecology", "Экология", ["эколог", "выброс", "загрязн", "запах", "вырубк"], ["Экология"]),
        Block("agriculture", "Сельское хозяйство", ["сельск", "фермер", "урожа", "скот"], ["Сельское хозяйство"]),
        Block("municipal-property", "Муниципальное имущество", ["муниципальн имуществ", "аренд", "помещен"], ["Муниципальное имущество"]),
        Block("land", "Земельные отношения", ["земельн", "участ", "межеван"], ["Земля", "Земельные отношения"]),
        Block("housing", "Жилье", ["жиль", "аварийн", "расселен", "очередь на жиль", "квартир"], ["Жилье", "Жильё"]),
        Block("sport", "Спорт", ["спорт", "стадион", "каток", "секци"], ["Спорт"]),
        Block("safety", "Безопасность", ["безопасн", "собак", "пожар", "хулиган", "полици"], ["Безопасность"]),
        Block("construction", "Строительство и архитектура", ["строител", "стройк", "архитектур", "самострой", "разрешение на строит"], ["Строительство", "Строительство и архитектура"]),
    ];

    private static Category Block(string code, string name, List<string> keywords, List<string> source) =>
        new() { Code = code, Name = name, Keywords = keywords, SourceCategories = source };

    private static Category Topic(string code, string name, string parent, List<string> keywords) =>
        new() { Code = code, Name = name, Parent = parent, Keywords = keywords };
}
