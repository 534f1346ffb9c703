using System.ComponentModel;
using System.Globalization;

namespace MCU.Hub.Deadlines.Calendar.Internal;

/// <summary>Lets configuration binding read a <see cref="CalendarOverride"/> from its string form.</summary>
internal sealed class CalendarOverrideConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? CalendarOverride.Parse(text) : base.ConvertFrom(context, culture, value);
}
