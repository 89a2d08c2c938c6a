namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>Store API answers shaped like ShoeStore.Api's.</summary>
internal static class StoreJson
{
    public const string Products = """
        [
          {"id":"nike-pegasus-41","brand":"Nike","model":"Air Zoom Pegasus 41","category":"running","description":"The everyday neutral trainer.",
           "price":{"currency":"USD","value":"140.00"},"sizes":[{"size":9.5,"inStock":0},{"size":10,"inStock":3},{"size":10.5,"inStock":1}]},
          {"id":"brooks-ghost-16","brand":"Brooks","model":"Ghost 16","category":"running","description":"Smooth, dependable cushioning.",
           "price":{"currency":"USD","value":"140.00"},"sizes":[{"size":10,"inStock":2}]}
        ]
        """;

    public const string Deals = """
        [{"id":"pegasus-week","productId":"nike-pegasus-41","brand":"Nike","model":"Air Zoom Pegasus 41","title":"Pegasus week","percentOff":10,
          "listPrice":{"currency":"USD","value":"140.00"},"dealPrice":{"currency":"USD","value":"126.00"},
          "startsAt":"2026-11-26T12:00:00+00:00","endsAt":"2030-12-12T12:00:00+00:00"}]
        """;

    public const string Quote = """
        {"id":"q_1","productId":"nike-pegasus-41","productName":"Nike Air Zoom Pegasus 41","size":10,"quantity":1,
         "unitPrice":{"currency":"USD","value":"140.00"},"discount":{"currency":"USD","value":"14.00"},"deal":"Pegasus week",
         "subtotal":{"currency":"USD","value":"126.00"},"shipping":{"currency":"USD","value":"0.00"},"tax":{"currency":"USD","value":"11.03"},
         "total":{"currency":"USD","value":"137.03"},
         "shipTo":{"name":"End User","line1":"1 Secret Street","line2":null,"city":"Austin","region":"TX","postalCode":"78701","country":"US"},
         "createdAt":"2026-11-28T12:00:00+00:00","expiresAt":"2099-11-28T12:15:00+00:00"}
        """;

    public const string Order = """
        {"id":"o_1","status":"confirmed","productId":"nike-pegasus-41","productName":"Nike Air Zoom Pegasus 41","size":10,"quantity":1,
         "unitPrice":{"currency":"USD","value":"140.00"},"discount":{"currency":"USD","value":"14.00"},"subtotal":{"currency":"USD","value":"126.00"},
         "shipping":{"currency":"USD","value":"0.00"},"tax":{"currency":"USD","value":"11.03"},"total":{"currency":"USD","value":"137.03"},
         "payment":"visa ending 4242","customer":"7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17","agent":"ai-agent",
         "approval":{"tokenId":"jti-1","authorizationDetails":null},"quoteId":"q_1",
         "createdAt":"2026-11-28T12:01:00+00:00","updatedAt":"2026-11-28T12:01:00+00:00"}
        """;

    public static string Orders => "[" + Order + "]";
}
