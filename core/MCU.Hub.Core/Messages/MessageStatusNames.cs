using System.Text;

namespace MCU.Hub.Messages;

/// <summary>The snake_case names of statuses used on the wire to channels (<c>in_progress</c>, <c>answered</c> ...).</summary>
public static class MessageStatusNames
{
    /// <summary>Gets the wire name of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The snake_case name.</returns>
    public static string ToWire(MessageStatus status)
    {
        var name = status.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
