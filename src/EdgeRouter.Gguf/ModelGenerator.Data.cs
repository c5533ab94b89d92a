namespace EdgeRouter.Gguf;

public static partial class ModelGenerator
{
    /// <summary>
    /// Rows are generated in chunks of about this many values, each from its own (seed, tensor, chunk) random
    /// stream. Fixing the chunking (not the thread count) is what keeps the bytes identical on any machine.
    /// </summary>
    private const int ChunkElements = 1 << 16;

    private static void WriteData(ulong seed, List<ModelLayout.Tensor> tensors, GgufWriter writer,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var batch = Math.Max(2, Environment.ProcessorCount * 2);
        var values = new float[batch][];
        var encoded = new byte[batch][];
        var lengths = new int[batch];
        var lastReported = 0.0;

        for (var ti = 0; ti < tensors.Count; ti++)
        {
            var t = tensors[ti];
            var rowLength = t.Shape[0];
            var rows = t.Shape.Aggregate(1L, (a, b) => a * b) / rowLength;
            var chunkRows = Math.Max(1, ChunkElements / rowLength);
            var chunks = (rows + chunkRows - 1) / chunkRows;

            for (long first = 0; first < chunks; first += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(batch, chunks - first);
                var tensorIndex = ti;
                var firstChunk = first;
                Parallel.For(0, n, k =>
                {
                    var chunk = firstChunk + k;
                    var count = (int)(Math.Min(chunkRows, rows - (chunk * chunkRows)) * rowLength);
                    lengths[k] = EncodeChunk(seed, tensorIndex, chunk, t, count, ref values[k], ref encoded[k]);
                });

                for (var k = 0; k < n; k++)
                {
                    writer.WriteTensorBytes(encoded[k].AsSpan(0, lengths[k]));
                }

                var fraction = (double)(writer.BytesWritten - writer.HeaderBytes) / writer.DataBytes;
                if (progress is not null && fraction - lastReported >= 0.001)
                {
                    progress.Report(fraction);
                    lastReported = fraction;
                }
            }
        }
    }

    private static int EncodeChunk(ulong seed, int tensorIndex, long chunk, ModelLayout.Tensor t, int count,
        ref float[] values, ref byte[] encoded)
    {
        if (values is null || values.Length < count)
        {
            values = new float[count];
        }

        var span = values.AsSpan(0, count);
        if (t.Fill == ModelLayout.Fill.Ones)
        {
            span.Fill(1f);
        }
        else
        {
            SplitMix64.For(seed, tensorIndex, chunk).FillTriangular(span, WeightAmplitude);
        }

        var bytes = (int)GgmlTypeTraits.GetByteSize(t.Type, count);
        if (encoded is null || encoded.Length < bytes)
        {
            encoded = new byte[bytes];
        }

        return GgufTensorEncoder.Encode(t.Type, span, encoded);
    }
}
