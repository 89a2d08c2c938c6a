namespace Mandate.Server.Ciba;

/// <summary>How CIBA finds and checks the person a request names (CIBA §7.2 steps 4–5, §7.1.2).</summary>
public interface IUserDirectory
{
    /// <summary>Resolves a <c>login_hint</c> (username or subject id) to an enabled user's subject id.</summary>
    ValueTask<string?> ResolveLoginHintAsync(string loginHint, CancellationToken cancellationToken);

    /// <summary>Whether the subject exists and is enabled.</summary>
    ValueTask<bool> IsActiveAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Whether the user has a user code registered.</summary>
    ValueTask<bool> HasUserCodeAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Verifies a user code.</summary>
    ValueTask<bool> VerifyUserCodeAsync(string subject, string userCode, CancellationToken cancellationToken);
}
