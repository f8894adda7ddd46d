using Aims.Domain.People;

namespace Aims.Domain.Tests;

public sealed class RolesTests
{
    [Theory]
    [InlineData(Role.Administrator, Scope.Admin)]
    [InlineData(Role.AimsLead, Scope.Write)]
    [InlineData(Role.ControlOwner, Scope.Write)]
    [InlineData(Role.InternalAuditor, Scope.Write)]
    [InlineData(Role.Contributor, Scope.Write)]
    [InlineData(Role.ExternalAuditor, Scope.Read)]
    [InlineData(Role.Viewer, Scope.Read)]
    public void Each_role_has_its_maximum_scope(Role role, Scope expected) => Assert.Equal(expected, Roles.MaxScope(role));

    [Fact]
    public void The_table_above_covers_every_role()
    {
        Assert.Equal(7, Enum.GetValues<Role>().Length);
        Assert.Equal(Enum.GetValues<Role>().Order(), Roles.All.Order());
        Assert.Equal(Roles.All.Count, Roles.All.Distinct().Count());
        Assert.Equal(Role.Administrator, Roles.All[0]);
    }

    [Fact]
    public void Scopes_are_ordered_by_power()
    {
        Assert.True(Scope.Read < Scope.Write);
        Assert.True(Scope.Write < Scope.Admin);
    }

    [Fact]
    public void Effective_scope_is_the_lesser_of_role_and_grant_and_never_exceeds_the_role()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var granted in Enum.GetValues<Scope>())
            {
                var effective = Roles.Effective(role, granted);
                Assert.True(effective <= Roles.MaxScope(role), $"{role} with a {granted} grant gets {effective}");
                Assert.True(effective <= granted, $"{role} with a {granted} grant gets {effective}");
                Assert.True(effective == Roles.MaxScope(role) || effective == granted, $"{role} with a {granted} grant gets {effective}");
            }
        }
    }

    [Theory]
    [InlineData(Role.ExternalAuditor, Scope.Admin, Scope.Read)]
    [InlineData(Role.Viewer, Scope.Write, Scope.Read)]
    [InlineData(Role.ControlOwner, Scope.Admin, Scope.Write)]
    [InlineData(Role.Administrator, Scope.Read, Scope.Read)]
    [InlineData(Role.Administrator, Scope.Admin, Scope.Admin)]
    public void Effective_scope_examples(Role role, Scope granted, Scope expected) => Assert.Equal(expected, Roles.Effective(role, granted));

    [Fact]
    public void Every_role_has_a_display_name_and_the_external_auditor_is_marked_read_only()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.False(string.IsNullOrWhiteSpace(Roles.DisplayName(role)));
        }

        Assert.Equal(Enum.GetValues<Role>().Length, Enum.GetValues<Role>().Select(Roles.DisplayName).Distinct().Count());
        Assert.Contains("read-only", Roles.DisplayName(Role.ExternalAuditor), StringComparison.Ordinal);
    }
}
