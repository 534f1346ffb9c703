using System.IO.MemoryMappedFiles;

namespace MCU.Hub.Kpi.Internal;

/// <summary>
/// The projection's records in a memory-mapped file, with an open-addressing hash index from the 16-byte message id
/// to the record's slot, so that neither the facts nor their index grow the managed heap.
/// </summary>
/// <remarks>
/// <para>
/// The file holds <see cref="Capacity"/> records of <see cref="FactRecord.Size"/> bytes, then an index of
/// 2 × <see cref="Capacity"/> entries (load at most one half), each a key and slot + 1 (0 is an empty entry). When the
/// records fill the capacity, the file is remapped at twice the size and the index rebuilt from the records: the new
/// index lies past the old end of the file, so it starts zeroed.
/// </para>
/// <para>
/// A cache: created empty (truncated) when opened, deleted on <see cref="Dispose"/>. Not thread-safe: the projection's
/// lock guards it.
/// </para>
/// </remarks>
internal sealed class FactFile : IDisposable
{
    private const int IndexEntrySize = 20;
    private const int ChunkRecords = 512;

    private readonly FileStream _stream;
    private MemoryMappedFile _map;
    private MemoryMappedViewAccessor _view;

    private FactFile(FileStream stream, int capacity)
    {
        _stream = stream;
        Path = stream.Name;
        (_map, _view) = Map(stream, capacity);
        Capacity = capacity;
    }

    /// <summary>Gets the path of the file.</summary>
    public string Path { get; }

    /// <summary>Gets how many records are stored.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many records fit before the file is remapped larger.</summary>
    public int Capacity { get; private set; }

    /// <summary>Creates the file, or truncates it, and maps it.</summary>
    /// <param name="path">The path.</param>
    /// <param name="initialCapacity">The records it holds before its first remap (rounded up to a power of two).</param>
    /// <returns>The open file.</returns>
    public static FactFile Create(string path, int initialCapacity)
    {
        var capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, initialCapacity)));
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        try
        {
            return new FactFile(stream, capacity);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Finds the slot of a message id.</summary>
    /// <param name="high">The first 8 bytes of the id.</param>
    /// <param name="low">The last 8 bytes of the id.</param>
    /// <param name="slot">The slot found.</param>
    /// <returns><see langword="true"/> when the id is indexed.</returns>
    public bool TryFind(ulong high, ulong low, out int slot)
    {
        var mask = IndexEntries(Capacity) - 1;
        for (var entry = Hash(high, low) & mask; ; entry = (entry + 1) & mask)
        {
            var position = IndexEntryOffset(entry);
            var stored = _view.ReadInt32(position + 16);
            if (stored == 0)
            {
                slot = -1;
                return false;
            }

            if (_view.ReadUInt64(position) == high && _view.ReadUInt64(position + 8) == low)
            {
                slot = stored - 1;
                return true;
            }
        }
    }

    /// <summary>Appends a record, growing the file when it is full.</summary>
    /// <param name="record">The record.</param>
    /// <param name="indexed">Whether its id goes into the index (not for an id kept on the heap).</param>
    /// <returns>The slot of the record.</returns>
    public int Add(in FactRecord record, bool indexed)
    {
        if (Count == Capacity)
            Grow();
        var slot = Count++;
        Write(slot, record);
        if (indexed)
            Index(record.IdHigh, record.IdLow, slot);
        return slot;
    }

    /// <summary>Overwrites the record in a slot (same id).</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="record">The record.</param>
    public void Write(int slot, in FactRecord record)
    {
        var copy = record;
        _view.Write(RecordOffset(slot), ref copy);
    }

    /// <summary>Reads the record in a slot.</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="record">The record.</param>
    public void Read(int slot, out FactRecord record) => _view.Read(RecordOffset(slot), out record);

    /// <summary>Reads records in slot order.</summary>
    /// <param name="start">The first slot.</param>
    /// <param name="buffer">Receives the records; several readers may read at once, each into its own buffer.</param>
    /// <returns>How many records were read: at most the buffer's length, 0 past the end.</returns>
    public int ReadRecords(int start, FactRecord[] buffer)
    {
        var n = Math.Min(buffer.Length, Count - start);
        if (n <= 0)
            return 0;
        _view.ReadArray(RecordOffset(start), buffer, 0, n);
        return n;
    }

    /// <summary>Unmaps the file and deletes it.</summary>
    public void Dispose()
    {
        _view.Dispose();
        _map.Dispose();
        _stream.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long FileBytes(int capacity) => (long)capacity * FactRecord.Size + IndexEntries(capacity) * IndexEntrySize;

    private static long IndexEntries(int capacity) => 2L * capacity;

    private static long Hash(ulong high, ulong low)
    {
        // A version 7 UUID starts with a timestamp: both halves are mixed so that ids of one millisecond spread out.
        var h = high ^ (low * 0x9E3779B97F4A7C15UL);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (long)(h & long.MaxValue);
    }

    private static (MemoryMappedFile Map, MemoryMappedViewAccessor View) Map(FileStream stream, int capacity)
    {
        var bytes = FileBytes(capacity);
        stream.SetLength(bytes);
        var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, bytes, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        try
        {
            return (map, map.CreateViewAccessor(0, bytes, MemoryMappedFileAccess.ReadWrite));
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    private static long RecordOffset(int slot) => (long)slot * FactRecord.Size;

    private long IndexEntryOffset(long entry) => ((long)Capacity * FactRecord.Size) + (entry * IndexEntrySize);

    private void Index(ulong high, ulong low, int slot)
    {
        var mask = IndexEntries(Capacity) - 1;
        var entry = Hash(high, low) & mask;
        while (_view.ReadInt32(IndexEntryOffset(entry) + 16) != 0)
            entry = (entry + 1) & mask;
        var position = IndexEntryOffset(entry);
        _view.Write(position, high);
        _view.Write(position + 8, low);
        _view.Write(position + 16, slot + 1);
    }

    private void Grow()
    {
        var capacity = checked(Capacity * 2);
        _view.Dispose();
        _map.Dispose();
        (_map, _view) = Map(_stream, capacity);
        Capacity = capacity;
        var records = new FactRecord[ChunkRecords];
        int n;
        for (var start = 0; (n = ReadRecords(start, records)) > 0; start += n)
        {
            for (var i = 0; i < n; i++)
            {
                if ((records[i].Flags & FactFlags.HeapId) == 0)
                    Index(records[i].IdHigh, records[i].IdLow, start + i);
            }
        }
    }
}
