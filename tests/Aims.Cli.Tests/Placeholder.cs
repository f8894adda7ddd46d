namespace Aims.Cli.Tests;
