namespace Mandate.Server.Device;

/// <summary>A change to one of a user's requests.</summary>
/// <param name="Kind"><c>created</c>, <c>approved</c>, <c>denied</c>.</param>
/// <param name="RequestId">The request's device id.</param>
internal sealed record DeviceEvent(string Kind, string RequestId);
