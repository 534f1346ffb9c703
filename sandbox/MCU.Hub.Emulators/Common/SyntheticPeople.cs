using System.Globalization;
using System.Text;

namespace MCU.Hub.Emulators.Common;

/// <summary>A synthetic person.</summary>
/// <param name="FullName">«Фамилия Имя Отчество».</param>
/// <param name="FirstName">The first name.</param>
/// <param name="Surname">The surname in the person's gender.</param>
/// <param name="Female">The person is a woman.</param>
internal sealed record Person(string FullName, string FirstName, string Surname, bool Female)
{
    /// <summary>«Имя Фамилия».</summary>
    public string ShortName => $"{FirstName} {Surname}";

    /// <summary>The name as a person signs in a social network: full, short, first name only or with an initial.</summary>
    public string Nickname(Random random) => random.Next(4) switch
    {
        0 => ShortName,
        1 => FirstName,
        2 => $"{FirstName} {Surname[0]}.",
        _ => FullName,
    };
}

/// <summary>Names, phones and e-mail addresses of synthetic people; every value is made up.</summary>
internal static class SyntheticPeople
{
    private static readonly string[] MaleNames =
        ["Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Иван", "Михаил", "Николай", "Владимир", "Евгений", "Павел", "Олег", "Артём", "Максим", "Игорь", "Роман", "Виктор", "Константин"];

    private static readonly string[] FemaleNames =
        ["Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Юлия", "Людмила", "Галина", "Марина", "Дарья", "Валентина", "Ксения", "Вера", "Алина"];

    /// <summary>Surnames in the masculine form; all take «-а» in the feminine.</summary>
    private static readonly string[] Surnames =
    [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
        "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
        "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
        "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Гусев", "Киселёв", "Ильин", "Сорокин", "Виноградов",
        "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Комаров", "Беляев", "Осипов", "Сидоров",
        "Ершов", "Шестаков", "Калинин", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Ковалёв", "Быстров", "Голубев",
    ];

    private static readonly (string Male, string Female)[] Patronymics =
    [
        ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Дмитриевич", "Дмитриевна"),
        ("Андреевич", "Андреевна"), ("Алексеевич", "Алексеевна"), ("Иванович", "Ивановна"),
        ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"),
        ("Викторович", "Викторовна"), ("Петрович", "Петровна"), ("Юрьевич", "Юрьевна"), ("Олегович", "Олеговна"),
    ];

    private static readonly string[] MailDomains = ["example.com", "example.org", "example.net"];

    private const string Cyrillic = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

    private static readonly string[] Latin =
    [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];

    public static Person Make(Random random)
    {
        var female = random.NextDouble() < 0.55;
        var first = female ? FemaleNames[random.Next(FemaleNames.Length)] : MaleNames[random.Next(MaleNames.Length)];
        var surname = Surnames[random.Next(Surnames.Length)] + (female ? "а" : string.Empty);
        var patronymic = Patronymics[random.Next(Patronymics.Length)];
        return new Person($"{surname} {first} {(female ? patronymic.Female : patronymic.Male)}", first, surname, female);
    }

    /// <summary>A mobile number in E.164 form: <c>+79XXXXXXXXX</c>.</summary>
    public static string Phone(Random random) =>
        "+79" + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>An address at one of the reserved example domains.</summary>
    public static string Email(Person person, Random random) =>
        $"{ToLatin(person.FirstName)}.{ToLatin(person.Surname)}{random.Next(1, 100).ToString(CultureInfo.InvariantCulture)}@{MailDomains[random.Next(MailDomains.Length)]}";

    /// <summary>A Latin spelling of a Russian word.</summary>
    public static string ToLatin(string text)
    {
        var result = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            var i = Cyrillic.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (i >= 0)
                result.Append(Latin[i]);
            else if (char.IsAsciiLetterOrDigit(c))
                result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
