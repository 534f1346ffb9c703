using MCU.Hub.Messages;

namespace MCU.Hub.Core.Tests.Messages;

public sealed class MessageStatusTransitionsTests
{
    [Theory]
    [InlineData(MessageStatus.New, MessageStatus.Routed, true)]
    [InlineData(MessageStatus.Routed, MessageStatus.InProgress, true)]
    [InlineData(MessageStatus.InProgress, MessageStatus.Answered, true)]
    [InlineData(MessageStatus.Answered, MessageStatus.Closed, true)]
    [InlineData(MessageStatus.Closed, MessageStatus.Reopened, true)]
    [InlineData(MessageStatus.Routed, MessageStatus.Returned, true)]
    [InlineData(MessageStatus.New, MessageStatus.Closed, false)]
    [InlineData(MessageStatus.Closed, MessageStatus.Answered, false)]
    [InlineData(MessageStatus.Rejected, MessageStatus.Answered, false)]
    public void IsAllowed_KnownPairs_MatchTheLifeCycle(MessageStatus from, MessageStatus to, bool allowed) =>
        Assert.Equal(allowed, MessageStatusTransitions.IsAllowed(from, to));

    [Fact]
    public void From_EveryStatus_HasAWayOut() =>
        Assert.All(Enum.GetValues<MessageStatus>(), s => Assert.NotEmpty(MessageStatusTransitions.From(s)));
}
