using Aims.Web.Features.Account;
using Aims.Web.Features.Catalog;
using Aims.Web.Features.Context;
using Aims.Web.Features.Inventory;
using Aims.Web.Features.Ledger;
using Aims.Web.Features.Organizations;
using Aims.Web.Features.People;
using Aims.Web.Features.Registers;
using Aims.Web.Features.Tokens;

namespace Aims.Web.Features;

/// <summary>Every area adds its endpoints here; each area's code lives in its own folder.</summary>
public static class FeatureEndpoints
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        PublicApi.Map(api.MapGroup("/public").AllowAnonymous().WithTags("Public"));
        CatalogApi.Map(api.MapGroup("/catalog").WithTags("Catalog"));
        OrganizationApi.Map(api.MapGroup("").WithTags("Organization"));
        PeopleApi.Map(api.MapGroup("/people").WithTags("People"));
        TokenApi.Map(api.MapGroup("/tokens").WithTags("Tokens"));
        LedgerApi.Map(api.MapGroup("").WithTags("Ledger"));
        AllRegisters.Map(api);
        Inventory.Classification.ClassificationApi.Map(api);
        ScopeStatementApi.Map(api.MapGroup("/scope/statement").WithTags("Scope statement"));
        Risks.ImpactApi.Map(api, app);
        ChecksApi.Map(api.MapGroup("/checks").WithTags("Auditor's checks"));
        Inventory.Transfer.InventoryTransferApi.Map(api.MapGroup("/inventory").WithTags("Inventory transfer"), Inventory.Transfer.TransferSet.Inventory);
        Inventory.Transfer.InventoryTransferApi.Map(api.MapGroup("/risk-register").WithTags("Risk register transfer"), Risks.RiskTransfer.Set);
        Inventory.Transfer.InventoryTransferApi.MapPageDownload(app);
        Risks.RiskCriteriaApi.Map(api);
        Risks.RiskApi.Map(api);
        Assurance.AssuranceApi.Map(api, app);
        Lifecycle.LifecycleApi.Map(api, app);
        Approvals.ApprovalsApi.Map(api);
        Evidence.EvidenceApi.Map(api, app);
        AccountEndpoints.Map(app);
        Ledger.Checkpoints.CheckpointApi.Map(api, app);
    }
}
