namespace Mandate.Server.Device.Page;

/// <summary>One static file of the device page, as served: its bytes, media type and entity tag.</summary>
/// <param name="Name">File name, also the last segment of its URL (<c>/device/app.js</c>).</param>
/// <param name="ContentType">Media type with charset where it applies.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="ETag">Quoted strong entity tag from the content hash (RFC 9110 §8.8.3).</param>
internal sealed record DevicePageAsset(string Name, string ContentType, byte[] Content, string ETag);
