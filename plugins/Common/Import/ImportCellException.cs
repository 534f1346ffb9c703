namespace MCU.Hub.Plugins.Common.Import;

/// <summary>A cell that cannot be read; the importer turns it into an <c>ImportRowError</c> and goes on with the next row.</summary>
internal sealed class ImportCellException : Exception
{
    public ImportCellException()
    {
    }

    public ImportCellException(string message)
        : base(message)
    {
    }

    public ImportCellException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportCellException(string? column, string message)
        : base(message) => Column = column;

    /// <summary>Gets the header of the bad column as the file writes it.</summary>
    public string? Column { get; }
}
