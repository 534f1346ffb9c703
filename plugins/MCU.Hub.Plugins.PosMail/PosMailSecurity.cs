namespace MCU.Hub.Plugins.PosMail;

/// <summary>How the connection to the IMAP server is protected.</summary>
public enum PosMailSecurity
{
    /// <summary>No TLS: the password travels in clear text. Only for a server on the same host or a closed network.</summary>
    None = 0,

    /// <summary>A plain connection upgraded with <c>STARTTLS</c> before logging in (usually port 143); fails if the server does not offer it.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (IMAPS, usually port 993).</summary>
    SslOnConnect = 2,
}
