using MCU.Hub.Channels;

namespace MCU.Hub.Intake;

/// <summary>Checks an inbound item before anything is stored.</summary>
public static class InboundValidator
{
    /// <summary>Finds the first problem of <paramref name="item"/>.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="item">The item.</param>
    /// <param name="channels">The known channels.</param>
    /// <param name="maxTextLength">The longest text accepted.</param>
    /// <returns>The problem, or <see langword="null"/> when the item is valid.</returns>
    public static HubValidationException? Validate(string channel, InboundItem item, ChannelRegistry channels, int maxTextLength)
    {
        if (string.IsNullOrWhiteSpace(channel))
            return new("channel", "канал не указан");
        if (!channels.Contains(channel))
            return new("channel", $"неизвестный канал '{channel}'");
        if (string.IsNullOrWhiteSpace(item.ExternalId))
            return new("external_id", "идентификатор во внешней системе не указан");
        if (item.ExternalId.Length > 200)
            return new("external_id", "идентификатор во внешней системе длиннее 200 символов");
        if (string.IsNullOrWhiteSpace(item.Text))
            return new("text", "текст обращения пуст");
        if (item.Text.Length > maxTextLength)
            return new("text", $"текст длиннее {maxTextLength} символов ({item.Text.Length})");
        if (!Enum.IsDefined(item.Kind))
            return new("kind", $"неизвестный вид обращения '{item.Kind}'");
        if (item.CreatedAt == default)
            return new("created_at", "время отправки не указано");
        if (item.Latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90))
            return new("latitude", $"широта {lat} вне диапазона −90…90");
        if (item.Longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180))
            return new("longitude", $"долгота {lon} вне диапазона −180…180");
        if (item.Latitude.HasValue != item.Longitude.HasValue)
            return new(item.Latitude.HasValue ? "longitude" : "latitude", "координаты указаны не полностью");
        return ValidateAttachments("attachments", item.Attachments);
    }

    /// <summary>Finds the first empty attachment link: the store keeps an empty string as no value at all.</summary>
    /// <param name="field">The field name for the message.</param>
    /// <param name="attachments">The links.</param>
    /// <returns>The problem, or <see langword="null"/> when every link is present.</returns>
    public static HubValidationException? ValidateAttachments(string field, IReadOnlyList<string> attachments)
    {
        for (var i = 0; i < attachments.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(attachments[i]))
                return new($"{field}[{i}]", "пустая ссылка на вложение");
            if (attachments[i].Length > 2_000)
                return new($"{field}[{i}]", "ссылка на вложение длиннее 2000 символов");
        }

        return null;
    }

    /// <summary>Finds the first problem of a channel record.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="record">The record.</param>
    /// <param name="channels">The known channels.</param>
    /// <returns>The problem, or <see langword="null"/> when the record is valid.</returns>
    public static HubValidationException? ValidateRecord(string channel, ChannelRecord record, ChannelRegistry channels)
    {
        if (!channels.Contains(channel))
            return new("channel", $"неизвестный канал '{channel}'");
        if (string.IsNullOrWhiteSpace(record.Type) || record.Type.Length > 40 || !record.Type.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            return new("type", $"недопустимый тип записи '{record.Type}': строчные латинские буквы, цифры, '-' и '_', до 40 символов");
        if (string.IsNullOrWhiteSpace(record.ExternalId) || record.ExternalId.Length > 200)
            return new("external_id", "идентификатор записи во внешней системе не указан или длиннее 200 символов");
        if (record.OccurredAt == default)
            return new("occurred_at", "время записи не указано");
        return null;
    }
}
