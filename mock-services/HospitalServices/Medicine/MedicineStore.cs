using HospitalServices.Seed;

namespace HospitalServices.Medicine;

public sealed record MedicineItem(
    int Id, string Name, string Form, int StockQuantity, int ReorderPoint, double AverageDailyUsage, long UnitPrice, DateOnly ExpiryDate);

public sealed record MedicineStats(
    int TotalItems, int LowStock, int OutOfStock, int AtRiskWithin7Days, int ExpiringWithin30Days, int Expired,
    long InventoryValue, DateTimeOffset AsOf);

public sealed record StockLine(int Id, string Name, int StockQuantity, int ReorderPoint, double? DaysToStockOut, DateOnly ExpiryDate);

public sealed record StockReport(int TotalItems, int AtOrBelowReorderPoint, IReadOnlyList<StockLine> LowStock, DateTimeOffset AsOf);

public sealed record DispenseRequest(int? MedicineId, int? Quantity);

/// <summary>The pharmacy's own data: a catalogue of about 300 items with stock, reorder points, usage and expiry.</summary>
public sealed class MedicineStore
{
    private static readonly string[] Generics =
    [
        "Paracetamol", "Amoxicillin", "Ibuprofen", "Metformin", "Amlodipine", "Omeprazole", "Atorvastatin", "Losartan",
        "Salbutamol", "Ceftriaxone", "Azithromycin", "Insulin Glargine", "Heparin", "Furosemide", "Prednisolone",
        "Diclofenac", "Ciprofloxacin", "Metronidazole", "Clopidogrel", "Bisoprolol", "Pantoprazole", "Levothyroxine",
        "Warfarin", "Morphine", "Tramadol", "Ondansetron", "Dexamethasone", "Vancomycin", "Enoxaparin", "Lidocaine",
    ];
    private static readonly string[] Forms = ["tablet 250 mg", "tablet 500 mg", "capsule", "injection", "syrup", "infusion", "inhaler", "cream", "drops", "suppository"];

    private readonly Lock _lock = new();
    private readonly List<MedicineItem> _items = [];
    private readonly HospitalClock _clock;
    private readonly Random _random = new(SeedData.Seed + 5);

    public MedicineStore(HospitalClock clock)
    {
        _clock = clock;
        var random = new Random(SeedData.Seed);
        var today = clock.Today;
        var id = 0;
        foreach (var generic in Generics)
        {
            foreach (var form in Forms)
            {
                id++;
                var usage = Math.Round(1 + random.NextDouble() * 40, 1);
                var reorder = (int)(usage * 10);
                var roll = random.NextDouble();
                var stock = roll < 0.03 ? 0 : roll < 0.12 ? random.Next(1, reorder + 1) : random.Next(reorder + 1, reorder * 8 + 2);
                var expiry = today.AddDays(random.NextDouble() < 0.04 ? -random.Next(1, 60) : random.Next(5, 900));
                _items.Add(new MedicineItem(id, $"{generic} {form}", form, stock, reorder, usage, random.Next(2, 500) * 1000L, expiry));
            }
        }
    }

    public MedicineItem? Dispense(DispenseRequest request)
    {
        lock (_lock)
        {
            var index = _items.FindIndex(i => i.Id == request.MedicineId);
            if (index < 0) return null;
            var item = _items[index];
            var quantity = request.Quantity!.Value;
            if (quantity > item.StockQuantity) throw new InvalidOperationException($"Only {item.StockQuantity} of {item.Name} in stock.");
            _items[index] = item with { StockQuantity = item.StockQuantity - quantity };
            return _items[index];
        }
    }

    public MedicineItem DispenseRandom()
    {
        lock (_lock)
        {
            var inStock = _items.Where(i => i.StockQuantity > 0).ToList();
            var item = inStock[_random.Next(inStock.Count)];
            return Dispense(new DispenseRequest(item.Id, Math.Min(item.StockQuantity, _random.Next(1, 20))))!;
        }
    }

    /// <summary>Items at or below their reorder point or running out within 7 days, soonest stock-out first.</summary>
    public StockReport Stock(int limit)
    {
        lock (_lock)
        {
            static double? DaysLeft(MedicineItem i) => i.AverageDailyUsage <= 0 ? null : Math.Round(i.StockQuantity / i.AverageDailyUsage, 1);
            var low = _items.Where(i => i.StockQuantity <= i.ReorderPoint || DaysLeft(i) < 7)
                .OrderBy(i => DaysLeft(i) ?? double.MaxValue).ThenBy(i => i.Name).ToList();
            return new StockReport(_items.Count, low.Count,
                low.Take(limit).Select(i => new StockLine(i.Id, i.Name, i.StockQuantity, i.ReorderPoint, DaysLeft(i), i.ExpiryDate)).ToList(), _clock.Now);
        }
    }

    public MedicineStats Stats()
    {
        var today = _clock.Today;
        lock (_lock)
        {
            int low = 0, outOfStock = 0, atRisk = 0, expiring = 0, expired = 0;
            long value = 0;
            foreach (var i in _items)
            {
                if (i.StockQuantity == 0) outOfStock++;
                else if (i.StockQuantity <= i.ReorderPoint) low++;
                // Time to stock-out says more than a fixed threshold.
                if (i.StockQuantity > 0 && i.StockQuantity / i.AverageDailyUsage < 7) atRisk++;
                if (i.ExpiryDate < today) expired++;
                else if (i.ExpiryDate <= today.AddDays(30)) expiring++;
                value += i.StockQuantity * i.UnitPrice;
            }
            return new MedicineStats(_items.Count, low, outOfStock, atRisk, expiring, expired, value, _clock.Now);
        }
    }
}
