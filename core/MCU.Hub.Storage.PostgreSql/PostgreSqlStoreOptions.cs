using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>Options of the PostgreSQL store and of several hub instances sharing it.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>Gets or sets the connection string (<c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Gets or sets this instance's name in channel leases.</summary>
    /// <value>The default is the machine name, the process id and a random suffix, unique per start.</value>
    [Required]
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Gets or sets how long a channel lease lasts without renewal; another instance takes the channel over after it.</summary>
    /// <value>The default is 15 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how often the holder renews a lease (and a standby instance tries to take it).</summary>
    /// <value>The default is 5 seconds; keep it well under <see cref="LeaseDuration"/>.</value>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how often the event relay looks for events of other instances when no notification came (a lost
    /// <c>LISTEN</c> connection, say).
    /// </summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets a value indicating whether the schema is migrated when the hub starts.</summary>
    /// <value>The default is <see langword="true"/>; set <see langword="false"/> where migrations run apart (<c>MCU.Hub.Host migrate</c>).</value>
    public bool MigrateOnStart { get; set; } = true;
}
