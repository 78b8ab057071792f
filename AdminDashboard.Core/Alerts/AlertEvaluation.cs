namespace AdminDashboard.Core.Alerts;

/// <summary>
/// The rules applied to one look at the dashboard's state, with damping: a condition must hold for its rule's duration
/// before the alert is raised, and an open alert resolves only once its condition has been clear for that duration, so a
/// flapping service raises one alert, not one per flap. Looks come one at a time (<see cref="AlertEvaluator"/>); the
/// board is the truth of what is open, whichever instance raised it.
/// </summary>
public sealed class AlertEvaluation(IReadOnlyList<AlertRuleOptions> rules, AlertBoard board)
{
    /// <summary>Since when a condition has held (nothing open yet) or been clear (an alert open), per rule and subject.</summary>
    private readonly Dictionary<(string Rule, string Slot), DateTimeOffset> _since = [];

    public async Task EvaluateAsync(AlertInputs inputs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = board.Current.Open;
        foreach (var rule in rules)
        {
            var holding = AlertRules.Holding(rule, inputs);
            // The inputs cannot tell (its service never answered): neither raise nor resolve on ignorance.
            if (holding is null) continue;
            var ruleId = rule.Id!;
            var openOfRule = open.Where(a => a.Rule == ruleId).GroupBy(a => AlertIds.Slug(a.Subject)).ToDictionary(g => g.Key, g => g.First());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var condition in holding)
            {
                var slot = AlertIds.Slug(condition.Subject);
                if (!seen.Add(slot)) continue;
                var key = (ruleId, slot);
                if (openOfRule.ContainsKey(slot))
                {
                    // Holding again while open: the clear spell is over.
                    _since.Remove(key);
                    continue;
                }
                if (!_since.TryGetValue(key, out var since)) _since[key] = since = now;
                if (now - since < rule.Duration) continue;
                _since.Remove(key);
                await board.RaiseAsync(rule, condition, now, cancellationToken);
            }
            foreach (var (slot, alert) in openOfRule)
            {
                if (seen.Contains(slot)) continue;
                var key = (ruleId, slot);
                if (!_since.TryGetValue(key, out var clearSince)) _since[key] = clearSince = now;
                if (now - clearSince < rule.Duration) continue;
                _since.Remove(key);
                await board.ResolveAsync(alert, now, cancellationToken);
            }
            // A condition that stopped holding before its duration starts from nothing next time.
            foreach (var key in _since.Keys.Where(k => k.Rule == ruleId && !seen.Contains(k.Slot) && !openOfRule.ContainsKey(k.Slot)).ToList())
                _since.Remove(key);
        }
        // A rule no longer configured (changed since the alert was raised) can never clear its alert: resolve it now.
        foreach (var orphan in open.Where(a => rules.All(r => r.Id != a.Rule)))
            await board.ResolveAsync(orphan, now, cancellationToken);
    }
}
