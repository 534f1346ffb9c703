namespace MCU.Hub.Routing.Internal;

/// <summary>The conditions of a rule, in the order they are checked: cheap look-ups first, the regular expression last.</summary>
internal enum ConditionKind
{
    Channels,
    Kinds,
    Categories,
    Territories,
    SourceCategories,
    AuthorType,
    AnyWords,
    AllWords,
    Time,
    Regex,
}
