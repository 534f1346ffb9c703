namespace MCU.Hub.Storage;

/// <summary>Which store backend the hub uses, bound from <c>McuHub:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The embedded LiteDB file (<see cref="McuHubOptions.DatabasePath"/>), for one instance.</summary>
    public const string LiteDb = "litedb";

    /// <summary>A PostgreSQL database (package MCU.Hub.Storage.PostgreSql), for one or several instances.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary>Gets or sets the backend: <c>litedb</c> or <c>postgresql</c>.</summary>
    /// <value>The default is <c>litedb</c>.</value>
    public string Provider { get; set; } = LiteDb;

    /// <summary>Gets or sets the connection string of a server backend (PostgreSQL: <c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets a value indicating whether the backend is PostgreSQL.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}
