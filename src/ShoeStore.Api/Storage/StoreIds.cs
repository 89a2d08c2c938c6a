using System.Security.Cryptography;

namespace ShoeStore.Api.Storage;

/// <summary>Random, unguessable identifiers with a readable prefix (<c>q_…</c>, <c>ord_…</c>).</summary>
internal static class StoreIds
{
    public static string New(string prefix) =>
        prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
