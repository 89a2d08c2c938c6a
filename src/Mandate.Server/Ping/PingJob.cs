namespace Mandate.Server.Ping;

/// <summary>A ping to send for a decided request.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="ClientId">The client to notify.</param>
internal sealed record PingJob(string RequestId, string ClientId);
