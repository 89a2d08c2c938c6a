// Seeds N pending CIBA requests (poll mode) into Mandate.Server's SQLite database through the server's own data layer
// (SqliteMandateDbContext, the same entity and hashing as POST /bc-authorize: AuthReqId.Generate and AuthReqId.Hash),
// and writes each plain auth_req_id to a file (one per line) so that a load generator can poll them. The file holds
// request handles: capacity.sh keeps it in its private run folder (mode 0700) and deletes it on exit.
//
//   dotnet Mandate.CapacitySeed.dll --database PATH --count 100000 --ids-out FILE
//                                   [--client ai-agent] [--subject 7c1e9a52-…] [--expires-seconds 1800]
//
// Bounded: count ≤ 1,000,000, written in transactions of 5,000 rows.
using System.Diagnostics;
using System.Globalization;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

const int BatchSize = 5_000;
const int MaxCount = 1_000_000;

var options = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["--client"] = "ai-agent",
    ["--subject"] = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17",
    ["--expires-seconds"] = "1800",
};
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--database", out var database) || !options.TryGetValue("--ids-out", out var idsOut)
    || !int.TryParse(options.GetValueOrDefault("--count"), CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount
    || !int.TryParse(options["--expires-seconds"], CultureInfo.InvariantCulture, out var expiresSeconds) || expiresSeconds is < 60 or > 86_400)
{
    Console.Error.WriteLine("usage: Mandate.CapacitySeed --database PATH --count N (1..1000000) --ids-out FILE " +
        "[--client ai-agent] [--subject ID] [--expires-seconds 60..86400]");
    return 2;
}

if (!File.Exists(database))
{
    Console.Error.WriteLine("no database at " + database + " (start Mandate.Server once to create it)");
    return 1;
}

var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
var contextOptions = new DbContextOptionsBuilder<SqliteMandateDbContext>().UseSqlite(connectionString).Options;
const string Details = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";

var clock = Stopwatch.StartNew();
var now = DateTimeOffset.UtcNow;
await using (var ids = new StreamWriter(idsOut))
{
    for (var written = 0; written < count;)
    {
        await using var db = new SqliteMandateDbContext(contextOptions);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var batch = Math.Min(BatchSize, count - written);
        for (var i = 0; i < batch; i++)
        {
            var authReqId = AuthReqId.Generate(now);
            db.BackchannelRequests.Add(new BackchannelRequestRecord
            {
                Id = AuthReqId.GenerateDeviceId(now),
                AuthReqIdHash = AuthReqId.Hash(authReqId),
                ClientId = options["--client"],
                Subject = options["--subject"],
                Scopes = "openid payment",
                AuthorizationDetailsJson = Details,
                BindingMessage = "Buy Nike Pegasus 41, size 10.5, for $140",
                AcrValues = "push",
                DeliveryMode = "poll",
                Status = BackchannelRequestStatus.Pending,
                CreatedAt = now,
                ExpiresAt = now.AddSeconds(expiresSeconds),
                IntervalSeconds = 5,
            });
            await ids.WriteLineAsync(authReqId);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        written += batch;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} pending requests in {clock.Elapsed.TotalSeconds:F1} s"));
return 0;
