namespace HospitalServices.Seed;

/// <summary>
/// When the hospital is busy, on its own wall clock: outpatient clinics in daytime, the Emergency department round
/// the clock. Seeded data and simulated activity both follow these hours, so at 09:00 there is a morning's worth
/// of check-ins and payments and at 02:00 only Emergency's.
/// </summary>
public static class ClinicHours
{
    public static readonly TimeOnly Opens = new(7, 30);
    public static readonly TimeOnly Closes = new(17, 30);
    public const int SlotMinutes = 10;
    public const string Emergency = "Emergency";

    /// <summary>Outpatient slots a day: 07:30 to the last slot that ends at closing.</summary>
    public static int Slots => (int)(Closes - Opens).TotalMinutes / SlotMinutes;

    public static bool IsOpen(TimeOnly wallTime) => wallTime >= Opens && wallTime < Closes;

    public static TimeOnly Slot(int index) => Opens.AddMinutes(index * SlotMinutes);

    public static IReadOnlyList<string> OutpatientDepartments { get; } = SeedData.Departments.Where(d => d != Emergency).ToArray();

    public static IReadOnlyList<int> EmergencyDoctors { get; } =
        Enumerable.Range(1, SeedData.SeededDoctors).Where(id => SeedData.DoctorDepartment(id) == Emergency).ToArray();

    public static IReadOnlyList<int> OutpatientDoctors { get; } =
        Enumerable.Range(1, SeedData.SeededDoctors).Where(id => SeedData.DoctorDepartment(id) != Emergency).ToArray();

    /// <summary>A random instant of that local day, minute resolution.</summary>
    public static TimeOnly AnyTime(Random random) => TimeOnly.MinValue.AddMinutes(random.Next(0, 24 * 60));
}
