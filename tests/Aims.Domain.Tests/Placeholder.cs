namespace Aims.Domain.Tests;
