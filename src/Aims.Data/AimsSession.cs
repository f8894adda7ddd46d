using Aims.Domain.People;

namespace Aims.Data;

/// <summary>
/// Who is acting and in which organization, for one request or one command. The DbContext filters by
/// <see cref="OrganizationId"/> and the ledger names <see cref="Actor"/> on every event it appends.
/// </summary>
public sealed class AimsSession
{
    public Guid? OrganizationId { get; private set; }

    public Guid? PersonId { get; private set; }

    public Role? Role { get; private set; }

    public Scope? Scope { get; private set; }

    /// <summary>Why the change is made, when the caller said (the X-Change-Reason header, a form field, --reason).</summary>
    public string? Reason { get; set; }

    /// <summary>When the credential of this session (a token) expires; a token may not mint one that outlives it.</summary>
    public DateTimeOffset? CredentialExpiresAt { get; set; }

    /// <summary>Set when the credential is an ingestion token: the one AI system whose lifecycle events it may append.</summary>
    public Guid? IngestSystemId { get; set; }

    /// <summary>The token of this session, when it came from one.</summary>
    public Guid? TokenId { get; set; }

    private string _systemActor = "system";

    /// <summary>"person:&lt;id&gt;" or "system:&lt;component&gt;": never a name or an e-mail address.</summary>
    public string Actor => PersonId is { } id ? "person:" + id.ToString("D") : _systemActor;

    public void SignIn(Guid personId, Guid organizationId, Role role, Scope scope)
    {
        PersonId = personId;
        OrganizationId = organizationId;
        Role = role;
        Scope = Roles.Effective(role, scope);
    }

    /// <summary>Acts as the system (start-up, seeding, the command line) inside an organization or none.</summary>
    public void ActAsSystem(string component, Guid? organizationId = null)
    {
        _systemActor = "system:" + component;
        PersonId = null;
        Role = null;
        Scope = null;
        OrganizationId = organizationId;
    }

    public void EnterOrganization(Guid organizationId) => OrganizationId = organizationId;
}
