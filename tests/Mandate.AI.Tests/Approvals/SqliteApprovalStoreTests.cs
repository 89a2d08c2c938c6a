using Mandate.AI.Approvals;
namespace Mandate.AI.Tests.Approvals;

public sealed class SqliteApprovalStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mandate-approvals-" + Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, "state", "approvals.db");

    internal static DurableApproval Approval(string id, DateTimeOffset createdAt) => new()
    {
        Id = id,
        ToolName = "purchaseItem",
        Arguments = """{"quoteId":"q-1"}""",
        IdempotencyKey = "key-" + id,
        LoginHint = "end.user",
        Scopes = ["payment"],
        BindingMessage = "Allow agent to place order for Pegasus 41?",
        AuthReqId = "req-" + id,
        ExpiresAt = createdAt.AddMinutes(2),
        Interval = TimeSpan.FromSeconds(2),
        CreatedAt = createdAt,
    };

    [Fact]
    public async Task SaveListRemove_RoundTripsEveryField_OldestFirst_AcrossInstances()
    {
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var later = Approval("b", now.AddSeconds(5)) with
        {
            State = DurableApprovalState.Approved,
            AccessToken = "at-secret",
            AccessTokenExpiresAt = now.AddMinutes(5),
            AccessTokenScope = "payment",
            ClientNotificationToken = "cnt-secret",
        };
        await new SqliteApprovalStore(FilePath).SaveAsync(later, CancellationToken.None);
        await new SqliteApprovalStore(FilePath).SaveAsync(Approval("a", now), CancellationToken.None);

        var reopened = new SqliteApprovalStore(FilePath);
        var listed = await reopened.ListAsync(CancellationToken.None);

        Assert.Equal(["a", "b"], listed.Select(a => a.Id));
        Assert.Equal(Approval("a", now) with { Scopes = listed[0].Scopes }, listed[0]);
        Assert.Equal(["payment"], listed[0].Scopes);
        Assert.Equal(later with { Scopes = listed[1].Scopes }, listed[1]);

        await reopened.RemoveAsync("b", CancellationToken.None);
        await reopened.RemoveAsync("not-there", CancellationToken.None);
        Assert.Equal(["a"], (await new SqliteApprovalStore(FilePath).ListAsync(CancellationToken.None)).Select(a => a.Id));
    }

    [Fact]
    public async Task Save_AnExistingId_ReplacesIt()
    {
        var store = new SqliteApprovalStore(FilePath);
        var approval = Approval("a", DateTimeOffset.UnixEpoch);
        await store.SaveAsync(approval, CancellationToken.None);

        await store.SaveAsync(approval with { State = DurableApprovalState.Finished, Result = """{"ok":true}""" }, CancellationToken.None);

        var kept = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal(DurableApprovalState.Finished, kept.State);
        Assert.Equal("""{"ok":true}""", kept.Result);
    }

    [Fact]
    public async Task TheFile_IsReadableByItsOwnerOnly_InAFolderOnlyTheOwnerOpens()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        await new SqliteApprovalStore(FilePath).SaveAsync(Approval("a", DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(FilePath)!));
    }

    [Fact]
    public async Task AnExistingWiderFile_IsNarrowedTo0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.WriteAllBytesAsync(FilePath, []);
        File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await new SqliteApprovalStore(FilePath).ListAsync(CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public async Task Remove_LeavesNoTraceOfTheTokenInTheFile()
    {
        var store = new SqliteApprovalStore(FilePath);
        await store.SaveAsync(Approval("a", DateTimeOffset.UnixEpoch) with { State = DurableApprovalState.Approved, AccessToken = "at-very-secret" },
            CancellationToken.None);

        await store.SaveAsync(Approval("b", DateTimeOffset.UnixEpoch), CancellationToken.None);
        Assert.Contains("at-very-secret", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(FilePath)), StringComparison.Ordinal);

        await store.RemoveAsync("a", CancellationToken.None);

        // secure_delete: the row's bytes are overwritten, not left in a free page.
        Assert.DoesNotContain("at-very-secret", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(FilePath)), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
