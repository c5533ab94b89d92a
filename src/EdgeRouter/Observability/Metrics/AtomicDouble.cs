namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>A double updated lock-free (compare-and-swap on its bits), for counters of seconds and histogram sums.</summary>
internal struct AtomicDouble
{
    private long _bits;

    public readonly double Value => BitConverter.Int64BitsToDouble(Volatile.Read(in _bits));

    public void Add(double amount)
    {
        var current = Volatile.Read(ref _bits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + amount);
            var seen = Interlocked.CompareExchange(ref _bits, next, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    public void Set(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));
}
