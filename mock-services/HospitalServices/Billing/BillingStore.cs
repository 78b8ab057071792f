using HospitalServices.Seed;

namespace HospitalServices.Billing;

public sealed record Invoice(int Id, int PatientId, string Department, long Amount, DateTimeOffset IssuedAt, DateTimeOffset? PaidAt);

public sealed record Payment(int Id, int InvoiceId, int PatientId, string PatientName, string Department, long Amount, string Method, DateTimeOffset PaidAt);

public sealed record DepartmentRevenue(string Department, long Amount);

public sealed record BillingStats(
    string Currency, long RevenueToday, int PaymentsToday, long RevenueLast7Days, long RevenueMonthToDate,
    int OutstandingInvoices, long OutstandingAmount, IReadOnlyList<DepartmentRevenue> RevenueByDepartmentToday, DateTimeOffset AsOf);

public sealed record DailyRevenue(DateOnly Date, long Amount, int Payments);

public sealed record RevenueReport(int Days, string Currency, long Total, IReadOnlyList<DailyRevenue> Daily,
    IReadOnlyList<DepartmentRevenue> ByDepartment, DateTimeOffset AsOf);

public sealed record CompletePaymentRequest(int? InvoiceId, string? Method);

/// <summary>
/// The billing service's own data: invoices for visits over the last 60 days on the hospital's wall clock, most
/// paid the same day: outpatient visits in clinic hours, Emergency round the clock. Each local date has its own seed.
/// </summary>
public sealed class BillingStore
{
    public const string Currency = "VND";
    private static readonly string[] Methods = ["cash", "card", "insurance", "bank-transfer"];
    private readonly Lock _lock = new();
    private readonly List<Invoice> _invoices = [];
    private readonly List<Payment> _payments = [];
    private readonly HospitalClock _clock;
    private readonly Random _random = new(SeedData.Seed + 4);

    public BillingStore(HospitalClock clock)
    {
        _clock = clock;
        var now = clock.Now;
        var visits = new List<(DateTimeOffset IssuedAt, int PatientId, string Department, long Amount, DateTimeOffset? PaidAt, string Method)>();
        for (var day = -60; day <= 0; day++)
        {
            var date = clock.Today.AddDays(day);
            var random = SeedData.ForDay(date, 4);
            // Outpatients are billed after their visit, from the first one (07:40) until shortly after closing.
            var outpatients = random.Next(90, 131);
            for (var i = 0; i < outpatients; i++)
            {
                var issuedAt = clock.At(date, ClinicHours.Opens.AddMinutes(ClinicHours.SlotMinutes + random.Next(0, 600)));
                visits.Add(Visit(issuedAt, ClinicHours.OutpatientDepartments[random.Next(ClinicHours.OutpatientDepartments.Count)], random));
            }
            var emergencies = random.Next(20, 37);
            for (var i = 0; i < emergencies; i++)
                visits.Add(Visit(clock.At(date, ClinicHours.AnyTime(random)), ClinicHours.Emergency, random));
        }
        // Numbered in the order they happened; only what has happened by now exists, unpaid if its payment has not.
        foreach (var v in visits.Where(v => v.IssuedAt <= now).OrderBy(v => v.IssuedAt))
            AddInvoice(v.PatientId, v.IssuedAt, v.Department, v.Amount, v.PaidAt <= now ? v.PaidAt : null, v.Method);
    }

    private static (DateTimeOffset, int, string, long, DateTimeOffset?, string) Visit(DateTimeOffset issuedAt, string department, Random random)
    {
        var patientId = random.Next(1, SeedData.SeededPatients + 1);
        var amount = RandomAmount(random);
        var paidAt = random.NextDouble() < 0.9 ? issuedAt.AddMinutes(random.Next(1, 46)) : (DateTimeOffset?)null;
        return (issuedAt, patientId, department, amount, paidAt, Methods[random.Next(Methods.Length)]);
    }

    private static long RandomAmount(Random random) => random.Next(150, 1200) * 1000L;

    private Invoice AddInvoice(int patientId, DateTimeOffset issuedAt, string department, long amount, DateTimeOffset? paidAt, string method)
    {
        var invoice = new Invoice(_invoices.Count + 1, patientId, department, amount, issuedAt, null);
        _invoices.Add(invoice);
        if (paidAt is not null) Pay(invoice.Id, method, paidAt.Value);
        return _invoices[invoice.Id - 1];
    }

    private Payment Pay(int invoiceId, string method, DateTimeOffset at)
    {
        var invoice = _invoices[invoiceId - 1];
        _invoices[invoiceId - 1] = invoice with { PaidAt = at };
        var payment = new Payment(_payments.Count + 1, invoice.Id, invoice.PatientId, SeedData.PatientName(invoice.PatientId), invoice.Department, invoice.Amount, method, at);
        _payments.Add(payment);
        return payment;
    }

    /// <summary>Pays an open invoice. Null when the invoice does not exist; throws when it is already paid.</summary>
    public Payment? Complete(CompletePaymentRequest request)
    {
        lock (_lock)
        {
            var id = request.InvoiceId!.Value;
            if (id < 1 || id > _invoices.Count) return null;
            if (_invoices[id - 1].PaidAt is not null) throw new InvalidOperationException($"Invoice {id} is already paid.");
            return Pay(id, request.Method ?? "cash", _clock.Now);
        }
    }

    /// <summary>A visit is billed and paid at the desk: any department while the clinics are open, else Emergency.</summary>
    public Payment CompleteRandom()
    {
        lock (_lock)
        {
            var department = ClinicHours.IsOpen(TimeOnly.FromDateTime(_clock.Now.DateTime))
                ? SeedData.Departments[_random.Next(SeedData.Departments.Length)]
                : ClinicHours.Emergency;
            var invoice = AddInvoice(_random.Next(1, SeedData.SeededPatients + 1), _clock.Now, department, RandomAmount(_random), null, "cash");
            return Pay(invoice.Id, Methods[_random.Next(Methods.Length)], _clock.Now);
        }
    }

    /// <summary>Payments per day and per department over the last <paramref name="days"/> days, today included.</summary>
    public RevenueReport Revenue(int days)
    {
        var first = _clock.Today.AddDays(1 - days);
        var start = _clock.StartOf(first);
        lock (_lock)
        {
            var inRange = _payments.Where(p => p.PaidAt >= start).ToList();
            var perDay = inRange.GroupBy(p => _clock.DateOf(p.PaidAt)).ToDictionary(g => g.Key, g => (Amount: g.Sum(p => p.Amount), Count: g.Count()));
            var daily = Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(d =>
                perDay.TryGetValue(d, out var v) ? new DailyRevenue(d, v.Amount, v.Count) : new DailyRevenue(d, 0, 0)).ToList();
            var byDepartment = inRange.GroupBy(p => p.Department).Select(g => new DepartmentRevenue(g.Key, g.Sum(p => p.Amount)))
                .OrderByDescending(d => d.Amount).ToList();
            return new RevenueReport(days, Currency, daily.Sum(d => d.Amount), daily, byDepartment, _clock.Now);
        }
    }

    public BillingStats Stats()
    {
        var now = _clock.Now;
        var today = _clock.StartOfToday;
        var weekAgo = now.AddDays(-7);
        var month = _clock.StartOfMonth;
        lock (_lock)
        {
            long todaySum = 0, weekSum = 0, monthSum = 0;
            var todayCount = 0;
            var byDepartment = new Dictionary<string, long>();
            foreach (var p in _payments)
            {
                if (p.PaidAt >= today)
                {
                    todaySum += p.Amount;
                    todayCount++;
                    byDepartment[p.Department] = byDepartment.GetValueOrDefault(p.Department) + p.Amount;
                }
                if (p.PaidAt >= weekAgo) weekSum += p.Amount;
                if (p.PaidAt >= month) monthSum += p.Amount;
            }
            var outstanding = _invoices.Where(i => i.PaidAt is null).ToList();
            return new BillingStats(Currency, todaySum, todayCount, weekSum, monthSum, outstanding.Count, outstanding.Sum(i => i.Amount),
                byDepartment.Select(kv => new DepartmentRevenue(kv.Key, kv.Value)).OrderByDescending(d => d.Amount).ToList(), now);
        }
    }
}
