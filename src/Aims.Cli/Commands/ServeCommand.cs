using System.CommandLine;
using Aims.Data;
using Aims.Web;
using Aims.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Aims.Cli.Commands;

/// <summary>`aims serve`: the web app, through the same builder as the web project's own entry point.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var data = new DataOptions();
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on, separated by ';'.", DefaultValueFactory = _ => DefaultUrls };
        var demo = new Option<bool>("--demo") { Description = "Seed the fictional demo organizations on first start and print the administrator's login." };
        var command = new Command("serve", "Run the web app and the API. Without --database it uses an SQLite file in --data.");
        data.AddTo(command, withOrg: false);
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.SetAction(async (r, ct) =>
        {
            var settings = data.Settings(r);
            var app = AimsHost.Build(new AimsHostOptions(settings, r.GetValue(demo)), [], b => b.WebHost.UseUrls(r.GetValue(urls)!), AppContext.BaseDirectory);
            app.Lifetime.ApplicationStarted.Register(() => Announce(app, settings));
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Announce(WebApplication app, DatabaseSettings settings)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var readiness = app.Services.GetRequiredService<Readiness>();
        Console.WriteLine($"Aims is running at {string.Join(", ", addresses)}");
        Console.WriteLine($"Data: {settings.Describe()}");
        if (readiness.DemoLogin is { } login)
        {
            Console.WriteLine(login.Password is null
                ? $"Demo login: {login.Email} (its password was printed when the demo was first created)"
                : $"Demo login: {login.Email}  password: {login.Password}  (shown once; write it down)");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
