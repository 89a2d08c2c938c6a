using System.Globalization;
using Mandate.AI.Authorization;

namespace ShoeStore.Agent.Terminal;

/// <summary>How an approval's progress reads for the person at the terminal.</summary>
internal static class ApprovalText
{
    /// <summary>One line for a report, or null when there is nothing to say (the request is still being sent).</summary>
    public static string? Line(ApprovalProgress progress, Uri? deviceUrl, DateTimeOffset now) => progress.Stage switch
    {
        ApprovalStage.Waiting =>
            $"Approval needed: \"{progress.BindingMessage ?? string.Join(' ', progress.Scopes)}\" — approve on your device{(deviceUrl is null ? "" : " at " + deviceUrl)}" +
            (progress.TimeLeft(now) is { } left ? $" ({Countdown(left)} left)." : "."),
        ApprovalStage.Approved => "Approved on the device.",
        ApprovalStage.Denied => "Declined on the device.",
        ApprovalStage.Expired => "The approval request expired.",
        ApprovalStage.Cancelled => "Stopped waiting for the approval.",
        ApprovalStage.Failed => "The approval request failed.",
        _ => null,
    };

    /// <summary>m:ss.</summary>
    public static string Countdown(TimeSpan left) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalMinutes}:{left.Seconds:00}");
}
