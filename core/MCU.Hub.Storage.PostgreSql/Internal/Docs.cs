using Npgsql;

namespace MCU.Hub.Storage.PostgreSql.Internal;

/// <summary>Reads jsonb documents from the first column of a query.</summary>
internal static class Docs
{
    public static async Task<List<T>> ReadAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(StoreJson.Deserialize<T>(reader.GetString(0)));
        return list;
    }
}
