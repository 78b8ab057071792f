using HospitalServices.Appointments;
using HospitalServices.Billing;
using HospitalServices.Patients;
using HospitalServices.Seed;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Hospital;

/// <summary>
/// The mock services' day is the hospital's: "today", each series' last bucket and the clinic's hours follow
/// Hospital:TimeZone at any instant, whatever the machine's zone. Zones a day apart from UTC make a slip show.
/// </summary>
public sealed class HospitalDayTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    /// <summary>Kiritimati is UTC+14 and Pago Pago UTC-11, neither with daylight saving: the offsets are fixed.</summary>
    public static TheoryData<string, int, string> Instants => new()
    {
        { "Pacific/Kiritimati", 14, "00:01" },
        { "Pacific/Kiritimati", 14, "12:00" },
        { "Pacific/Kiritimati", 14, "23:59" },
        { "Pacific/Pago_Pago", -11, "00:01" },
        { "Pacific/Pago_Pago", -11, "12:00" },
        { "Pacific/Pago_Pago", -11, "23:59" },
    };

    private static HospitalClock ClockAt(string zone, int offsetHours, string wallTime, DateOnly? day = null) => new(
        new FakeTimeProvider(new DateTimeOffset((day ?? Day).ToDateTime(TimeOnly.Parse(wallTime)), TimeSpan.FromHours(offsetHours))),
        TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Theory]
    [MemberData(nameof(Instants))]
    public void Appointments_today_and_the_last_trend_bucket_are_the_hospitals_date(string zone, int offset, string wallTime)
    {
        var clock = ClockAt(zone, offset, wallTime);
        var store = new AppointmentStore(clock);

        var last = store.Trends(7).Daily[^1];

        Assert.Equal(Day, clock.Today);
        Assert.Equal(Day, last.Date);
        Assert.Equal(store.Stats().Today, last.Counts);
        Assert.Equal(Day.AddDays(-6), store.Trends(7).Daily[0].Date);
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public void Payments_today_and_the_last_revenue_bucket_are_the_hospitals_date(string zone, int offset, string wallTime)
    {
        var store = new BillingStore(ClockAt(zone, offset, wallTime));

        var stats = store.Stats();
        var last = store.Revenue(7).Daily[^1];

        Assert.Equal(Day, last.Date);
        Assert.Equal(stats.RevenueToday, last.Amount);
        Assert.Equal(stats.PaymentsToday, last.Payments);
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public void Registrations_today_and_the_last_growth_bucket_are_the_hospitals_date(string zone, int offset, string wallTime)
    {
        var store = new PatientStore(ClockAt(zone, offset, wallTime));

        var last = store.Growth(7).Daily[^1];

        Assert.Equal(Day, last.Date);
        Assert.Equal(store.Stats().NewToday, last.Registrations);
    }

    [Theory]
    [InlineData("Pacific/Kiritimati", 14)]
    [InlineData("Pacific/Pago_Pago", -11)]
    public void Just_after_midnight_the_day_has_barely_begun_and_just_before_it_a_whole_clinic_day_is_counted(string zone, int offset)
    {
        var early = new BillingStore(ClockAt(zone, offset, "00:01")).Stats();
        var late = new BillingStore(ClockAt(zone, offset, "23:59")).Stats();
        var lateAppointments = new AppointmentStore(ClockAt(zone, offset, "23:59")).Stats().Today;

        Assert.True(early.PaymentsToday <= 1, $"{early.PaymentsToday} payments in the first minute of the day");
        Assert.True(late.PaymentsToday >= 80, $"only {late.PaymentsToday} payments by 23:59");
        Assert.Equal(lateAppointments.Total, lateAppointments.Completed + lateAppointments.NoShow + lateAppointments.Cancelled
            + lateAppointments.Scheduled + lateAppointments.CheckedIn);
        Assert.True(lateAppointments.Completed >= 80, $"only {lateAppointments.Completed} appointments completed by 23:59");
    }

    [Theory]
    [InlineData("Asia/Ho_Chi_Minh", 7)]
    [InlineData("Pacific/Pago_Pago", -11)]
    public void At_nine_a_morning_of_check_ins_and_payments_and_at_two_only_the_emergency_department_is_busy(string zone, int offset)
    {
        var morningBilling = new BillingStore(ClockAt(zone, offset, "09:00")).Stats();
        var morning = new AppointmentStore(ClockAt(zone, offset, "09:00"));
        var nightBilling = new BillingStore(ClockAt(zone, offset, "02:00")).Stats();
        var night = new AppointmentStore(ClockAt(zone, offset, "02:00"));

        Assert.True(morningBilling.PaymentsToday >= 20, $"only {morningBilling.PaymentsToday} payments by 09:00");
        Assert.Contains(morningBilling.RevenueByDepartmentToday, d => d.Department != ClinicHours.Emergency);
        var seenThisMorning = morning.Stats().Today.CheckedIn + morning.Stats().Today.Completed;
        Assert.True(seenThisMorning >= 20, $"only {seenThisMorning} patients checked in or seen by 09:00");

        Assert.True(nightBilling.PaymentsToday is > 0 and < 10, $"{nightBilling.PaymentsToday} payments by 02:00");
        Assert.All(nightBilling.RevenueByDepartmentToday, d => Assert.Equal(ClinicHours.Emergency, d.Department));
        var attended = night.Top(1, 1000).Doctors.Where(d => d.Completed + d.NoShow > 0).ToList();
        Assert.NotEmpty(attended);
        Assert.All(attended, d => Assert.Equal(ClinicHours.Emergency, d.Department));
        var seenTonight = night.Stats().Today.CheckedIn + night.Stats().Today.Completed;
        Assert.True(seenTonight < 10, $"{seenTonight} patients checked in or seen by 02:00");
    }

    [Fact]
    public void One_instant_in_two_zones_is_two_hospital_days_with_different_appointments_today()
    {
        // 21:00 UTC: 11:00 on 11 March in Kiritimati, 10:00 on 10 March in Pago Pago.
        var instant = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero));
        var kiritimati = new HospitalClock(instant, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"));
        var pagoPago = new HospitalClock(instant, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Pago_Pago"));

        Assert.Equal(new DateOnly(2026, 3, 11), kiritimati.Today);
        Assert.Equal(new DateOnly(2026, 3, 10), pagoPago.Today);
        Assert.NotEqual(new AppointmentStore(kiritimati).Stats().Today.Total, new AppointmentStore(pagoPago).Stats().Today.Total);
    }

    [Fact]
    public void The_seed_is_the_same_for_the_same_local_date_and_hour_in_any_zone_and_the_days_bookings_at_any_hour()
    {
        var hanoi = new AppointmentStore(ClockAt("Asia/Ho_Chi_Minh", 7, "10:00")).Stats();
        var pagoPago = new AppointmentStore(ClockAt("Pacific/Pago_Pago", -11, "10:00")).Stats();
        var hanoiAtNight = new AppointmentStore(ClockAt("Asia/Ho_Chi_Minh", 7, "02:00")).Stats();

        Assert.Equal(hanoi.Today, pagoPago.Today);
        Assert.Equal(hanoi.Today.Total, hanoiAtNight.Today.Total);
    }

    [Fact]
    public void At_night_the_simulated_bookings_are_emergency_walk_ins_or_the_next_clinic_morning_never_an_outpatient_slot_now()
    {
        var clock = ClockAt("Pacific/Kiritimati", 14, "02:00");
        var store = new AppointmentStore(clock);

        var booked = Enumerable.Range(0, 40).Select(_ => store.CreateRandom()).ToList();

        Assert.All(booked, a =>
        {
            var wall = TimeOnly.FromDateTime(clock.ToLocal(a.ScheduledAt).DateTime);
            if (a.Department == ClinicHours.Emergency) Assert.True(a.ScheduledAt - clock.Now < TimeSpan.FromMinutes(15), $"walk-in at {wall}");
            else Assert.True(ClinicHours.IsOpen(wall) && clock.DateOf(a.ScheduledAt) == clock.Today, $"outpatient booked at {a.ScheduledAt:O}");
        });
        Assert.True(booked.Count(a => a.Department == ClinicHours.Emergency) > booked.Count / 2, "most night bookings should be Emergency walk-ins");
    }

    [Fact]
    public void A_booking_sent_with_another_offset_falls_in_the_hospitals_day()
    {
        var clock = ClockAt("Pacific/Kiritimati", 14, "12:00");
        var store = new AppointmentStore(clock);
        var before = store.Trends(2).Daily;

        // 23:30 and 00:30 on 10 March in Kiritimati, written in UTC. The second reads as 9 March by its own offset.
        store.Create(new CreateAppointmentRequest(1, 11, new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero)));
        store.Create(new CreateAppointmentRequest(1, 11, new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.Zero)));

        var after = store.Trends(2).Daily;
        Assert.Equal(before[1].Counts.Total + 2, after[1].Counts.Total);
        Assert.Equal(before[0].Counts.Total, after[0].Counts.Total);
    }
}
