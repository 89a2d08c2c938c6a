namespace ShoeStore.Api.Storage.Seed;

/// <summary>The demo catalog: real-world shoe models with list prices in USD and stock per US size.</summary>
internal static class CatalogSeed
{
    private static readonly (string Id, string Brand, string Model, string Category, decimal Price, string Description)[] Shoes =
    [
        ("nike-pegasus-41", "Nike", "Air Zoom Pegasus 41", "running", 140.00m, "The everyday neutral trainer: ReactX foam and two Air Zoom units for a springy ride on easy and long runs."),
        ("nike-vomero-18", "Nike", "Vomero 18", "running", 150.00m, "Max-cushioned daily trainer with a tall ZoomX and ReactX stack for recovery miles."),
        ("adidas-ultraboost-5", "adidas", "Ultraboost 5", "running", 190.00m, "Light Boost cushioning, a Primeknit upper and a Continental rubber outsole for city runs."),
        ("adidas-adizero-sl2", "adidas", "Adizero SL2", "running", 130.00m, "A light, fast trainer with Lightstrike Pro in the forefoot for tempo days."),
        ("asics-gel-nimbus-26", "ASICS", "Gel-Nimbus 26", "running", 160.00m, "Plush neutral cushioning with FF Blast+ Eco foam and PureGEL for long, soft miles."),
        ("asics-gel-kayano-31", "ASICS", "Gel-Kayano 31", "running", 165.00m, "Stability trainer with 4D Guidance System for runners who overpronate."),
        ("brooks-ghost-16", "Brooks", "Ghost 16", "running", 140.00m, "Smooth, dependable DNA Loft v3 cushioning; a favourite first running shoe."),
        ("brooks-glycerin-21", "Brooks", "Glycerin 21", "running", 160.00m, "Brooks' softest neutral shoe with nitrogen-infused DNA Loft v3."),
        ("hoka-clifton-9", "HOKA", "Clifton 9", "running", 145.00m, "Light and cushioned with an early-stage meta-rocker for easy transitions."),
        ("hoka-bondi-8", "HOKA", "Bondi 8", "running", 165.00m, "HOKA's most cushioned road shoe, built for recovery runs and long days on your feet."),
        ("new-balance-1080-v14", "New Balance", "Fresh Foam X 1080v14", "running", 165.00m, "Premium daily trainer with Fresh Foam X and a breathable engineered-knit upper."),
        ("saucony-endorphin-speed-4", "Saucony", "Endorphin Speed 4", "running", 170.00m, "Nylon-plated PWRRUN PB trainer for workouts and race day."),
        ("on-cloudmonster-2", "On", "Cloudmonster 2", "running", 180.00m, "Oversized CloudTec pods and Helion HF foam for a bouncy, rockered ride."),
        ("salomon-speedcross-6", "Salomon", "Speedcross 6", "trail", 140.00m, "Aggressive chevron lugs for soft, muddy trails and a snug Quicklace fit."),
        ("hoka-speedgoat-6", "HOKA", "Speedgoat 6", "trail", 155.00m, "Cushioned trail racer with Vibram Megagrip and 5 mm lugs."),
        ("altra-lone-peak-8", "Altra", "Lone Peak 8", "trail", 140.00m, "Zero-drop, wide FootShape toe box and MaxTrac outsole for long trail days."),
        ("brooks-cascadia-18", "Brooks", "Cascadia 18", "trail", 140.00m, "Stable, protective trail shoe with a rock plate and TrailTack Green rubber."),
        ("la-sportiva-bushido-3", "La Sportiva", "Bushido III", "trail", 159.00m, "Precise, low-to-the-ground shoe for technical mountain terrain."),
        ("saucony-peregrine-14", "Saucony", "Peregrine 14", "trail", 140.00m, "Versatile trail trainer with PWRTRAC rubber and a flexible rock plate."),
        ("nike-pegasus-trail-5", "Nike", "Pegasus Trail 5", "trail", 150.00m, "Road-to-trail shoe with ReactX foam and an all-terrain outsole."),
        ("merrell-moab-3", "Merrell", "Moab 3", "walking", 120.00m, "The classic day hiker: Vibram TC5+ sole, suede and mesh upper, all-day comfort."),
        ("keen-targhee-iii", "KEEN", "Targhee III Waterproof", "walking", 155.00m, "Waterproof leather hiker with KEEN.DRY membrane and 4 mm lugs."),
        ("skechers-go-walk-7", "Skechers", "GO WALK 7", "walking", 75.00m, "Slip-on walking shoe with ULTRA GO cushioning and a machine-washable upper."),
        ("allbirds-wool-runner", "Allbirds", "Wool Runner", "casual", 98.00m, "Soft merino wool upper and a sugarcane-based sole for everyday comfort."),
        ("adidas-stan-smith", "adidas", "Stan Smith", "casual", 100.00m, "The clean white leather tennis classic with the green heel tab."),
        ("adidas-samba-og", "adidas", "Samba OG", "casual", 100.00m, "Indoor football heritage: leather upper, suede T-toe and a gum sole."),
        ("converse-chuck-taylor-all-star", "Converse", "Chuck Taylor All Star High Top", "casual", 65.00m, "The canvas high-top icon with a vulcanized rubber sole."),
        ("vans-old-skool", "Vans", "Old Skool", "casual", 70.00m, "Suede and canvas skate shoe with the Sidestripe and a waffle outsole."),
        ("nike-air-force-1-07", "Nike", "Air Force 1 '07", "casual", 115.00m, "Crisp leather, hoops heritage and Air cushioning in the original low-top."),
        ("new-balance-574", "New Balance", "574 Core", "casual", 90.00m, "Suede and mesh lifestyle runner with ENCAP midsole support."),
        ("veja-v-10", "Veja", "V-10 Leather", "casual", 175.00m, "Chrome-free leather sneaker with a wild-rubber sole, made in Brazil."),
        ("dr-martens-1461", "Dr. Martens", "1461 Smooth Leather Oxford", "casual", 130.00m, "Three-eye Oxford with the yellow welt stitch and an air-cushioned sole."),
        ("allen-edmonds-park-avenue", "Allen Edmonds", "Park Avenue Cap-Toe Oxford", "formal", 425.00m, "Goodyear-welted calfskin cap-toe Oxford, handcrafted in Wisconsin."),
        ("cole-haan-originalgrand-wingtip", "Cole Haan", "OriginalGrand Wingtip Oxford", "formal", 160.00m, "A wingtip dress shoe on a light, cushioned Grand.OS sole."),
        ("clarks-tilden-cap", "Clarks", "Tilden Cap Oxford", "formal", 100.00m, "Leather cap-toe Oxford with an OrthoLite footbed for office days."),
        ("johnston-murphy-conard-cap-toe", "Johnston & Murphy", "Conard Cap Toe", "formal", 185.00m, "Full-grain leather Oxford with a cushioned, shock-absorbing heel."),
        ("ecco-helsinki-2", "ECCO", "Helsinki 2 Plain Toe Tie", "formal", 220.00m, "Minimal Danish dress shoe in soft calf leather with a FLUIDFORM sole."),
        ("florsheim-lexington-cap-toe", "Florsheim", "Lexington Cap Toe Oxford", "formal", 120.00m, "Polished leather cap-toe with a Comfortech footbed."),
        ("nike-revolution-7-kids", "Nike", "Revolution 7 (Big Kids')", "kids", 55.00m, "Soft, light running shoe for school days and the playground."),
        ("adidas-grand-court-2-kids", "adidas", "Grand Court 2.0 (Kids')", "kids", 50.00m, "Tennis-inspired sneaker with easy hook-and-loop straps."),
        ("new-balance-arishi-v4-kids", "New Balance", "Fresh Foam Arishi v4 (Kids')", "kids", 60.00m, "Fresh Foam cushioning with a bungee lace for quick on and off."),
        ("converse-chuck-taylor-kids", "Converse", "Chuck Taylor All Star (Kids')", "kids", 45.00m, "The canvas classic, sized for kids, with a grippy rubber sole."),
        ("vans-old-skool-kids", "Vans", "Old Skool V (Kids')", "kids", 50.00m, "Skate style with a hook-and-loop strap and the waffle outsole."),
        ("skechers-s-lights-kids", "Skechers", "S Lights: Jumpsters (Kids')", "kids", 60.00m, "Light-up sneaker with a sturdy sole and an easy strap."),
        ("crocs-classic-clog-kids", "Crocs", "Classic Clog (Kids')", "kids", 40.00m, "Light, washable Croslite clog with a pivoting heel strap."),
        ("saucony-kinvara-14-kids", "Saucony", "Kinvara 14 (Big Kids')", "kids", 65.00m, "A light, flexible running shoe for young runners."),
    ];

    /// <summary>Builds the catalog with stock per size (deterministic, a few sizes sold out).</summary>
    public static IReadOnlyList<Product> Products()
    {
        var products = new List<Product>(Shoes.Length);
        foreach (var shoe in Shoes)
        {
            var product = new Product
            {
                Id = shoe.Id,
                Brand = shoe.Brand,
                Model = shoe.Model,
                Category = shoe.Category,
                Description = shoe.Description,
                Price = shoe.Price,
                Currency = "USD",
            };
            foreach (var size in SizeRange(shoe.Category))
            {
                product.Sizes.Add(new ProductSize { ProductId = shoe.Id, Size = size, Stock = StockFor(shoe.Id, size) });
            }

            products.Add(product);
        }

        return products;
    }

    private static IEnumerable<decimal> SizeRange(string category)
    {
        // US sizes in half steps: kids' shoes come in big-kid sizes 1–7, the rest in adult 6–13.
        var (first, last) = category == "kids" ? (1.0m, 7.0m) : (6.0m, 13.0m);
        for (var size = first; size <= last; size += 0.5m)
        {
            yield return size;
        }
    }

    private static int StockFor(string productId, decimal size)
    {
        if (productId == "nike-pegasus-41" && size == 10.5m)
        {
            return 12;
        }

        // FNV-1a: the same stock on every machine and every run.
        var hash = 2166136261u;
        foreach (var c in $"{productId}|{size}")
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % 13u);
    }
}
