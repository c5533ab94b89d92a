namespace EdgeRouter.Gguf;

/// <summary>
/// Streams a GGUF v3 file: declare metadata and tensors, <see cref="WriteHeader"/>, then feed each tensor's data
/// in order, in chunks of any size. Only the header is held in memory, so multi-gigabyte files are fine.
/// </summary>
/// <remarks>
/// Tensor offsets are the running sum of the previous tensors' sizes, each padded to the alignment, because
/// llama.cpp's gguf.cpp rejects any other layout. Every tensor, the last included, is followed by its padding.
/// </remarks>
public sealed class GgufWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly GgufBinaryWriter _out;
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<GgufTensorInfo> _tensors = [];
    private byte[] _scratch = [];
    private long _nextOffset;
    private int _current;
    private long _currentWritten;
    private bool _headerWritten;

    public GgufWriter(Stream output, uint alignment = GgufConstants.DefaultAlignment, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), "Alignment must be a power of two.");
        }

        _stream = output;
        _leaveOpen = leaveOpen;
        _out = new GgufBinaryWriter(output);
        Alignment = alignment;
    }

    public uint Alignment { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors => _tensors;

    /// <summary>Size of the data section including padding, known once all tensors are declared.</summary>
    public long DataBytes => _nextOffset;

    /// <summary>Bytes written so far; the whole file is <see cref="HeaderBytes"/> + <see cref="DataBytes"/>.</summary>
    public long BytesWritten => _out.Position;

    /// <summary>Header size including the padding before the data section; valid after <see cref="WriteHeader"/>.</summary>
    public long HeaderBytes { get; private set; }

    public void AddMetadata(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        EnsureDeclaring();
        if (!_keys.Add(key))
        {
            throw new ArgumentException($"Duplicate metadata key '{key}'.", nameof(key));
        }

        _metadata.Add(new(key, value));
    }

    /// <summary>Declares a tensor. <paramref name="shape"/> is in ggml order: shape[0] is the row length.</summary>
    public GgufTensorInfo AddTensor(string name, GgmlType type, params ReadOnlySpan<long> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureDeclaring();
        if (System.Text.Encoding.UTF8.GetByteCount(name) > GgufConstants.MaxTensorNameBytes)
        {
            throw new ArgumentException($"Tensor name '{name}' is longer than {GgufConstants.MaxTensorNameBytes} bytes.", nameof(name));
        }

        if (shape.Length is 0 or > GgufConstants.MaxDimensions)
        {
            throw new ArgumentException($"Tensor '{name}' needs 1 to {GgufConstants.MaxDimensions} dimensions.", nameof(shape));
        }

        if (_tensors.Exists(t => t.Name == name))
        {
            throw new ArgumentException($"Duplicate tensor name '{name}'.", nameof(name));
        }

        long elements = 1;
        foreach (var ne in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ne, nameof(shape));
            elements = checked(elements * ne);
        }

        if (shape[0] % GgmlTypeTraits.GetBlockSize(type) != 0)
        {
            throw new ArgumentException($"Tensor '{name}': row length {shape[0]} is not a multiple of the {GgmlTypeTraits.GetName(type)} block size.", nameof(shape));
        }

        var info = new GgufTensorInfo
        {
            Name = name,
            Type = type,
            Shape = shape.ToArray(),
            Offset = (ulong)_nextOffset,
            ElementCount = elements,
            ByteSize = GgmlTypeTraits.GetByteSize(type, elements),
        };
        _tensors.Add(info);
        _nextOffset = GgufHeaderParser.Align(_nextOffset + info.ByteSize, Alignment);
        return info;
    }

    /// <summary>Writes magic, counts, metadata and tensor infos, padded to the alignment.</summary>
    public void WriteHeader()
    {
        EnsureDeclaring();
        if (Alignment != GgufConstants.DefaultAlignment && !_keys.Contains(GgufKeys.Alignment))
        {
            // Readers assume 32 without the key, so a different alignment must be declared.
            AddMetadata(GgufKeys.Alignment, GgufValue.UInt32(Alignment));
        }

        _out.WriteU32(GgufConstants.Magic);
        _out.WriteU32(GgufConstants.Version);
        _out.WriteU64((ulong)_tensors.Count);
        _out.WriteU64((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            _out.WriteString(key);
            _out.WriteTypedValue(value);
        }

        foreach (var t in _tensors)
        {
            _out.WriteString(t.Name);
            _out.WriteU32((uint)t.Shape.Count);
            foreach (var ne in t.Shape)
            {
                _out.WriteU64((ulong)ne);
            }

            _out.WriteU32((uint)t.Type);
            _out.WriteU64(t.Offset);
        }

        _out.WriteZeros(GgufHeaderParser.Align(_out.Position, Alignment) - _out.Position);
        HeaderBytes = _out.Position;
        _headerWritten = true;
    }

    /// <summary>Encodes the next values of the current tensor (F32, F16 or Q8_0; Q8_0 chunks are whole blocks).</summary>
    public void WriteTensorData(ReadOnlySpan<float> values)
    {
        var t = CurrentTensor();
        var bytes = GgmlTypeTraits.GetByteSize(t.Type, values.Length);
        if (bytes > int.MaxValue)
        {
            throw new ArgumentException("Write large tensors in smaller chunks.", nameof(values));
        }

        if (_scratch.Length < bytes)
        {
            _scratch = new byte[bytes];
        }

        var n = GgufTensorEncoder.Encode(t.Type, values, _scratch);
        WriteTensorBytes(_scratch.AsSpan(0, n));
    }

    /// <summary>Writes already-encoded bytes of the current tensor.</summary>
    public void WriteTensorBytes(ReadOnlySpan<byte> bytes)
    {
        var t = CurrentTensor();
        if (bytes.Length > t.ByteSize - _currentWritten)
        {
            throw new InvalidOperationException($"Tensor '{t.Name}' takes {t.ByteSize} bytes; {_currentWritten + bytes.Length} were given.");
        }

        _out.Write(bytes);
        _currentWritten += bytes.Length;
        if (_currentWritten == t.ByteSize)
        {
            _out.WriteZeros(GgufHeaderParser.Align(t.ByteSize, Alignment) - t.ByteSize);
            _current++;
            _currentWritten = 0;
        }
    }

    /// <summary>Checks every tensor was written in full and flushes.</summary>
    public void Complete()
    {
        if (!_headerWritten)
        {
            throw new InvalidOperationException("WriteHeader was not called.");
        }

        if (_current < _tensors.Count)
        {
            throw new InvalidOperationException($"Tensor '{_tensors[_current].Name}' and {_tensors.Count - _current - 1} after it are incomplete.");
        }

        _stream.Flush();
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private GgufTensorInfo CurrentTensor()
    {
        if (!_headerWritten)
        {
            throw new InvalidOperationException("Call WriteHeader before writing tensor data.");
        }

        return _current < _tensors.Count ? _tensors[_current] : throw new InvalidOperationException("All tensors are already written.");
    }

    private void EnsureDeclaring()
    {
        if (_headerWritten)
        {
            throw new InvalidOperationException("The header is already written.");
        }
    }
}
