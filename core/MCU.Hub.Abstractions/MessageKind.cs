namespace MCU.Hub;

/// <summary>
/// What kind of item reached the МЦУ; the kind decides which procedure and deadlines apply.
/// </summary>
public enum MessageKind
{
    /// <summary>Сообщение: a problem reported outside the 59-ФЗ procedure (ПОС, portals).</summary>
    Message = 0,

    /// <summary>Обращение: a proposal, statement or complaint under Federal Law 59-ФЗ.</summary>
    Appeal = 1,

    /// <summary>An incident found in social networks («Инцидент Менеджмент», «Мониторинг социальных сетей»).</summary>
    Incident = 2,

    /// <summary>A call or incident card of the unified duty dispatch service (ЕДДС).</summary>
    EmergencyCall = 3,
}
