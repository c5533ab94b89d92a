using System.Collections.Concurrent;
using System.Net;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Cloud.Support;

/// <summary>
/// Wraps the router's upstream response bodies in <see cref="ReadWatchStream"/>s, so a test can tell when the router
/// has taken in part of a stream (say the role frame) instead of sleeping and hoping it has.
/// </summary>
public sealed class ResponseBodyWatch
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReadWatchStream>> _bodies = new();

    /// <summary>Adds the watch to every HttpClient of <paramref name="services"/> (pass as RouterHarness's services).</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new Handler(this)));

    /// <summary>The body of the first response from <paramref name="scenario"/>, once the router starts reading it.</summary>
    public Task<ReadWatchStream> BodyOf(string scenario) => Slot(scenario).Task;

    private TaskCompletionSource<ReadWatchStream> Slot(string scenario) =>
        _bodies.GetOrAdd(scenario, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Handler(ResponseBodyWatch owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            // FaultyUpstream's paths are /{scenario}/v1/...
            var scenario = request.RequestUri!.Segments[1].TrimEnd('/');
            response.Content = new WatchedContent(response.Content, stream => owner.Slot(scenario).TrySetResult(stream));
            return response;
        }
    }

    private sealed class WatchedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action<ReadWatchStream> _opened;

        public WatchedContent(HttpContent inner, Action<ReadWatchStream> opened)
        {
            _inner = inner;
            _opened = opened;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var stream = new ReadWatchStream(await _inner.ReadAsStreamAsync(cancellationToken));
            _opened(stream);
            return stream;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
