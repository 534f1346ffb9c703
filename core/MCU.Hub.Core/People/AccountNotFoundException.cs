namespace MCU.Hub.People;

/// <summary>The account does not exist in the caller's municipality (an account of another one is reported the same way).</summary>
public sealed class AccountNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="login">The login asked for.</param>
    public AccountNotFoundException(string login)
        : base($"учётная запись '{login}' не найдена")
    {
        Login = login;
    }

    /// <summary>Creates the exception.</summary>
    public AccountNotFoundException()
        : this("")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AccountNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Login = "";
    }

    /// <summary>Gets the login asked for.</summary>
    public string Login { get; }
}
