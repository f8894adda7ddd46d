using Aims.Web;

// The web app's own entry point: WebApplicationFactory starts this one in tests; `aims serve` builds the same app
// through AimsHost without going through here.
var app = AimsHost.Build(AimsHostOptions.FromEnvironment(), args);
await app.RunAsync();

/// <summary>Marker for WebApplicationFactory.</summary>
public partial class Program;
