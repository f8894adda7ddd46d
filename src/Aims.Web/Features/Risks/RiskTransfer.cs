using Aims.Web.Features.Inventory.Transfer;

namespace Aims.Web.Features.Risks;

/// <summary>The risk register as a file (`aims risks export|import`): own controls first, so risks can point at them.</summary>
public static class RiskTransfer
{
    public static readonly TransferSet Set = new()
    {
        Name = "risks", Title = "the risk register", FormatName = "aims-risks",
        ImportOrder = [RiskRegisters.Controls, RiskRegisters.Risks],
        Registers = [RiskRegisters.Controls, RiskRegisters.Risks],
        DefaultEntity = RiskRegisters.Risks,
    };
}
