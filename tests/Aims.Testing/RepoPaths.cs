namespace Aims.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Aims.slnx above the test's output folder.</summary>
    public static string Root { get; } = Find();

    /// <summary>Where tests leave files for people to look at (screenshots, exported ledgers).</summary>
    public static string Artifacts(string kind)
    {
        var folder = Path.Combine(Root, "artifacts", kind);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aims.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Aims.slnx not found above " + AppContext.BaseDirectory);
    }
}
