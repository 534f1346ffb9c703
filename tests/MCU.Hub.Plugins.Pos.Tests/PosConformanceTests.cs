using MCU.Hub.Channels;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Testing;

namespace MCU.Hub.Plugins.Pos.Tests;

/// <summary>The ПОС emulator as the conformance suite's external system.</summary>
public sealed class PosConformanceFixture : IConnectorTestFixture, IAsyncLifetime
{
    private PosEmulator _emulator = null!;

    /// <inheritdoc />
    public IChannelPlugin Plugin => new PosPlugin();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BaseAddress"] = _emulator.BaseAddress.AbsoluteUri,
        ["Token"] = "conformance",
    };

    /// <inheritdoc />
    public IReadOnlyList<string> ExpectedExternalIds => [.. _emulator.Messages.Select(m => m.Id)];

    /// <inheritdoc />
    public int ExpectedRecordCount => 0;

    /// <inheritdoc />
    public void FailNext(int count, int statusCode) => _emulator.FailNext(count, statusCode);

    /// <inheritdoc />
    public int RepliesRecorded(string externalId) => _emulator.Answers.Count(a => a.MessageId == externalId);

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 40, Seed = 9, Token = "conformance" });

    /// <inheritdoc />
    public async Task DisposeAsync() => await _emulator.DisposeAsync();
}

/// <summary>The ПОС connector passes the suite every connector must pass.</summary>
public sealed class PosConformanceTests(PosConformanceFixture fixture)
    : ChannelConnectorConformanceTests<PosConformanceFixture>(fixture), IClassFixture<PosConformanceFixture>;
