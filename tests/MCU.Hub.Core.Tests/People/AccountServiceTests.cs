using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.People;
using MCU.Hub.Storage.Internal;
using MCU.Hub.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace MCU.Hub.Core.Tests.People;

/// <summary>The authority at an instant: own roles, the absent colleagues' during their absence, chains and cycles.</summary>
public sealed class AccountServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(5));
    private readonly FakeTimeProvider _time = new(Start);
    private readonly AccountService _accounts;

    public AccountServiceTests()
    {
        var directory = new HubDirectory([new Recipient { Code = "roads-dept", Name = "Дороги" }, new Recipient { Code = "utilities", Name = "ЖКХ" }], [], DefaultDirectory.Categories());
        _accounts = new AccountService(new InMemoryDocumentStore(), directory, new TenantDirectory(new McuHubOptions()), _time);
    }

    private Task<Account> CreateAsync(string login, string role, params string[] recipients) =>
        _accounts.CreateAsync("", new AccountDraft { Login = login, FullName = login, Roles = [role], Recipients = recipients }, CancellationToken.None);

    [Fact]
    public async Task Deputy_HoldsTheAbsentRolesOnlyInsideTheAbsence()
    {
        await CreateAsync("ivanov", Roles.Head);
        await CreateAsync("petrova", Roles.McuSpecialist);
        await _accounts.SetAbsenceAsync("", "ivanov", Start.AddDays(1), Start.AddDays(8), "petrova", "отпуск", CancellationToken.None);

        var before = await _accounts.AuthorityAsync("", "petrova", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        var first = await _accounts.AuthorityAsync("", "petrova", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        var last = await _accounts.AuthorityAsync("", "petrova", CancellationToken.None);
        _time.Advance(TimeSpan.FromTicks(1));
        var after = await _accounts.AuthorityAsync("", "petrova", CancellationToken.None);

        Assert.DoesNotContain(Permissions.EditRules, before!.Permissions);
        Assert.Equal("petrova", before.Actor);
        Assert.Contains(Permissions.EditRules, first!.Permissions);
        Assert.Equal("petrova (и. о. ivanov)", first.Actor);
        Assert.Contains(Roles.Head, last!.Roles);
        Assert.DoesNotContain(Permissions.EditRules, after!.Permissions);
        Assert.Empty(after.ActingFor);
    }

    [Fact]
    public async Task DeputyOfAnAbsentDeputy_ActsForBoth_AndACycleEnds()
    {
        await CreateAsync("head1", Roles.Head);
        await CreateAsync("coord1", Roles.Coordinator);
        await CreateAsync("spec1", Roles.McuSpecialist);
        await _accounts.SetAbsenceAsync("", "head1", Start, Start.AddDays(5), "coord1", null, CancellationToken.None);
        await _accounts.SetAbsenceAsync("", "coord1", Start, Start.AddDays(5), "spec1", null, CancellationToken.None);
        // spec1 is away later, and names head1; at no instant does the chain return to its start with both away.
        await _accounts.SetAbsenceAsync("", "spec1", Start.AddDays(6), Start.AddDays(7), "head1", null, CancellationToken.None);

        var spec = await _accounts.AuthorityAsync("", "spec1", CancellationToken.None);

        Assert.Equal(["coord1", "head1"], spec!.ActingFor.Select(a => a.Id));
        Assert.Equal("spec1 (и. о. coord1, head1)", spec.Actor);
        Assert.Contains(Permissions.ManageAccounts, spec.Permissions);
    }

    [Fact]
    public async Task ActingForAnExecutor_DoesNotNarrowAWholeFlowRole_ButTwoExecutorsUniteTheirRecipients()
    {
        await CreateAsync("exec1", Roles.Executor, "roads-dept");
        await CreateAsync("exec2", Roles.Executor, "utilities");
        await CreateAsync("spec1", Roles.McuSpecialist);
        await _accounts.SetAbsenceAsync("", "exec1", Start, Start.AddDays(1), "spec1", null, CancellationToken.None);
        await _accounts.SetAbsenceAsync("", "exec2", Start.AddDays(2), Start.AddDays(3), "exec1", null, CancellationToken.None);

        var spec = await _accounts.AuthorityAsync("", "spec1", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));
        var exec = await _accounts.AuthorityAsync("", "exec1", CancellationToken.None);

        Assert.Empty(spec!.Recipients);
        Assert.Equal(["roads-dept", "utilities"], exec!.Recipients);
    }

    [Fact]
    public async Task AbsentAccountDeactivated_GivesNothing_AndADeactivatedAccountHasNoAuthority()
    {
        await CreateAsync("head1", Roles.Head);
        await CreateAsync("spec1", Roles.McuSpecialist);
        await _accounts.SetAbsenceAsync("", "head1", Start, Start.AddDays(5), "spec1", null, CancellationToken.None);

        await _accounts.DeactivateAsync("", "head1", CancellationToken.None);

        Assert.Empty((await _accounts.AuthorityAsync("", "spec1", CancellationToken.None))!.ActingFor);
        Assert.Null(await _accounts.AuthorityAsync("", "head1", CancellationToken.None));
    }

    [Fact]
    public async Task Update_OnAnOldVersion_IsRefused_AndAUnknownBlockNamesTheField()
    {
        var created = await CreateAsync("spec1", Roles.McuSpecialist);
        await _accounts.UpdateAsync("", new AccountDraft { Login = "spec1", FullName = "Спец", Roles = [Roles.Coordinator] }, created.Version, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<HubValidationException>(() => _accounts.UpdateAsync("", new AccountDraft { Login = "spec1", FullName = "Спец", Roles = [Roles.Head] }, created.Version, CancellationToken.None));
        var block = await Assert.ThrowsAsync<HubValidationException>(() => _accounts.UpdateAsync("", new AccountDraft { Login = "spec1", FullName = "Спец", Roles = [Roles.BlockHead], Blocks = ["no-such-block"] }, 0, CancellationToken.None));

        Assert.Equal("version", stale.Field);
        Assert.Equal("blocks", block.Field);
        Assert.Equal([Roles.Coordinator], (await _accounts.GetAsync("", "spec1", CancellationToken.None))!.Roles);
    }
}
