using System.Linq.Expressions;
using System.Reflection;
using Aims.Data.Entities;

namespace Aims.Web.Infrastructure.Registers;

public enum FieldKind
{
    Text,
    LongText,
    Bool,
    Number,
    Date,
    Enum,
    EnumSet,

    /// <summary>A person, written as an e-mail address; stored as the person's id.</summary>
    Person,

    /// <summary>Another register's record, written as its reference (SYS-3); stored as its id.</summary>
    Reference,

    /// <summary>Several records of another register, written as references; stored as <see cref="RegisterLink"/> rows.</summary>
    ReferenceSet,

    /// <summary>Metric name -> number, written "auc=0.81; ks=0.42" in a cell and as an object in JSON.</summary>
    Metrics,

    /// <summary>A requirement of the catalog ("C.3.4"), checked against it; stored as text.</summary>
    Requirement,

    /// <summary>Several requirements of the catalog ("A.6.2.4, A.7.4", or "iso27001:A.8.1" across frameworks); stored as text.</summary>
    RequirementSet,
}

/// <summary>
/// One field of a register: how it is named in JSON, CSV and XLSX columns and forms, what it accepts, and which
/// property of the record holds it. The same definition drives the API, the pages, import and export.
/// </summary>
public sealed class RegisterField
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required FieldKind Kind { get; init; }

    public bool Required { get; init; }

    public int MaxLength { get; init; } = 200;

    public int Min { get; init; }

    public int Max { get; init; } = int.MaxValue;

    public Type? EnumType { get; init; }

    /// <summary>For references: the register the field points at ("ai-systems").</summary>
    public string? Target { get; init; }

    /// <summary>For reference sets: the <see cref="RegisterLink.Kind"/> of the rows that hold it.</summary>
    public string? LinkKind { get; init; }

    public string Help { get; init; } = "";

    /// <summary>For requirements: the framework ids are of; null means written "framework:id" and any framework.</summary>
    public string? Framework { get; init; }

    /// <summary>For requirements: the catalog kinds allowed (e.g. "control"); empty allows any.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>The record's property (null for reference sets, which live in links).</summary>
    public PropertyInfo? Property { get; init; }

    /// <summary>Shown in the register's list table.</summary>
    public bool InList { get; init; }

    /// <summary>A number that may be left empty (null).</summary>
    public bool Optional { get; init; }

    /// <summary>Kept current by the application (a risk's level from its scores): shown, filtered, exported, never taken as input.</summary>
    public bool ReadOnly { get; init; }

    private Func<RegisterRecord, object?>? _getter;

    /// <summary>The field's value; a compiled getter, because lists read every field of every row they show.</summary>
    public object? Get(RegisterRecord record) => Property is null ? null : (_getter ??= CompileGetter(Property))(record);

    private static Func<RegisterRecord, object?> CompileGetter(PropertyInfo property)
    {
        var record = Expression.Parameter(typeof(RegisterRecord), "record");
        var value = Expression.Property(Expression.Convert(record, property.DeclaringType!), property);
        return Expression.Lambda<Func<RegisterRecord, object?>>(Expression.Convert(value, typeof(object)), record).Compile();
    }

    public void Set(RegisterRecord record, object? value) => Property!.SetValue(record, value);

    public bool IsMultiple => Kind is FieldKind.EnumSet or FieldKind.ReferenceSet or FieldKind.RequirementSet;

    /// <summary>What the field's empty value is on a new record.</summary>
    public object? Empty => Kind switch
    {
        FieldKind.Text or FieldKind.LongText => "",
        FieldKind.Metrics => "{}",
        _ => null,
    };
}

/// <summary>Builds the fields of a register from property expressions, so a renamed property cannot be missed.</summary>
public sealed class FieldsOf<T> where T : RegisterRecord
{
    private readonly List<RegisterField> fields = [];

    public IReadOnlyList<RegisterField> All => fields;

    private static PropertyInfo PropertyOf<TValue>(Expression<Func<T, TValue>> property) =>
        (PropertyInfo)((MemberExpression)property.Body).Member;

    private static string NameOf(PropertyInfo p) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    public FieldsOf<T> Text(Expression<Func<T, string>> p, string label, bool required = false, int max = 200, bool list = false, string help = "", string? name = null) =>
        Add(new RegisterField { Name = name ?? NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Text, Required = required, MaxLength = max, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> LongText(Expression<Func<T, string>> p, string label, bool required = false, int max = 4000, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.LongText, Required = required, MaxLength = max, Property = PropertyOf(p), Help = help });

    public FieldsOf<T> Bool(Expression<Func<T, bool>> p, string label, bool list = false, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Bool, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> Number(Expression<Func<T, int>> p, string label, int min, int max, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Number, Min = min, Max = max, Property = PropertyOf(p), Help = help });

    public FieldsOf<T> OptionalNumber(Expression<Func<T, int?>> p, string label, int min, int max, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Number, Min = min, Max = max, Property = PropertyOf(p), Help = help, Optional = true });

    public FieldsOf<T> Date(Expression<Func<T, DateOnly?>> p, string label, bool list = false, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Date, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> Enum<TEnum>(Expression<Func<T, TEnum>> p, string label, bool list = false, string help = "") where TEnum : struct, System.Enum =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Enum, EnumType = typeof(TEnum), Required = true, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> OptionalEnum<TEnum>(Expression<Func<T, TEnum?>> p, string label, bool list = false, string help = "") where TEnum : struct, System.Enum =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Enum, EnumType = typeof(TEnum), Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> EnumSet<TEnum>(Expression<Func<T, IReadOnlyList<TEnum>>> p, string label, bool list = false, string help = "") where TEnum : struct, System.Enum =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.EnumSet, EnumType = typeof(TEnum), Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> Person(Expression<Func<T, Guid?>> p, string label, string name, bool list = false, string help = "") =>
        Add(new RegisterField { Name = name, Label = label, Kind = FieldKind.Person, MaxLength = 254, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> Reference(Expression<Func<T, Guid?>> p, string label, string name, string target, bool list = false, string help = "") =>
        Add(new RegisterField { Name = name, Label = label, Kind = FieldKind.Reference, Target = target, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> RequiredReference(Expression<Func<T, Guid>> p, string label, string name, string target, bool list = false, string help = "") =>
        Add(new RegisterField { Name = name, Label = label, Kind = FieldKind.Reference, Target = target, Required = true, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> ReferenceSet(string name, string label, string target, string linkKind, string help = "") =>
        Add(new RegisterField { Name = name, Label = label, Kind = FieldKind.ReferenceSet, Target = target, LinkKind = linkKind, Help = help });

    /// <summary>A requirement of one framework and kind, or (both null) of any framework written framework:id.</summary>
    public FieldsOf<T> Requirement(Expression<Func<T, string>> p, string label, string? framework, string? kind, bool list = false, string help = "") =>
        Add(new RegisterField
        {
            Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Requirement, Framework = framework, Kinds = kind is null ? [] : [kind], MaxLength = framework is null ? 80 : 40,
            Property = PropertyOf(p), InList = list, Help = help,
        });

    public FieldsOf<T> RequirementSet(Expression<Func<T, string>> p, string label, string? framework, string? kind, bool list = false, string help = "") =>
        Add(new RegisterField
        {
            Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.RequirementSet, Framework = framework, Kinds = kind is null ? [] : [kind], MaxLength = 2000,
            Property = PropertyOf(p), InList = list, Help = help,
        });

    public FieldsOf<T> Computed(Expression<Func<T, string>> p, string label, bool list = false, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Text, ReadOnly = true, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> ComputedNumber(Expression<Func<T, int>> p, string label, bool list = false, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Number, ReadOnly = true, Property = PropertyOf(p), InList = list, Help = help });

    public FieldsOf<T> Metrics(Expression<Func<T, string>> p, string label, string help = "") =>
        Add(new RegisterField { Name = NameOf(PropertyOf(p)), Label = label, Kind = FieldKind.Metrics, MaxLength = 2000, Property = PropertyOf(p), Help = help });

    private FieldsOf<T> Add(RegisterField field)
    {
        fields.Add(field);
        return this;
    }
}
