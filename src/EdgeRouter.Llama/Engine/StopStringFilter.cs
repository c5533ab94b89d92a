using EdgeRouter.Core.Inference;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Forwards generated text to a sink, holding back any tail that could still become a stop string, so a client
/// never receives the start of a stop sequence. When one completes, only the text before it is emitted.
/// </summary>
internal sealed class StopStringFilter
{
    private IReadOnlyList<string> _stops = [];
    private int _longestStop;
    private char[] _held = new char[64];
    private int _heldCount;

    public void Reset(IReadOnlyList<string> stopStrings)
    {
        _stops = stopStrings;
        _heldCount = 0;
        _longestStop = 0;
        for (var i = 0; i < stopStrings.Count; i++)
        {
            _longestStop = Math.Max(_longestStop, stopStrings[i]?.Length ?? 0);
        }
    }

    /// <summary>Returns true when a stop string completed; the text before it has been emitted, the rest dropped.</summary>
    public bool Push(ReadOnlySpan<char> text, ITokenSink sink)
    {
        if (_longestStop == 0)
        {
            if (!text.IsEmpty)
            {
                sink.OnText(text);
            }

            return false;
        }

        Append(text);
        var window = _held.AsSpan(0, _heldCount);
        var match = EarliestMatch(window);
        if (match >= 0)
        {
            if (match > 0)
            {
                sink.OnText(window[..match]);
            }

            _heldCount = 0;
            return true;
        }

        var keep = LongestStopPrefixSuffix(window);
        var emit = _heldCount - keep;
        if (emit > 0)
        {
            sink.OnText(window[..emit]);
            window[emit..].CopyTo(_held);
            _heldCount = keep;
        }

        return false;
    }

    /// <summary>Emits what was held back (generation ended without completing a stop string).</summary>
    public void Flush(ITokenSink sink)
    {
        if (_heldCount > 0)
        {
            sink.OnText(_held.AsSpan(0, _heldCount));
            _heldCount = 0;
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_heldCount + text.Length > _held.Length)
        {
            Array.Resize(ref _held, Math.Max(_heldCount + text.Length, _held.Length * 2));
        }

        text.CopyTo(_held.AsSpan(_heldCount));
        _heldCount += text.Length;
    }

    private int EarliestMatch(ReadOnlySpan<char> window)
    {
        var earliest = -1;
        for (var i = 0; i < _stops.Count; i++)
        {
            var stop = _stops[i];
            if (string.IsNullOrEmpty(stop))
            {
                continue;
            }

            var index = window.IndexOf(stop.AsSpan());
            if (index >= 0 && (earliest < 0 || index < earliest))
            {
                earliest = index;
            }
        }

        return earliest;
    }

    /// <summary>Length of the longest suffix of <paramref name="window"/> that is a proper prefix of some stop string.</summary>
    private int LongestStopPrefixSuffix(ReadOnlySpan<char> window)
    {
        var best = 0;
        for (var i = 0; i < _stops.Count; i++)
        {
            var stop = _stops[i];
            if (string.IsNullOrEmpty(stop))
            {
                continue;
            }

            for (var k = Math.Min(stop.Length - 1, window.Length); k > best; k--)
            {
                if (window[^k..].SequenceEqual(stop.AsSpan(0, k)))
                {
                    best = k;
                    break;
                }
            }
        }

        return best;
    }
}
