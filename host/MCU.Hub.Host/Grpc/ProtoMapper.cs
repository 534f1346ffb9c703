using Google.Protobuf.WellKnownTypes;
using MCU.Hub.Channels;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Intake;
using CoreMessages = MCU.Hub.Messages;
using ProtoKind = MCU.Hub.Grpc.V1.MessageKind;
using ProtoStatus = MCU.Hub.Grpc.V1.MessageStatus;

namespace MCU.Hub.Host.Grpc;

/// <summary>Converts between the public contract and the engine's types.</summary>
internal static class ProtoMapper
{
    public static InboundItem ToInbound(SubmitMessageRequest request, DateTimeOffset now)
    {
        if (!System.Enum.IsDefined(request.Kind))
            throw new HubValidationException("kind", $"неизвестный вид обращения {(int)request.Kind}");
        return new InboundItem
        {
            ExternalId = request.ExternalId,
            Kind = (MessageKind)(int)request.Kind,
            Text = request.Text,
            CreatedAt = request.CreatedAt is null ? now : ToDateTimeOffset(request.CreatedAt, "created_at"),
            Author = request.Author is null ? null : new AuthorInfo
            {
                Name = Empty(request.Author.Name),
                Phone = Empty(request.Author.Phone),
                Email = Empty(request.Author.Email),
                IsOrganisation = request.Author.IsOrganisation,
            },
            Address = Empty(request.Address),
            Latitude = request.Coordinates?.Latitude,
            Longitude = request.Coordinates?.Longitude,
            SourceCategory = Empty(request.SourceCategory),
            SourceSubcategory = Empty(request.SourceSubcategory),
            DueAt = request.DueAt is null ? null : ToDateTimeOffset(request.DueAt, "due_at"),
            Attachments = [.. request.Attachments],
            Metadata = new Dictionary<string, string>(request.Metadata),
        };
    }

    public static Message ToProto(CoreMessages.HubMessage m)
    {
        var proto = new Message
        {
            Id = m.Id,
            Tenant = m.Tenant,
            Kind = (ProtoKind)(int)m.Kind,
            Channel = m.Channel,
            ExternalId = m.ExternalId,
            Text = m.Text,
            Author = new Author
            {
                Name = m.AuthorName ?? "",
                Phone = m.AuthorPhone ?? "",
                Email = m.AuthorEmail ?? "",
                IsOrganisation = m.AuthorIsOrganisation,
            },
            Address = m.Address ?? "",
            Territory = m.Territory ?? "",
            Block = m.Block ?? "",
            Category = m.Category ?? "",
            SourceCategory = m.SourceCategory ?? "",
            SourceSubcategory = m.SourceSubcategory ?? "",
            ReceivedAt = Timestamp.FromDateTimeOffset(m.ReceivedAt),
            RegisteredAt = Timestamp.FromDateTimeOffset(m.RegisteredAt),
            DueAt = m.DueAt is { } due ? Timestamp.FromDateTimeOffset(due) : null,
            Status = ToProto(m.Status),
            RoutedByRule = m.RoutedByRule ?? "",
            FastTrack = m.FastTrack,
            AutomatedDelivery = m.AutomatedDelivery,
            AutomatedControl = m.AutomatedControl,
            DeadlinePolicy = m.DeadlinePolicy ?? "",
            Version = m.Version,
            DeadlineExtension = m.DeadlineExtension,
            RuleSetVersion = m.RuleSetVersion,
            RoadmapId = m.RoadmapId ?? "",
            RoadmapImplementedAt = m.RoadmapImplementedAt is { } implemented ? Timestamp.FromDateTimeOffset(implemented) : null,
            FastTrackEntry = m.FastTrackEntry ?? "",
        };
        if (m.Latitude is { } lat && m.Longitude is { } lon)
            proto.Coordinates = new Coordinates { Latitude = lat, Longitude = lon };
        if (m.Answer is { } a)
        {
            proto.Answer = new Answer { Text = a.Text, AnsweredBy = a.AnsweredBy ?? "", AnsweredAt = Timestamp.FromDateTimeOffset(a.AnsweredAt) };
            proto.Answer.Attachments.AddRange(a.Attachments);
        }

        proto.Recipients.AddRange(m.Recipients);
        proto.Attachments.AddRange(m.Attachments);
        proto.Tags.AddRange(m.Tags);
        proto.Escalations.AddRange(m.Escalations);
        return proto;
    }

    public static HistoryEntry ToProto(CoreMessages.MessageHistoryEntry h)
    {
        var proto = new HistoryEntry { At = Timestamp.FromDateTimeOffset(h.At), Actor = h.Actor, Action = h.Action, Comment = h.Comment ?? "" };
        proto.Changes.AddRange(h.Changes.Select(c => new FieldChange { Field = c.Field, OldValue = c.Old ?? "", NewValue = c.New ?? "" }));
        return proto;
    }

    public static Delivery ToProto(Outbox.OutboxDelivery d) => new()
    {
        Id = d.Id,
        MessageId = d.MessageId,
        Channel = d.Channel,
        ExternalId = d.ExternalId,
        Kind = d.Kind,
        Status = d.Status,
        State = (DeliveryState)((int)d.State + 1),
        Attempts = d.Attempts,
        LastError = d.LastError ?? "",
        ChangedAt = Timestamp.FromDateTimeOffset(d.ChangedAt),
        NextAttemptAt = Timestamp.FromDateTimeOffset(d.NextAttemptAt),
        AcknowledgedAt = d.AcknowledgedAt is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        ExternalReplyId = d.ExternalReplyId ?? "",
    };

    public static ProtoStatus ToProto(CoreMessages.MessageStatus status) => (ProtoStatus)((int)status + 1);

    public static CoreMessages.MessageStatus ToCore(ProtoStatus status, string field) =>
        status is ProtoStatus.Unspecified || !System.Enum.IsDefined(status)
            ? throw new HubValidationException(field, $"недопустимый статус {(int)status}")
            : (CoreMessages.MessageStatus)((int)status - 1);

    public static DateTimeOffset ToDateTimeOffset(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException ex)
        {
            throw new HubValidationException(field, $"недопустимое время: {ex.Message}");
        }
    }

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
