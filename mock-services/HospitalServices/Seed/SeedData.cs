namespace HospitalServices.Seed;

/// <summary>
/// Deterministic building blocks shared by the services' seeds, so that the appointment service's
/// "patient 42" has the same name as the patient service's patient 42.
/// </summary>
public static class SeedData
{
    public const int Seed = 20261125;
    public const int SeededPatients = 15_234;
    public const int SeededDoctors = 190;

    private static readonly string[] FirstNames =
    [
        "John", "Mary", "An", "Binh", "Chi", "Dung", "Giang", "Hoa", "Hung", "Lan", "Linh", "Minh", "Nam", "Ngoc",
        "Phuong", "Quang", "Son", "Thao", "Trang", "Tuan", "Viet", "Xuan", "Anna", "David", "Emma", "James",
        "Laura", "Michael", "Olivia", "Peter", "Sarah", "Thomas", "Sophie", "Daniel", "Grace", "Henry",
    ];

    private static readonly string[] LastNames =
    [
        "Doe", "Smith", "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do",
        "Ho", "Ngo", "Duong", "Ly", "Brown", "Johnson", "Garcia", "Miller", "Davis", "Wilson", "Taylor", "Clark",
    ];

    public static readonly string[] Departments =
    [
        "Cardiology", "Neurology", "Pediatrics", "Orthopedics", "Oncology", "Emergency", "General Medicine",
        "Obstetrics", "Dermatology", "Radiology", "Surgery", "Ophthalmology",
    ];

    /// <summary>
    /// The random source of one local day of one store: the same date gives the same day in any zone and at any hour,
    /// and two dates (two zones' "today" at one instant) give different days.
    /// </summary>
    public static Random ForDay(DateOnly date, int stream) => new(unchecked(Seed + date.DayNumber * 7919 + stream * 104_729));

    public static string PersonName(int id)
    {
        // A cheap integer hash keeps names stable per id without storing a table.
        var h = (uint)id * 2654435761u;
        return $"{FirstNames[h % (uint)FirstNames.Length]} {LastNames[(h >> 8) % (uint)LastNames.Length]}";
    }

    public static string PatientName(int patientId) => PersonName(patientId);

    public static string DoctorName(int doctorId) => "Dr. " + PersonName(doctorId + 1_000_000);

    public static string DoctorDepartment(int doctorId) => Departments[(doctorId * 7) % Departments.Length];
}
