namespace MCU.Hub.Audit;

/// <summary>One change made through the API: who, when, what was called on what, and how it ended.</summary>
public sealed class AuditEntry
{
    /// <summary>Gets or sets the id (time-ordered).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets when the call ended.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Gets or sets the credential's name.</summary>
    public string Credential { get; set; } = "";

    /// <summary>Gets or sets the ОКТМО code of the credential's municipality.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Gets or sets the operation (the gRPC method, <c>/mcu.hub.v1.MessageService/AnswerMessage</c>).</summary>
    public string Operation { get; set; } = "";

    /// <summary>Gets or sets the id of the record changed (a message, rule set, report), when the request names one.</summary>
    public string? Target { get; set; }

    /// <summary>Gets or sets the request as JSON, cut to a few kilobytes: what was asked to change.</summary>
    public string Request { get; set; } = "";

    /// <summary>Gets or sets the outcome: <c>OK</c> or the status code the call ended with.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Gets or sets the error text, when the call failed.</summary>
    public string? Error { get; set; }
}
