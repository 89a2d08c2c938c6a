namespace ShoeStore.Agent.Store;

/// <summary>What the store answered: a value, or a problem.</summary>
internal sealed record StoreResponse<T>(T? Value, StoreProblem? Problem)
    where T : class
{
    public static StoreResponse<T> Success(T value) => new(value, null);

    public static StoreResponse<T> Failure(StoreProblem problem) => new(null, problem);
}
