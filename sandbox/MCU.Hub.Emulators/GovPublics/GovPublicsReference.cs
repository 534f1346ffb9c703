namespace MCU.Hub.Emulators.GovPublics;

/// <summary>
/// What a publication reports on: a decision, poll, vote or discussion held with residents on ПОС.
/// JSON <c>{ "type": "poll", "id": "318207" }</c>.
/// </summary>
/// <param name="Type">One of <see cref="GovPublicsReferenceTypes.All"/>.</param>
/// <param name="Id">The id of the decision, poll, vote or discussion on ПОС.</param>
public sealed record GovPublicsReference(string Type, string Id);
