using System.Security.Cryptography;
using System.Text;

namespace Mandate.Client.Ciba.Ping;

/// <summary>
/// One pending ping-mode request: the hash of its <c>client_notification_token</c>, the <c>auth_req_id</c> it is bound
/// to once the OP answered, and a task completed by the matching ping. A ping may come before the answer is read; it is
/// then remembered and honoured when the binding is made, if the ids agree.
/// </summary>
internal sealed class CibaNotificationRegistration : IDisposable
{
    private readonly CibaNotificationReceiver _owner;
    private readonly TaskCompletionSource _notified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private string? _authReqId;
    private string? _earlyAuthReqId;

    public CibaNotificationRegistration(CibaNotificationReceiver owner, string token)
    {
        _owner = owner;
        Token = token;
        TokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The token to put in the request object.</summary>
    public string Token { get; }

    public byte[] TokenHash { get; }

    /// <summary>Completes when a valid ping for the bound <c>auth_req_id</c> arrives.</summary>
    public Task Notified => _notified.Task;

    public void Bind(string authReqId)
    {
        lock (_lock)
        {
            _authReqId = authReqId;
            if (_earlyAuthReqId == authReqId)
            {
                _notified.TrySetResult();
            }
        }
    }

    /// <summary>Records a ping whose token matched; false when it names another <c>auth_req_id</c> than the bound one.</summary>
    public bool Notify(string authReqId)
    {
        lock (_lock)
        {
            if (_authReqId is null)
            {
                _earlyAuthReqId ??= authReqId;
                return _earlyAuthReqId == authReqId;
            }

            if (_authReqId != authReqId)
            {
                return false;
            }

            _notified.TrySetResult();
            return true;
        }
    }

    public void Dispose() => _owner.Unregister(this);
}
