using AdminDashboard.Components.Wall;
using AdminDashboard.Core.Events.Contracts;

namespace AdminDashboard.Tests.Components;

/// <summary>What the wall says about people: initials for a patient, nothing for a doctor.</summary>
public sealed class WallTextTests
{
    private static readonly TimeZoneInfo HoChiMinh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly DateTimeOffset At = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("John Doe", "J. D.")]
    [InlineData("  mary   ann   smith ", "M. S.")]
    [InlineData("Nguyễn Văn Ánh", "N. Á.")]
    [InlineData("Madonna", "M.")]
    [InlineData("Mary-Jane O'Neil", "M. O.")]
    [InlineData("\"Binh\" (Le)", "B. L.")]
    public void A_name_becomes_the_initials_of_its_first_and_last_word(string name, string initials)
    {
        Assert.Equal(initials, WallText.Initials(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("42 -- 7")]
    public void Without_a_letter_there_are_no_initials(string? name)
    {
        Assert.Null(WallText.Initials(name));
    }

    [Fact]
    public void A_decomposed_accent_stays_with_its_letter()
    {
        // "É" written as E + combining acute: the initial is the whole letter, not a bare E.
        Assert.Equal("E\u0301. D.", WallText.Initials("E\u0301mile Dupont"));
    }

    [Fact]
    public void A_new_appointment_names_neither_the_patient_nor_the_doctor()
    {
        var booked = new HospitalEvent("e1", EventTopics.AppointmentCreated, At, AppointmentId: "7", PatientName: "John Doe",
            DoctorName: "Dr. Grace Ho", Department: "Cardiology", ScheduledAt: At.AddHours(5));

        var line = WallText.Describe(booked, HoChiMinh);

        Assert.Equal("New appointment: J. D., Cardiology, at 14:00", line);
        Assert.DoesNotContain("John", line);
        Assert.DoesNotContain("Grace", line);
    }

    [Fact]
    public void Other_events_keep_the_dashboards_wording_with_initials_and_no_doctor()
    {
        var registered = new HospitalEvent("e2", EventTopics.PatientRegistered, At, PatientId: "9", PatientName: "Mary Smith");
        var changed = new HospitalEvent("e3", EventTopics.AppointmentStatusChanged, At, AppointmentId: "7", PatientName: "Mary Smith", Status: "checkedIn");
        var doctor = new HospitalEvent("e4", EventTopics.DoctorCreated, At, DoctorId: "12", DoctorName: "Dr. Grace Ho", Department: "Surgery");
        var anonymous = new HospitalEvent("e5", EventTopics.AppointmentCreated, At, AppointmentId: "8");

        Assert.Equal("New patient: M. S.", WallText.Describe(registered, HoChiMinh));
        Assert.Equal("Appointment of M. S. is now checked in", WallText.Describe(changed, HoChiMinh));
        Assert.Equal("New doctor #12", WallText.Describe(doctor, HoChiMinh));
        Assert.Equal("New appointment: a patient", WallText.Describe(anonymous, HoChiMinh));
    }

    [Theory]
    [InlineData(39_118_000L, "39.1 M VND")]
    [InlineData(1_250_000_000L, "1.25 bn VND")]
    [InlineData(950_000L, "950,000 VND")]
    [InlineData(0L, "0 VND")]
    public void Money_is_short_enough_for_a_tile(long amount, string text)
    {
        Assert.Equal(text, WallText.Money(amount, "VND"));
    }

    [Fact]
    public void Missing_money_stays_missing()
    {
        Assert.Null(WallText.Money(null, "VND"));
    }
}
