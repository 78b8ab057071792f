using HospitalServices.Seed;

namespace HospitalServices.Doctors;

public enum DoctorStatus { Active, OnLeave, Inactive }

public sealed record Doctor(int Id, string FullName, string Specialty, string Department, DoctorStatus Status, DateTimeOffset JoinedAt);

public sealed record DepartmentHeadcount(string Department, int ActiveDoctors);

public sealed record DoctorStats(
    int TotalDoctors, int ActiveDoctors, int OnLeave, int Inactive, int Departments,
    IReadOnlyList<DepartmentHeadcount> ByDepartment, DateTimeOffset AsOf);

public sealed record CreateDoctorRequest(string? FullName, string? Specialty, string? Department);

/// <summary>The doctor service's own data: about 190 doctors in twelve departments.</summary>
public sealed class DoctorStore
{
    private static readonly Dictionary<string, string[]> Specialties = new()
    {
        ["Cardiology"] = ["Interventional Cardiology", "Electrophysiology", "Heart Failure"],
        ["Neurology"] = ["Stroke", "Epilepsy", "Movement Disorders"],
        ["Pediatrics"] = ["Neonatology", "Pediatric Infectious Disease", "General Pediatrics"],
        ["Orthopedics"] = ["Spine", "Sports Medicine", "Joint Replacement"],
        ["Oncology"] = ["Medical Oncology", "Radiation Oncology", "Hematology"],
        ["Emergency"] = ["Emergency Medicine", "Trauma"],
        ["General Medicine"] = ["Internal Medicine", "Family Medicine", "Geriatrics"],
        ["Obstetrics"] = ["Obstetrics", "Gynecology", "Maternal-Fetal Medicine"],
        ["Dermatology"] = ["Dermatology", "Dermatopathology"],
        ["Radiology"] = ["Diagnostic Radiology", "Interventional Radiology"],
        ["Surgery"] = ["General Surgery", "Vascular Surgery", "Thoracic Surgery"],
        ["Ophthalmology"] = ["Retina", "Glaucoma", "Cornea"],
    };

    private readonly Lock _lock = new();
    private readonly List<Doctor> _doctors = [];
    private readonly HospitalClock _clock;
    private readonly Random _random = new(SeedData.Seed + 2);

    public DoctorStore(HospitalClock clock)
    {
        _clock = clock;
        var random = new Random(SeedData.Seed);
        for (var id = 1; id <= SeedData.SeededDoctors; id++)
        {
            var department = SeedData.DoctorDepartment(id);
            var specialties = Specialties[department];
            var roll = random.NextDouble();
            var status = roll < 0.93 ? DoctorStatus.Active : roll < 0.975 ? DoctorStatus.OnLeave : DoctorStatus.Inactive;
            _doctors.Add(new Doctor(id, SeedData.DoctorName(id), specialties[random.Next(specialties.Length)], department, status,
                clock.Now.AddDays(-random.Next(30, 20 * 365))));
        }
    }

    public Doctor Create(CreateDoctorRequest request)
    {
        lock (_lock)
        {
            var id = _doctors[^1].Id + 1;
            var doctor = new Doctor(id, request.FullName!.Trim(), request.Specialty!.Trim(), request.Department!.Trim(),
                DoctorStatus.Active, _clock.Now);
            _doctors.Add(doctor);
            return doctor;
        }
    }

    public Doctor CreateRandom()
    {
        lock (_lock)
        {
            var id = _doctors[^1].Id + 1;
            var department = SeedData.DoctorDepartment(id);
            var specialties = Specialties[department];
            return Create(new CreateDoctorRequest(SeedData.DoctorName(id), specialties[_random.Next(specialties.Length)], department));
        }
    }

    public static bool IsKnownDepartment(string department) => Specialties.ContainsKey(department);

    public DoctorStats Stats()
    {
        lock (_lock)
        {
            var active = _doctors.Count(d => d.Status == DoctorStatus.Active);
            var onLeave = _doctors.Count(d => d.Status == DoctorStatus.OnLeave);
            var byDepartment = _doctors
                .GroupBy(d => d.Department)
                .Select(g => new DepartmentHeadcount(g.Key, g.Count(d => d.Status == DoctorStatus.Active)))
                .OrderByDescending(d => d.ActiveDoctors).ThenBy(d => d.Department)
                .ToList();
            return new DoctorStats(_doctors.Count, active, onLeave, _doctors.Count - active - onLeave, byDepartment.Count, byDepartment, _clock.Now);
        }
    }
}
