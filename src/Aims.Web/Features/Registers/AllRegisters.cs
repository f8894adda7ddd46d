using Aims.Web.Features.Context;
using Aims.Web.Features.Inventory;
using Aims.Web.Infrastructure.Registers;

namespace Aims.Web.Features.Registers;

public static class AllRegisters
{
    public static readonly RegisterSet Set = new(
        [.. InventoryRegisters.All, .. ContextRegisters.All, Risks.RiskRegisters.Controls, Risks.RiskRegisters.Risks, .. Risks.ImpactRegisters.All, .. Assurance.AssuranceRegisters.All],
        [InventoryRegisters.LineageCycleAsync],
        [Risks.Reassessment.MarkAsync, Risks.ImpactTriggers.StartAsync]);

    public static IServiceCollection AddRegisters(this IServiceCollection services)
    {
        services.AddSingleton(Set);
        services.AddScoped<RegisterService>();
        return services;
    }

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var definition in Set.All)
        {
            RegisterApi.Map(api, definition);
        }
    }
}
