namespace Aims.Browser.Tests;
