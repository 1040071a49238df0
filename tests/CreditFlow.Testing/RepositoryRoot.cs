namespace CreditFlow.Testing;

/// <summary>Finds the repository root (the folder holding package.json and the solution).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreditFlow.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CreditFlow.slnx above '{AppContext.BaseDirectory}'.");
    }
}
