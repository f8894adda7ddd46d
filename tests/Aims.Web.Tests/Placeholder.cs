namespace Aims.Web.Tests;
