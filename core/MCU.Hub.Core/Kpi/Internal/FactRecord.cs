using System.Runtime.InteropServices;

namespace MCU.Hub.Kpi.Internal;

/// <summary>
/// The facts of one message as a fixed-size unmanaged record of 128 bytes, kept in the projection's memory-mapped file
/// rather than on the managed heap.
/// </summary>
/// <remarks>
/// Codes (tenant, channel, block, category, territory, status, recipients) are ids into <see cref="FactCodes"/>, 0 for
/// none; instants are UTC ticks, <see cref="NoInstant"/> for none; doubles are NaN for none. The fields are ordered so
/// that natural alignment leaves no padding.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct FactRecord
{
    /// <summary>The size of a record in bytes.</summary>
    public const int Size = 128;

    /// <summary>The ticks of an instant that is not set.</summary>
    public const long NoInstant = long.MinValue;

    /// <summary>The satisfaction that is not known.</summary>
    public const int NoSatisfaction = int.MinValue;

    /// <summary>The recipient count that says the recipients are in the projection's overflow map (more than four).</summary>
    public const byte ManyRecipients = byte.MaxValue;

    /// <summary>The most recipients held in the record itself.</summary>
    public const int InlineRecipients = 4;

    public ulong IdHigh;
    public ulong IdLow;
    public long ReceivedAt;
    public long RegisteredAt;
    public long DueAt;
    public long FirstAnsweredAt;
    public long ClosedAt;
    public long RoadmapImplementedAt;
    public double ResponseWorkingHours;
    public double Latitude;
    public double Longitude;
    public int ReceivedOn;
    public int Satisfaction;
    public int ReopenCount;
    public int ReturnCount;
    public ushort Tenant;
    public ushort Channel;
    public ushort Block;
    public ushort Category;
    public ushort Territory;
    public ushort Status;
    public ushort Recipient0;
    public ushort Recipient1;
    public ushort Recipient2;
    public ushort Recipient3;
    public byte RecipientCount;
    public byte Kind;
    public FactFlags Flags;
}

/// <summary>The yes/no facts of a <see cref="FactRecord"/>.</summary>
[Flags]
internal enum FactFlags : ushort
{
    /// <summary>None set.</summary>
    None = 0,

    /// <summary><see cref="MessageFact.IsOpen"/>.</summary>
    IsOpen = 1,

    /// <summary><see cref="MessageFact.IsRejected"/>.</summary>
    IsRejected = 2,

    /// <summary><see cref="MessageFact.FastTrack"/>.</summary>
    FastTrack = 4,

    /// <summary><see cref="MessageFact.AutomatedDelivery"/>.</summary>
    AutomatedDelivery = 8,

    /// <summary><see cref="MessageFact.AutomatedControl"/>.</summary>
    AutomatedControl = 16,

    /// <summary><see cref="MessageFact.OnRoadmap"/>.</summary>
    OnRoadmap = 32,

    /// <summary>The id is not 32 lowercase hex characters: it is kept on the heap, not in <see cref="FactRecord.IdHigh"/> and <see cref="FactRecord.IdLow"/>.</summary>
    HeapId = 64,
}
