using HospitalServices.Appointments;
using HospitalServices.Billing;
using HospitalServices.Contracts;
using HospitalServices.Doctors;
using HospitalServices.Medicine;
using HospitalServices.Patients;

namespace HospitalServices.Hosting;

/// <summary>The one place that knows every service's module; the host builds an application around one of them.</summary>
public static class ServiceModules
{
    public static IHospitalServiceModule For(HospitalService service) => service switch
    {
        HospitalService.Patients => new PatientsModule(),
        HospitalService.Doctors => new DoctorsModule(),
        HospitalService.Appointments => new AppointmentsModule(),
        HospitalService.Billing => new BillingModule(),
        HospitalService.Medicine => new MedicineModule(),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}
