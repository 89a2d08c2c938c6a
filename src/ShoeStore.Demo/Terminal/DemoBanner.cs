using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Terminal;

/// <summary>
/// What the demo prints once both servers answer: where everything is and who to sign in as. The password is shown
/// only with <c>--show-password</c>; otherwise the banner says where it is (<c>DEMO_END_USER_PASSWORD</c> in demo.env).
/// </summary>
internal static class DemoBanner
{
    public static void Write(TextWriter writer, DemoEndpoints endpoints, string dataDirectory, string demoEnvPath, string workingDirectory,
        bool firstStart, DemoCredentials? credentials, bool showPassword)
    {
        var data = Display(dataDirectory, workingDirectory);
        writer.WriteLine("Mandate demo: the authorization server and the shoe store run in this process.");
        writer.WriteLine($"  Authorization server  {DemoEndpoints.Origin(endpoints.ServerUrl)}   issuer {endpoints.Issuer}");
        writer.WriteLine($"  Store API             {DemoEndpoints.Origin(endpoints.StoreUrl)}");
        writer.WriteLine(firstStart
            ? $"  Demo data             {data} (created now: a fresh client secret, signing key and password)"
            : $"  Demo data             {data} (reused; delete it to start over with fresh secrets)");
        writer.WriteLine($"  Device page           {endpoints.DeviceUrl}   <- open it in a browser: the customer approves there");
        if (credentials is null)
        {
            writer.WriteLine($"  Sign in as            (unknown: {Display(demoEnvPath, workingDirectory)} is missing)");
        }
        else if (showPassword)
        {
            writer.WriteLine($"  Sign in as            {credentials.EndUser}, password {credentials.EndUserPassword}");
        }
        else
        {
            writer.WriteLine($"  Sign in as            {credentials.EndUser}, password: DEMO_END_USER_PASSWORD in {Display(demoEnvPath, workingDirectory)}" +
                " (or start with --show-password)");
        }

        writer.WriteLine();
        writer.Flush();
    }

    /// <summary>A path relative to the working directory when it lies inside it.</summary>
    public static string Display(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
