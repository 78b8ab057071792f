namespace HospitalServices.Faults;

public enum FaultMode
{
    None,
    Error,
    Hang,
    Slow,
}

public sealed record FaultSettings(FaultMode Mode, int DelayMs)
{
    public static FaultSettings Healthy { get; } = new(FaultMode.None, 0);
}

/// <summary>The run-time fault setting of one service, flipped by PUT /v1/internal/faults.</summary>
public sealed class FaultSwitch
{
    public const int MaxDelayMs = 120_000;
    private volatile FaultSettings _current = FaultSettings.Healthy;

    public FaultSettings Current => _current;

    public void Set(FaultSettings settings) => _current = settings;
}

/// <summary>Wire shape of PUT /v1/internal/faults: <c>{ "mode": "none|error|hang|slow", "delayMs": n }</c>.</summary>
public sealed record FaultRequest(string? Mode, int? DelayMs)
{
    public static FaultRequest For(FaultMode mode, int delayMs) => new(mode.ToString().ToLowerInvariant(), delayMs);

    /// <summary>Parses and validates; returns the errors by field when the request is not usable.</summary>
    public bool TryValidate(out FaultSettings settings, out Dictionary<string, string[]> errors)
    {
        errors = [];
        settings = FaultSettings.Healthy;
        if (!Enum.TryParse<FaultMode>(Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(Mode, out _) || Mode!.Contains(','))
        {
            errors["mode"] = ["mode must be one of: none, error, hang, slow."];
            return false;
        }
        var delay = DelayMs ?? 0;
        if (delay < 0 || delay > FaultSwitch.MaxDelayMs)
        {
            errors["delayMs"] = [$"delayMs must be between 0 and {FaultSwitch.MaxDelayMs}."];
            return false;
        }
        if (mode == FaultMode.Slow && delay == 0)
        {
            errors["delayMs"] = ["mode 'slow' needs a delayMs greater than 0."];
            return false;
        }
        settings = new FaultSettings(mode, delay);
        return true;
    }
}
