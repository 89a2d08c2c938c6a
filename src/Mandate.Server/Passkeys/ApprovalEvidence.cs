using Mandate.Server.Data;

namespace Mandate.Server.Passkeys;

/// <summary>A verified passkey approval, ready to be recorded with the decision: the receipt, and the passkey's use
/// (its counter as checked and the new one) to note in the same transaction.</summary>
internal sealed record ApprovalEvidence(ApprovalReceiptRecord Receipt, string PasskeyId, long CheckedSignCount, long NewSignCount);
