using LiteDB;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// Comparisons for LiteDB queries with the value passed as a parameter.
/// </summary>
/// <remarks>
/// LiteDB's <c>Query.EQ</c>, <c>Query.LT</c> and the like write the value into the expression's text, and LiteDB keeps
/// every parsed expression in a process-wide cache keyed by that text and never evicts it (about 3 KB each). A query
/// whose value changes on every call (a paging cursor, an event sequence, the current time) then grows the heap with
/// every call. With the value as <c>@0</c> the text is the same each time and the cache holds one entry.
/// </remarks>
internal static class LiteQuery
{
    public static BsonExpression Eq(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    public static BsonExpression Lt(string field, BsonValue value) => BsonExpression.Create($"$.{field} < @0", value);

    public static BsonExpression Lte(string field, BsonValue value) => BsonExpression.Create($"$.{field} <= @0", value);

    public static BsonExpression Gt(string field, BsonValue value) => BsonExpression.Create($"$.{field} > @0", value);

    public static BsonExpression Gte(string field, BsonValue value) => BsonExpression.Create($"$.{field} >= @0", value);
}
