namespace ShoeStore.Agent.Offline;

/// <summary>The offline planner's next move: call a tool, or answer.</summary>
internal sealed record PlannerStep(PlannedCall? Call, string? Reply)
{
    public static PlannerStep Invoke(string name, Dictionary<string, object?> arguments) => new(new PlannedCall(name, arguments), null);

    public static PlannerStep Answer(string reply) => new(null, reply);
}
