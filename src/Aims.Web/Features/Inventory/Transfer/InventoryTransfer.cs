using Aims.Web.Infrastructure.Registers;

namespace Aims.Web.Features.Inventory.Transfer;

public enum TransferFormat
{
    Json,
    Xlsx,
    Csv,
}

/// <summary>
/// A family of registers that travel together as one file (the inventory; the risk register): which registers, in
/// which order an import applies them (targets before the records that point at them), the file's format name.
/// </summary>
public sealed class TransferSet
{
    public required string Name { get; init; }

    /// <summary>How messages name it: "the inventory".</summary>
    public required string Title { get; init; }

    public required string FormatName { get; init; }

    public required IReadOnlyList<RegisterDefinition> ImportOrder { get; init; }

    /// <summary>The registers in export order.</summary>
    public required IReadOnlyList<RegisterDefinition> Registers { get; init; }

    /// <summary>The register of a CSV file that does not say which.</summary>
    public required RegisterDefinition DefaultEntity { get; init; }

    public IReadOnlyDictionary<string, RegisterDefinition> Aliases { get; init; } = new Dictionary<string, RegisterDefinition>();

    public string EntityNames => string.Join(", ", Registers.Select(r => r.Name));

    public RegisterDefinition? Find(string? name)
    {
        name = name?.Trim().ToLowerInvariant();
        return name is not null && Aliases.TryGetValue(name, out var alias) ? alias : Registers.FirstOrDefault(r => r.Name == name);
    }

    public string FileName(string organization, TransferFormat format, RegisterDefinition? entity) => format switch
    {
        TransferFormat.Csv => $"{organization}-{(entity ?? DefaultEntity).Name}.csv",
        TransferFormat.Xlsx => $"{organization}-{Name}.xlsx",
        _ => $"{organization}-{Name}.json",
    };

    public static readonly TransferSet Inventory = new()
    {
        Name = "inventory", Title = "the inventory", FormatName = "aims-inventory",
        ImportOrder =
        [
            InventoryRegisters.Suppliers, InventoryRegisters.Datasets, InventoryRegisters.Models, InventoryRegisters.ModelVersions,
            InventoryRegisters.Systems, InventoryRegisters.UseCases, InventoryRegisters.DataFlows, InventoryRegisters.Resources,
        ],
        Registers = InventoryRegisters.All,
        DefaultEntity = InventoryRegisters.Systems,
        Aliases = new Dictionary<string, RegisterDefinition> { ["systems"] = InventoryRegisters.Systems },
    };
}

/// <summary>What every transfer shares: formats, columns, sniffing.</summary>
public static class InventoryTransfer
{
    public const int FormatVersion = 1;

    public static TransferFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "json" => TransferFormat.Json,
        "xlsx" => TransferFormat.Xlsx,
        "csv" => TransferFormat.Csv,
        _ => null,
    };

    public static string ContentType(TransferFormat format) => format switch
    {
        TransferFormat.Json => "application/json",
        TransferFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/csv",
    };

    /// <summary>The columns of a register's sheet or CSV file: its reference, then its fields in definition order.</summary>
    public static IReadOnlyList<string> Columns(RegisterDefinition definition) => ["reference", .. definition.Fields.Select(f => f.Name)];

    /// <summary>What the first bytes say the file is: a zip (xlsx), a JSON object, else CSV.</summary>
    public static TransferFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return TransferFormat.Xlsx;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var text = head.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'{' ? TransferFormat.Json : TransferFormat.Csv;
    }
}

/// <summary>One refused cell or row: where (a file or sheet, a line or row), which column, which rule.</summary>
public sealed record ImportError(string Where, string Column, string Rule)
{
    public string Key => $"{Where}: {Column}";

    public override string ToString() => $"{Key}: {Rule}";
}

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<string> PeopleToInvite, IReadOnlyList<ImportError> Errors, int MoreErrors = 0)
{
    public bool Ok => Errors.Count == 0;

    public Dictionary<string, string[]> ErrorMap()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in Errors.GroupBy(e => e.Key))
        {
            map[group.Key] = [.. group.Select(e => e.Rule)];
        }

        if (MoreErrors > 0)
        {
            map["file"] = [$"{MoreErrors} more problem(s) not listed; fix these and import again"];
        }

        return map;
    }
}
