using System.Threading.RateLimiting;
using Mandate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Device;

/// <summary>Fixed-window limit of sign-in attempts per client address (<see cref="MandateServerOptions.SignInAttemptsPerMinute"/>).</summary>
public sealed class SignInRateLimiter(IOptions<MandateServerOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Takes one permit for the partition.</summary>
    public RateLimitLease Acquire(string partition) => _limiter.AttemptAcquire(partition);

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
