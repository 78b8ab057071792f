using HospitalServices.Seed;

namespace HospitalServices.Appointments;

public enum AppointmentStatus { Scheduled, CheckedIn, Completed, Cancelled, NoShow }

public sealed record Appointment(
    int Id, int PatientId, string PatientName, int DoctorId, string DoctorName, string Department,
    DateTimeOffset ScheduledAt, AppointmentStatus Status, DateTimeOffset? CheckedInAt, DateTimeOffset? StartedAt);

public sealed record StatusCounts(int Total, int Scheduled, int CheckedIn, int Completed, int Cancelled, int NoShow);

public sealed record AppointmentStats(
    StatusCounts Today, StatusCounts Last30Days, int UpcomingNext7Days,
    double? AverageWaitMinutesToday, int FinishedWaitsToday, DateTimeOffset AsOf);

public sealed record DailyAppointments(DateOnly Date, StatusCounts Counts);

public sealed record AppointmentTrends(int Days, IReadOnlyList<DailyAppointments> Daily, DateTimeOffset AsOf);

public sealed record DoctorRanking(int DoctorId, string DoctorName, string Department, int Appointments, int Completed, int NoShow);

public sealed record TopDoctors(int Days, IReadOnlyList<DoctorRanking> Doctors, DateTimeOffset AsOf);

public sealed record CreateAppointmentRequest(int? PatientId, int? DoctorId, DateTimeOffset? ScheduledAt);

/// <summary>
/// The appointment service's own data from 60 days back to 14 days ahead, on the hospital's wall clock: 100-150
/// outpatient appointments a day in clinic hours, and 20-36 Emergency visits spread round the clock. Past slots
/// are completed, missed or cancelled; today's split around the current time. Each local date has its own seed.
/// </summary>
public sealed class AppointmentStore
{
    private const int PastDays = 60;
    private const int FutureDays = 14;
    private readonly Lock _lock = new();
    private readonly List<Appointment> _appointments = [];
    private readonly HospitalClock _clock;
    private readonly Random _random = new(SeedData.Seed + 3);

    public AppointmentStore(HospitalClock clock)
    {
        _clock = clock;
        var now = clock.Now;
        var today = clock.Today;
        var id = 0;
        for (var day = -PastDays; day <= FutureDays; day++)
        {
            var date = today.AddDays(day);
            var random = SeedData.ForDay(date, 3);
            var outpatients = random.Next(100, 151);
            for (var i = 0; i < outpatients; i++)
            {
                var scheduledAt = clock.At(date, ClinicHours.Slot(random.Next(0, ClinicHours.Slots)));
                _appointments.Add(SeedOne(++id, scheduledAt, Pick(ClinicHours.OutpatientDoctors, random), now, random));
            }
            var emergencies = random.Next(20, 37);
            for (var i = 0; i < emergencies; i++)
            {
                var scheduledAt = clock.At(date, ClinicHours.AnyTime(random));
                _appointments.Add(SeedOne(++id, scheduledAt, Pick(ClinicHours.EmergencyDoctors, random), now, random));
            }
        }
        _appointments.Sort((a, b) => a.ScheduledAt.CompareTo(b.ScheduledAt));
    }

    private static int Pick(IReadOnlyList<int> ids, Random random) => ids[random.Next(ids.Count)];

    private static Appointment SeedOne(int id, DateTimeOffset scheduledAt, int doctorId, DateTimeOffset now, Random random)
    {
        // Every draw is made whatever the outcome, so the day's later appointments do not depend on the hour.
        var patientId = random.Next(1, SeedData.SeededPatients + 1);
        var roll = random.NextDouble();
        var arrivedEarly = random.Next(0, 16);
        var waited = random.Next(0, 41);
        AppointmentStatus status;
        DateTimeOffset? checkedIn = null, started = null;
        if (scheduledAt > now)
        {
            status = roll < 0.05 ? AppointmentStatus.Cancelled : AppointmentStatus.Scheduled;
        }
        else if (roll < 0.08)
        {
            status = AppointmentStatus.Cancelled;
        }
        else if (roll < 0.18)
        {
            status = AppointmentStatus.NoShow;
        }
        else
        {
            checkedIn = scheduledAt.AddMinutes(-arrivedEarly);
            var startAt = scheduledAt.AddMinutes(waited);
            if (startAt <= now)
            {
                status = AppointmentStatus.Completed;
                started = startAt;
            }
            else
            {
                status = AppointmentStatus.CheckedIn;
            }
            if (checkedIn > now) checkedIn = now;
        }
        return new Appointment(id, patientId, SeedData.PatientName(patientId), doctorId, SeedData.DoctorName(doctorId),
            SeedData.DoctorDepartment(doctorId), scheduledAt, status, checkedIn, started);
    }

    public Appointment Create(CreateAppointmentRequest request)
    {
        lock (_lock)
        {
            var id = _appointments.Count == 0 ? 1 : _appointments.Max(a => a.Id) + 1;
            var patientId = request.PatientId!.Value;
            var doctorId = request.DoctorId!.Value;
            var appointment = new Appointment(id, patientId, SeedData.PatientName(patientId), doctorId, SeedData.DoctorName(doctorId),
                SeedData.DoctorDepartment(doctorId), request.ScheduledAt!.Value, AppointmentStatus.Scheduled, null, null);
            _appointments.Add(appointment);
            return appointment;
        }
    }

    /// <summary>
    /// While the clinics are open: a booking with an outpatient doctor in one of the next slots today. At night:
    /// mostly an Emergency walk-in now, else a booking for the next clinic morning, never an outpatient slot "now".
    /// </summary>
    public Appointment CreateRandom()
    {
        var now = _clock.Now;
        var wallTime = TimeOnly.FromDateTime(now.DateTime);
        lock (_lock)
        {
            var patientId = _random.Next(1, SeedData.SeededPatients + 1);
            var firstSlot = (int)Math.Ceiling((wallTime - ClinicHours.Opens).TotalMinutes / ClinicHours.SlotMinutes) + 1;
            var slot = firstSlot + _random.Next(0, 12);
            if (ClinicHours.IsOpen(wallTime) && slot < ClinicHours.Slots)
                return Create(new CreateAppointmentRequest(patientId, Pick(ClinicHours.OutpatientDoctors, _random), _clock.At(_clock.Today, ClinicHours.Slot(slot))));
            if (_random.NextDouble() < 0.7)
                return Create(new CreateAppointmentRequest(patientId, Pick(ClinicHours.EmergencyDoctors, _random), now.AddMinutes(_random.Next(0, 15))));
            var morning = wallTime < ClinicHours.Opens ? _clock.Today : _clock.Today.AddDays(1);
            return Create(new CreateAppointmentRequest(patientId, Pick(ClinicHours.OutpatientDoctors, _random),
                _clock.At(morning, ClinicHours.Slot(_random.Next(0, 18)))));
        }
    }

    /// <summary>Moves one of today's appointments a step on: scheduled to checked in, or checked in to completed.</summary>
    public Appointment? AdvanceRandom()
    {
        var now = _clock.Now;
        var today = _clock.StartOfToday;
        var tomorrow = _clock.StartOf(_clock.Today.AddDays(1));
        lock (_lock)
        {
            var candidates = _appointments
                .Select((a, index) => (a, index))
                .Where(x => x.a.ScheduledAt >= today && x.a.ScheduledAt < tomorrow
                    && (x.a.Status == AppointmentStatus.CheckedIn || (x.a.Status == AppointmentStatus.Scheduled && x.a.ScheduledAt <= now.AddMinutes(60))))
                .ToList();
            if (candidates.Count == 0) return null;
            var (appointment, index) = candidates[_random.Next(candidates.Count)];
            var next = appointment.Status == AppointmentStatus.Scheduled
                ? appointment with { Status = AppointmentStatus.CheckedIn, CheckedInAt = now }
                : appointment with { Status = AppointmentStatus.Completed, StartedAt = now };
            _appointments[index] = next;
            return next;
        }
    }

    /// <summary>Appointments per day by status over the last <paramref name="days"/> days, today included.</summary>
    public AppointmentTrends Trends(int days)
    {
        var first = _clock.Today.AddDays(1 - days);
        var start = _clock.StartOf(first);
        var end = _clock.StartOf(_clock.Today.AddDays(1));
        lock (_lock)
        {
            // A booking may carry any offset: its day is the hospital's, not the one its own offset suggests.
            var perDay = _appointments.Where(a => a.ScheduledAt >= start && a.ScheduledAt < end)
                .GroupBy(a => _clock.DateOf(a.ScheduledAt))
                .ToDictionary(g => g.Key, g => Count(g));
            var daily = Enumerable.Range(0, days).Select(i => first.AddDays(i))
                .Select(d => new DailyAppointments(d, perDay.GetValueOrDefault(d) ?? new StatusCounts(0, 0, 0, 0, 0, 0))).ToList();
            return new AppointmentTrends(days, daily, _clock.Now);
        }
    }

    /// <summary>Doctors with the most appointments over the last <paramref name="days"/> days, today included.</summary>
    public TopDoctors Top(int days, int limit)
    {
        var start = _clock.StartOf(_clock.Today.AddDays(1 - days));
        var end = _clock.StartOf(_clock.Today.AddDays(1));
        lock (_lock)
        {
            var ranking = _appointments.Where(a => a.ScheduledAt >= start && a.ScheduledAt < end && a.Status != AppointmentStatus.Cancelled)
                .GroupBy(a => a.DoctorId)
                .Select(g => new DoctorRanking(g.Key, g.First().DoctorName, g.First().Department, g.Count(),
                    g.Count(a => a.Status == AppointmentStatus.Completed), g.Count(a => a.Status == AppointmentStatus.NoShow)))
                .OrderByDescending(r => r.Appointments).ThenBy(r => r.DoctorId)
                .Take(limit).ToList();
            return new TopDoctors(days, ranking, _clock.Now);
        }
    }

    public AppointmentStats Stats()
    {
        var now = _clock.Now;
        var today = _clock.StartOfToday;
        var tomorrow = _clock.StartOf(_clock.Today.AddDays(1));
        var from30 = _clock.StartOf(_clock.Today.AddDays(-30));
        var to7 = now.AddDays(7);
        lock (_lock)
        {
            var todays = _appointments.Where(a => a.ScheduledAt >= today && a.ScheduledAt < tomorrow).ToList();
            var last30 = _appointments.Where(a => a.ScheduledAt >= from30 && a.ScheduledAt < tomorrow);
            var upcoming = _appointments.Count(a => a.ScheduledAt > now && a.ScheduledAt <= to7 && a.Status == AppointmentStatus.Scheduled);
            // Waits count only once finished: checked in and seen by the doctor.
            var waits = todays.Where(a => a.CheckedInAt is not null && a.StartedAt is not null)
                .Select(a => (a.StartedAt!.Value - a.CheckedInAt!.Value).TotalMinutes).ToList();
            return new AppointmentStats(Count(todays), Count(last30), upcoming,
                waits.Count == 0 ? null : Math.Round(waits.Average(), 1), waits.Count, now);
        }
    }

    private static StatusCounts Count(IEnumerable<Appointment> appointments)
    {
        int total = 0, scheduled = 0, checkedIn = 0, completed = 0, cancelled = 0, noShow = 0;
        foreach (var a in appointments)
        {
            total++;
            switch (a.Status)
            {
                case AppointmentStatus.Scheduled: scheduled++; break;
                case AppointmentStatus.CheckedIn: checkedIn++; break;
                case AppointmentStatus.Completed: completed++; break;
                case AppointmentStatus.Cancelled: cancelled++; break;
                case AppointmentStatus.NoShow: noShow++; break;
            }
        }
        return new StatusCounts(total, scheduled, checkedIn, completed, cancelled, noShow);
    }
}
