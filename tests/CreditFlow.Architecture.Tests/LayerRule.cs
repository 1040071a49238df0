namespace CreditFlow.Architecture.Tests;

/// <summary>One row of the layer table: a project and what it must not reach.</summary>
/// <param name="Project">The project's name, e.g. <c>CreditFlow.Storage</c>.</param>
/// <param name="ForbiddenProjects">Projects it may neither reference nor name in its code.</param>
/// <param name="NoPackages">It references no package at all.</param>
/// <param name="NoAspNetCore">Neither the ASP.NET Core framework nor its namespaces: nothing there can reach an HTTP request.</param>
internal sealed record LayerRule(string Project, IReadOnlySet<string> ForbiddenProjects, bool NoPackages, bool NoAspNetCore);
