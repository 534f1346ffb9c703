namespace MCU.Hub.Routing.Internal;

/// <summary>
/// Merges the posting lists a message hits (each sorted by rule position) into one ascending stream of distinct
/// positions, lazily: evaluation usually stops at the first matching rule and never pays for the rest.
/// </summary>
/// <remarks>A binary min-heap of cursors, reused per thread (<see cref="Rent"/>, <see cref="Return"/>).</remarks>
internal sealed class CandidateMerger
{
    [ThreadStatic]
    private static CandidateMerger? t_shared;

    private (int[] Postings, int Next)[] _heap = new (int[], int)[16];
    private int _count;
    private int _last;
    private bool _rented;

    /// <summary>Gets this thread's merger, emptied (a new one if it is in use).</summary>
    public static CandidateMerger Rent()
    {
        var merger = t_shared ??= new CandidateMerger();
        if (merger._rented)
            merger = new CandidateMerger();
        merger._rented = true;
        merger._count = 0;
        merger._last = -1;
        return merger;
    }

    /// <summary>Gives the merger back to the thread.</summary>
    public void Return()
    {
        Array.Clear(_heap, 0, _count);
        _count = 0;
        _rented = false;
    }

    /// <summary>Adds a posting list, from its first position after <paramref name="after"/> (−1 for all of it).</summary>
    public void Add(int[] postings, int after)
    {
        var next = 0;
        if (after >= 0)
        {
            next = Array.BinarySearch(postings, after + 1);
            if (next < 0)
                next = ~next;
        }

        if (next >= postings.Length)
            return;
        if (_count == _heap.Length)
            Array.Resize(ref _heap, _count * 2);
        _heap[_count] = (postings, next);
        Up(_count++);
    }

    /// <summary>Takes the next distinct position, in ascending order.</summary>
    public bool TryNext(out int position)
    {
        while (_count > 0)
        {
            ref var top = ref _heap[0];
            position = top.Postings[top.Next];
            if (++top.Next < top.Postings.Length)
            {
                Down(0);
            }
            else
            {
                _heap[0] = _heap[--_count];
                if (_count > 0)
                    Down(0);
            }

            if (position != _last)
            {
                _last = position;
                return true;
            }
        }

        position = -1;
        return false;
    }

    private int Head(int i) => _heap[i].Postings[_heap[i].Next];

    private void Up(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (Head(parent) <= Head(i))
                return;
            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            var smallest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < _count && Head(left) < Head(smallest))
                smallest = left;
            if (right < _count && Head(right) < Head(smallest))
                smallest = right;
            if (smallest == i)
                return;
            (_heap[smallest], _heap[i]) = (_heap[i], _heap[smallest]);
            i = smallest;
        }
    }
}
