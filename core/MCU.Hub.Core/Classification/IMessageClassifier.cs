using MCU.Hub.Messages;

namespace MCU.Hub.Classification;

/// <summary>Finds the category (thematic block and topic) and territory of a message.</summary>
public interface IMessageClassifier
{
    /// <summary>Classifies <paramref name="message"/>; sets nothing it cannot decide.</summary>
    /// <param name="message">The message, with its text, source category and address.</param>
    /// <returns>The decision.</returns>
    Classification Classify(HubMessage message);
}
