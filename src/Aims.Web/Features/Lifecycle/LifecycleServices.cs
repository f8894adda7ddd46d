using Aims.Data;
using Aims.Data.Ledger;
using Aims.Data.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aims.Web.Features.Lifecycle;

public static class LifecycleServices
{
    /// <summary>The stream writer and prune job; the ledger key service (shared with organization checkpoints) if not yet added.</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton<ILedgerKeys>(sp => LedgerKeys.For(
            sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<IConfiguration>()["Aims:Ledger:KeyDirectory"]));
        services.AddScoped<LifecycleStreamWriter>();
        services.AddScoped<LifecyclePruner>();
        services.AddHostedService<LifecyclePruneJob>();
        return services;
    }
}
