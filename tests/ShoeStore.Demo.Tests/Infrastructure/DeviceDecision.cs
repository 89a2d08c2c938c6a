namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>What the test user did with one request on the device.</summary>
internal sealed record DeviceDecision(DeviceRequest Request, bool Approved);
