using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Benchmarks;

/// <summary>Keys generated at run time, as private JWK JSON.</summary>
public static class BenchmarkKeys
{
    public static string EcP256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(true);
        return JsonSerializer.Serialize(new { kty = "EC", crv = "P-256", x = B64(p.Q.X!), y = B64(p.Q.Y!), d = B64(p.D!), kid = "bench-ec" });
    }

    public static string Rsa2048()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        return JsonSerializer.Serialize(new
        {
            kty = "RSA", n = B64(p.Modulus!), e = B64(p.Exponent!), d = B64(p.D!), p = B64(p.P!), q = B64(p.Q!),
            dp = B64(p.DP!), dq = B64(p.DQ!), qi = B64(p.InverseQ!), kid = "bench-rsa",
        });
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
