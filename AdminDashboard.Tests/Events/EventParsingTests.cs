using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Events;

public sealed class EventParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_message_with_only_the_seed_fields_is_understood()
    {
        var ok = HospitalEventParser.TryParse("appointment.created",
            """{"eventType":"appointment.created","appointmentId":123,"patientId":"p-9","doctorId":4,"timestamp":"2026-11-25T08:59:00Z"}""",
            Now, out var e, out var error);

        Assert.True(ok, error);
        Assert.Equal("123", e!.AppointmentId);
        Assert.Equal("p-9", e.PatientId);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 59, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(32, e.EventId.Length);
        Assert.Equal("New appointment #123", e.Describe(TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_same_seed_only_message_gets_the_same_id_so_a_redelivery_is_recognised()
    {
        const string payload = """{"eventType":"payment.completed","paymentId":5}""";
        HospitalEventParser.TryParse("payment.completed", payload, Now, out var a, out _);
        HospitalEventParser.TryParse("payment.completed", payload, Now.AddSeconds(3), out var b, out _);

        Assert.Equal(a!.EventId, b!.EventId);
    }

    [Theory]
    [InlineData("{ not json", "malformed JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("", "empty message")]
    [InlineData("""{"eventType":"ward.painted"}""", "unknown event type 'ward.painted'")]
    [InlineData("""{"eventType":"patient.registered","timestamp":"yesterday"}""", "malformed field")]
    public void Unreadable_messages_are_refused_with_a_reason(string payload, string reason)
    {
        Assert.False(HospitalEventParser.TryParse("patient.registered", payload, Now, out _, out var error));
        Assert.StartsWith(reason, error);
    }

    [Fact]
    public void Events_invalidate_the_seed_table_of_keys()
    {
        Assert.Equal(["admin:stats:v1", "admin:patients:*"], CacheInvalidationMap.For(EventTopics.PatientRegistered));
        Assert.Equal(["admin:stats:v1", "admin:doctors:*"], CacheInvalidationMap.For(EventTopics.DoctorCreated));
        Assert.Equal(["admin:stats:v1", "admin:appointments:*"], CacheInvalidationMap.For(EventTopics.AppointmentCreated));
        Assert.Equal(["admin:stats:v1", "admin:revenue:*"], CacheInvalidationMap.For(EventTopics.PaymentCompleted));
    }

    [Fact]
    public void A_payment_adds_its_amount_to_revenue_today_at_once()
    {
        var hospital = new HospitalTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), new FakeTimeProvider(Now));
        var stats = new DashboardStats(100, 10, 50, 1_000_000, null, null, null, null, null,
            new DerivedMetrics(null, null, null, null, null), Now, hospital.ZoneId, 0, false);

        var paid = KpiDelta.Apply(stats, new HospitalEvent("1", EventTopics.PaymentCompleted, Now, Amount: 250_000), hospital);
        var booked = KpiDelta.Apply(stats, new HospitalEvent("2", EventTopics.AppointmentCreated, Now, ScheduledAt: Now), hospital);
        var bookedTomorrow = KpiDelta.Apply(stats, new HospitalEvent("3", EventTopics.AppointmentCreated, Now, ScheduledAt: Now.AddDays(1)), hospital);
        var registered = KpiDelta.Apply(stats, new HospitalEvent("4", EventTopics.PatientRegistered, Now), hospital);

        Assert.Equal(1_250_000, paid.RevenueToday);
        Assert.Equal(51, booked.TodayAppointments);
        Assert.Equal(50, bookedTomorrow.TodayAppointments);
        Assert.Equal(101, registered.TotalPatients);
    }
}
