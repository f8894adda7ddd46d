using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Aims.Web.Features.Inventory.Transfer;

/// <summary>
/// Reads a file's rows ahead on another thread while the import checks and saves the rows before them: parsing a
/// large file is a fifth of an import's work and needs no database, so it can use a second core. At most
/// <c>capacity</c> rows wait, so memory stays flat whatever the file's size.
/// </summary>
internal static class RowPrefetch
{
    public static async IAsyncEnumerable<T> AheadAsync<T>(IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in source.WithCancellation(stop.Token))
                    {
                        await channel.Writer.WriteAsync(item, stop.Token);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    // The reader gets the reader's exception as it would have without prefetching.
                    channel.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(ct))
            {
                yield return item;
            }
        }
        finally
        {
            // A reader that stops early (an exception, a cancellation) must not leave the producer writing.
            await stop.CancelAsync();
            await producer;
        }
    }
}
