using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Mandate.AI.Approvals;

/// <summary>
/// The <see cref="IApprovalStore"/> in one SQLite file, readable by the agent's user only (mode 0600; its folder is
/// created 0700): each approval is one row, written in its own transaction with SQLite's default full sync, so that a
/// change survives a crash of the agent once the call returns. The file holds <c>auth_req_id</c>s and, between an
/// approval and the end of its call, that call's token; nothing else secret, and nothing after the call
/// (<c>secure_delete</c> overwrites a removed row).
/// </summary>
public sealed class SqliteApprovalStore : IApprovalStore
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schema = new(1, 1);
    private bool _ready;

    /// <summary>Uses the file at <paramref name="path"/>, created on first use.</summary>
    /// <param name="path">The file, e.g. <c>.mandate/agent-approvals.db</c>.</param>
    public SqliteApprovalStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask SaveAsync(DurableApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO durable_approvals (id, created_at, body) VALUES ($id, $created, $body) " +
            "ON CONFLICT (id) DO UPDATE SET body = excluded.body";
        command.Parameters.AddWithValue("$id", approval.Id);
        command.Parameters.AddWithValue("$created", approval.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(approval, ApprovalJsonContext.Default.DurableApproval));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DurableApproval>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM durable_approvals ORDER BY created_at, id";
        var approvals = new List<DurableApproval>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var approval = JsonSerializer.Deserialize(reader.GetString(0), ApprovalJsonContext.Default.DurableApproval);
            if (approval is not null)
            {
                approvals.Add(approval);
            }
        }

        return approvals;
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM durable_approvals WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var secureDelete = connection.CreateCommand();
            secureDelete.CommandText = "PRAGMA secure_delete = ON"; // a removed token is overwritten, not left in a free page
            await secureDelete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the folder (0700), the file (0600) and the table, once.</summary>
    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            CreateOwnerOnlyFile(Path);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS durable_approvals (" +
                "id TEXT NOT NULL PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL) STRICT";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _schema.Release();
        }
    }

    /// <summary>
    /// The file exists with mode 0600 before SQLite opens it (SQLite gives its journal the same mode). An existing file
    /// is narrowed to 0600 too.
    /// </summary>
    private static void CreateOwnerOnlyFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the user's profile folders are private by their ACLs
        }

        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }

        if (File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerReadWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process in between: narrow it like an existing file.
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }
}
