using Aims.Data.Entities;
using Aims.Domain.Context;
using Aims.Domain.Inventory;
using Aims.Web.Infrastructure.Registers;

namespace Aims.Web.Features.Context;

/// <summary>The context of the organization (clauses 4.1–4.3): issues, interested parties, scope entries, AI roles.</summary>
public static class ContextRegisters
{
    public static readonly RegisterDefinition Issues = new()
    {
        Name = "context-issues", Singular = "issue", Plural = "issues", Prefix = "ISS", Area = "context", Clauses = "4.1",
        Intro = "Internal and external issues that affect the AIMS' ability to achieve its intended results.",
        EmptyHint = "Record the first internal or external issue: regulation, market, technology, culture, resources.",
        ClrType = typeof(ContextIssue), TitleField = "title",
        Query = db => db.ContextIssues, Create = () => new ContextIssue { Title = "" },
        Fields = new FieldsOf<ContextIssue>()
            .Enum((ContextIssue i) => i.Origin, "Internal or external", list: true)
            .Text(i => i.Title, "Issue", required: true, list: true)
            .LongText(i => i.Description, "Description", max: 2000)
            .LongText(i => i.Effect, "Effect on the AIMS", max: 2000)
            .All,
    };

    public static readonly RegisterDefinition Parties = new()
    {
        Name = "interested-parties", Singular = "interested party", Plural = "interested parties", Prefix = "IP", Area = "context", Clauses = "4.2",
        Intro = "Who has a stake in the AIMS, what they require, and how the AIMS addresses it.",
        EmptyHint = "Add the first interested party: regulators, customers, employees, affected persons.",
        ClrType = typeof(InterestedParty), TitleField = "name",
        Query = db => db.InterestedParties, Create = () => new InterestedParty { Name = "" },
        Fields = new FieldsOf<InterestedParty>()
            .Text(p => p.Name, "Name", required: true, list: true)
            .Enum((InterestedParty p) => p.Origin, "Internal or external", list: true)
            .Text(p => p.Role, "Role", max: 200, list: true)
            .LongText(p => p.Requirements, "Interests and requirements", max: 2000)
            .Enum((InterestedParty p) => p.Influence, "Influence", list: true)
            .Enum((InterestedParty p) => p.Interest, "Interest", list: true)
            .LongText(p => p.Addressed, "How the requirements are addressed", max: 2000)
            .All,
    };

    public static readonly RegisterDefinition Scope = new()
    {
        Name = "scope-entries", Singular = "scope entry", Plural = "scope entries", Prefix = "SCP", Area = "context", Clauses = "4.3",
        Intro = "Business units, locations, processes and boundaries of the AIMS; AI systems are in or out on their own record.",
        EmptyHint = "Add the business units, locations and processes the AIMS covers, and its boundaries.",
        ClrType = typeof(ScopeEntry), TitleField = "name",
        Query = db => db.ScopeEntries, Create = () => new ScopeEntry { Name = "" },
        Fields = new FieldsOf<ScopeEntry>()
            .Enum((ScopeEntry e) => e.Kind, "Kind", list: true)
            .OptionalEnum((ScopeEntry e) => e.Boundary, "Boundary type", list: true, help: "For boundaries: geographic, organizational, technical, outsourced.")
            .Text(e => e.Name, "Name", required: true, list: true)
            .LongText(e => e.Description, "Description", max: 2000)
            .Bool(e => e.Included, "Included", list: true)
            .LongText(e => e.Justification, "Justification of the exclusion", max: 2000, help: "Required for every exclusion.")
            .All,
        Rules = r =>
        {
            var e = (ScopeEntry)r;
            var rules = new List<(string, string)>();
            if (!e.Included && string.IsNullOrWhiteSpace(e.Justification))
            {
                rules.Add(("justification", "is required for an exclusion (4.3): every exclusion needs a justification"));
            }

            if (e.Kind == ScopeEntryKind.Boundary && e.Boundary is null)
            {
                rules.Add(("boundary", "is required for a boundary: geographic, organizational, technical or outsourced"));
            }

            if (e.Kind != ScopeEntryKind.Boundary && e.Boundary is not null)
            {
                rules.Add(("boundary", "applies only to entries of kind boundary"));
            }

            return rules;
        },
    };

    public static readonly RegisterDefinition AiRoles = new()
    {
        Name = "ai-roles", Singular = "AI role", Plural = "AI roles", Prefix = "ROLE", Area = "context", Clauses = "4.1",
        Intro = "The roles the organization takes with respect to AI overall (ISO/IEC 22989), with the reason.",
        EmptyHint = "Say which AI roles the organization takes: provider, producer, customer, partner.",
        ClrType = typeof(OrganizationAiRole), TitleField = "reason",
        Query = db => db.OrganizationAiRoles, Create = () => new OrganizationAiRole(),
        Fields = new FieldsOf<OrganizationAiRole>()
            .Enum((OrganizationAiRole r) => r.Role, "Role", list: true)
            .Text(r => r.Reason, "Reason", required: true, max: 500, list: true)
            .All,
    };

    public static readonly IReadOnlyList<RegisterDefinition> All = [Issues, Parties, Scope, AiRoles];
}
