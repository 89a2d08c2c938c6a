using System.Data.Common;
using System.Globalization;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Keys;

/// <summary>
/// <c>Mandate.Server keys list | rotate [--now] | revoke KID</c>: manages the signing keys in the configured database
/// (the same <c>ConnectionStrings__Mandate</c> as the running instances, which pick a change up within
/// <see cref="MandateServerOptions.SigningKeyRefreshSeconds"/>). Prints key ids and times, never key material.
/// </summary>
internal static class ServerKeyCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Mandate.Server keys list              the signing keys and their state
               Mandate.Server keys rotate            publish a new key now; it signs after SigningKeyPublishAheadSeconds
               Mandate.Server keys rotate --now      sign with the pending (or a new) key from now on
               Mandate.Server keys revoke KID        remove a replaced key from the key set at once (after a compromise)
        """;

    /// <summary>Runs the command; returns the process exit code (0 done, 1 refused or failed, 2 usage).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is not (["list"] or ["rotate"] or ["rotate", "--now"] or ["revoke", _]))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var database = services.GetRequiredService<MandateDatabase>();
        if (database.Provider == MandateDatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(database.ConnectionString).DataSource is { Length: > 0 } file && !File.Exists(file))
        {
            // Creating a database here would hand out keys no instance uses: the operator is in the wrong place.
            await error.WriteLineAsync($"No Mandate database at {Path.GetFullPath(file)}: run the command from the folder the server "
                + "runs in, or set Mandate__DataDirectory or ConnectionStrings__Mandate to the database the instances use.");
            return 1;
        }

        try
        {
            return await RunCoreAsync(services, args, output, error, cancellationToken);
        }
        catch (DbException e)
        {
            await error.WriteLineAsync("The database could not be used: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        await using (await scope.ServiceProvider.GetRequiredService<MandateStartupLock>().AcquireAsync(cancellationToken))
        {
            // The same turn-taking as an instance's start-up: the command may be the first to open an upgraded database.
            await scope.ServiceProvider.GetRequiredService<MandateDbContext>().Database.MigrateAsync(cancellationToken);
        }

        var keys = services.GetRequiredService<ServerKeyRing>();
        var options = services.GetRequiredService<IOptions<MandateServerOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        switch (args)
        {
            case ["rotate", ..]:
                var immediately = args.Count == 2;
                var key = await keys.RotateAsync(immediately, cancellationToken);
                await output.WriteLineAsync(immediately
                    ? $"Signing key {key.KeyId} signs from now on; the previous key stays published for {Span(options.SigningKeyPolicy.RetainFor)}."
                    : $"Signing key {key.KeyId} is published and signs from {Time(key.ActivatesAt)}.");
                await output.WriteLineAsync($"Running instances pick this up within {options.SigningKeyRefreshSeconds} s.");
                break;
            case ["revoke", var keyId]:
                try
                {
                    if (!await keys.RevokeAsync(keyId, cancellationToken))
                    {
                        await error.WriteLineAsync($"No signing key has the id '{keyId}' (see: keys list).");
                        return 1;
                    }
                }
                catch (InvalidOperationException e)
                {
                    await error.WriteLineAsync(e.Message);
                    return 1;
                }

                await output.WriteLineAsync($"Signing key {keyId} is removed; running instances stop publishing it within {options.SigningKeyRefreshSeconds} s.");
                break;
            default:
                await keys.RefreshAsync(cancellationToken);
                break;
        }

        await WriteListAsync(keys.Schedule, options.SigningKeyPolicy, time.GetUtcNow(), output);
        return 0;
    }

    private static async Task WriteListAsync(SigningKeySchedule schedule, SigningKeyPolicy policy, DateTimeOffset now, TextWriter output)
    {
        await output.WriteLineAsync($"{"KID",-18} {"GEN",3}  {"STATE",-8}  SINCE / UNTIL");
        if (schedule.Next is { } next)
        {
            await output.WriteLineAsync($"{next.KeyId,-18} {next.Generation,3}  {"next",-8}  signs from {Time(next.ActivatesAt)}");
        }

        var current = schedule.Current;
        var due = schedule.NextRotationDue(policy);
        await output.WriteLineAsync($"{current.KeyId,-18} {current.Generation,3}  {"signing",-8}  since {Time(current.ActivatesAt)}"
            + (due is { } at ? $"; next key created {(at <= now ? "on the next refresh" : "at " + Time(at))}" : ""));
        var successor = current;
        foreach (var key in schedule.Retiring)
        {
            await output.WriteLineAsync($"{key.KeyId,-18} {key.Generation,3}  {"retiring",-8}  published until {Time(successor.ActivatesAt + policy.RetainFor)}");
            successor = key;
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) =>
        span.TotalHours >= 1 ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h" : span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
