using HospitalServices.Seed;

namespace HospitalServices.Patients;

public enum PatientStatus { Active, Inactive }

public sealed record Patient(int Id, string FullName, string Gender, DateOnly DateOfBirth, DateTimeOffset RegisteredAt, PatientStatus Status);

public sealed record PatientStats(
    int TotalPatients, int ActivePatients, int InactivePatients,
    int NewToday, int NewLast7Days, int NewThisMonth, double AverageAge, DateTimeOffset AsOf);

public sealed record DailyRegistrations(DateOnly Date, int Registrations);

public sealed record PatientGrowth(int Days, int TotalBefore, int TotalNow, IReadOnlyList<DailyRegistrations> Daily, DateTimeOffset AsOf);

public sealed record RegisterPatientRequest(string? FullName, string? Gender, DateOnly? DateOfBirth);

/// <summary>The patient service's own data: about 15,000 patients registered over five years, about half active.</summary>
public sealed class PatientStore
{
    private readonly Lock _lock = new();
    private readonly List<Patient> _patients;
    private readonly HospitalClock _clock;
    private readonly Random _random = new(SeedData.Seed + 1);

    public PatientStore(HospitalClock clock)
    {
        _clock = clock;
        _patients = Seed(clock);
    }

    private static List<Patient> Seed(HospitalClock clock)
    {
        var random = new Random(SeedData.Seed);
        var list = new List<Patient>(SeedData.SeededPatients + 500);
        var now = clock.Now;
        var start = now.AddDays(-5 * 365);
        // Registrations spread over five years, denser in the last quarter. Recent ones happen at the desk in
        // clinic hours, a few in Emergency at any hour; one not yet due today was made the day before.
        for (var id = 1; id <= SeedData.SeededPatients; id++)
        {
            var recent = random.NextDouble() < 0.09;
            var daysAgo = random.Next(0, 90);
            var wallTime = random.NextDouble() < 0.85
                ? ClinicHours.Opens.AddMinutes(random.Next(0, (int)(ClinicHours.Closes - ClinicHours.Opens).TotalMinutes))
                : ClinicHours.AnyTime(random);
            var registeredAt = recent
                ? clock.At(clock.Today.AddDays(-daysAgo), wallTime)
                : start.AddMinutes(random.NextDouble() * (now - start).TotalMinutes);
            if (registeredAt > now) registeredAt = clock.At(clock.Today.AddDays(-daysAgo - 1), wallTime);
            var age = random.Next(0, 95);
            var dob = clock.Today.AddYears(-age).AddDays(-random.Next(0, 365));
            var active = recent || random.NextDouble() < 0.47;
            list.Add(new Patient(id, SeedData.PatientName(id), random.Next(2) == 0 ? "female" : "male", dob, registeredAt,
                active ? PatientStatus.Active : PatientStatus.Inactive));
        }
        return list;
    }

    public int Count { get { lock (_lock) { return _patients.Count; } } }

    public Patient Register(RegisterPatientRequest request)
    {
        lock (_lock)
        {
            var id = _patients.Count == 0 ? 1 : _patients[^1].Id + 1;
            var patient = new Patient(id, request.FullName!.Trim(), request.Gender ?? "unknown",
                request.DateOfBirth ?? _clock.Today.AddYears(-30), _clock.Now, PatientStatus.Active);
            _patients.Add(patient);
            return patient;
        }
    }

    public Patient RegisterRandom()
    {
        lock (_lock)
        {
            var nextId = _patients[^1].Id + 1;
            return Register(new RegisterPatientRequest(SeedData.PatientName(nextId), _random.Next(2) == 0 ? "female" : "male",
                _clock.Today.AddYears(-_random.Next(1, 90))));
        }
    }

    /// <summary>Registrations per day over the last <paramref name="days"/> days, today included.</summary>
    public PatientGrowth Growth(int days)
    {
        var first = _clock.Today.AddDays(1 - days);
        var start = _clock.StartOf(first);
        lock (_lock)
        {
            var perDay = _patients.Where(p => p.RegisteredAt >= start)
                .GroupBy(p => _clock.DateOf(p.RegisteredAt))
                .ToDictionary(g => g.Key, g => g.Count());
            var daily = Enumerable.Range(0, days).Select(i => first.AddDays(i))
                .Select(d => new DailyRegistrations(d, perDay.GetValueOrDefault(d))).ToList();
            var total = _patients.Count;
            return new PatientGrowth(days, total - daily.Sum(d => d.Registrations), total, daily, _clock.Now);
        }
    }

    public PatientStats Stats()
    {
        var now = _clock.Now;
        var today = _clock.StartOfToday;
        var weekAgo = now.AddDays(-7);
        var month = _clock.StartOfMonth;
        var todayDate = _clock.Today;
        lock (_lock)
        {
            int active = 0, newToday = 0, new7 = 0, newMonth = 0;
            double ageSum = 0;
            foreach (var p in _patients)
            {
                if (p.Status == PatientStatus.Active) active++;
                if (p.RegisteredAt >= today) newToday++;
                if (p.RegisteredAt >= weekAgo) new7++;
                if (p.RegisteredAt >= month) newMonth++;
                ageSum += (todayDate.DayNumber - p.DateOfBirth.DayNumber) / 365.25;
            }
            var total = _patients.Count;
            return new PatientStats(total, active, total - active, newToday, new7, newMonth,
                total == 0 ? 0 : Math.Round(ageSum / total, 1), now);
        }
    }
}
