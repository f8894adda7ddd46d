namespace Aims.Domain.People;

/// <summary>A person's role inside one organization.</summary>
public enum Role
{
    Viewer,
    ExternalAuditor,
    Contributor,
    InternalAuditor,
    ControlOwner,
    AimsLead,
    Administrator,
}

/// <summary>What a caller may do: read, change records, or administer the organization. Ordered by power.</summary>
public enum Scope
{
    Read,
    Write,
    Admin,
}

public static class Roles
{
    public static readonly IReadOnlyList<Role> All = Enum.GetValues<Role>().Reverse().ToList();

    /// <summary>The most a person with this role may do; a token's scope never exceeds it.</summary>
    public static Scope MaxScope(Role role) => role switch
    {
        Role.Administrator => Scope.Admin,
        Role.Viewer or Role.ExternalAuditor => Scope.Read,
        _ => Scope.Write,
    };

    public static string DisplayName(Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.AimsLead => "AIMS lead",
        Role.ControlOwner => "Control owner",
        Role.Contributor => "Contributor",
        Role.InternalAuditor => "Internal auditor",
        Role.ExternalAuditor => "External auditor (read-only)",
        Role.Viewer => "Viewer",
        _ => role.ToString(),
    };

    /// <summary>What a session may do: the lesser of what the role allows and what the credential was granted.</summary>
    public static Scope Effective(Role role, Scope granted) => (Scope)Math.Min((int)MaxScope(role), (int)granted);
}
