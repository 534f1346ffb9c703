using System.Text;
using MimeKit.Text;

namespace MCU.Hub.Plugins.PosMail.Internal;

/// <summary>Turns a mail body into trimmed lines of text, the unit the label reader works on.</summary>
internal static class MailText
{
    /// <summary>Separates the cells of a table row, so that «Телефон» | «+7…» reads as a label and its value.</summary>
    public const char CellSeparator = '\t';

    /// <summary>
    /// Renders HTML as text with a tokenizer (linear, no regular expressions): block elements and <c>&lt;br&gt;</c>
    /// end a line, table cells are separated by <see cref="CellSeparator"/>, character references are decoded, and
    /// the content of <c>head</c>, <c>script</c>, <c>style</c> and comments is dropped.
    /// </summary>
    /// <param name="html">The HTML, possibly malformed or truncated.</param>
    /// <returns>The non-empty lines, trimmed.</returns>
    public static IReadOnlyList<string> FromHtml(string html)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var hidden = 0;
        var cellOpen = false;

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader) { DecodeCharacterReferences = true, IgnoreTruncatedTags = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken { Id: HtmlTagId.Body, IsEndTag: false }:
                    // A head that was never closed ends where the body starts, as in a browser.
                    hidden = 0;
                    Flush(lines, line);
                    break;

                case HtmlTagToken tag when IsHidden(tag.Id):
                    if (tag.IsEndTag)
                        hidden = Math.Max(0, hidden - 1);
                    else if (!tag.IsEmptyElement)
                        hidden++;
                    break;

                case HtmlTagToken tag when tag.Id is HtmlTagId.TD or HtmlTagId.TH:
                    if (!tag.IsEndTag)
                    {
                        if (cellOpen)
                        {
                            TrimEndSpace(line);
                            line.Append(CellSeparator);
                        }

                        cellOpen = true;
                    }

                    break;

                case HtmlTagToken tag when IsLineBreak(tag.Id):
                    Flush(lines, line);
                    if (tag.Id is HtmlTagId.TR or HtmlTagId.Table)
                        cellOpen = false;
                    break;

                case HtmlDataToken data when token.Kind == HtmlTokenKind.Data && hidden == 0:
                    AppendCollapsed(line, data.Data);
                    break;
            }
        }

        Flush(lines, line);
        return lines;
    }

    /// <summary>Splits plain text into lines, trimmed, keeping empty ones out.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The non-empty lines.</returns>
    public static IReadOnlyList<string> FromPlain(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            AppendCollapsed(line, raw, keepTabs: true);
            Flush(lines, line);
        }

        return lines;
    }

    private static bool IsHidden(HtmlTagId id) =>
        id is HtmlTagId.Head or HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Title or HtmlTagId.NoScript;

    private static bool IsLineBreak(HtmlTagId id) => id is
        HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.Table or HtmlTagId.TBody or HtmlTagId.THead
        or HtmlTagId.Tfoot or HtmlTagId.LI or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.DL or HtmlTagId.DT or HtmlTagId.DD
        or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.HR
        or HtmlTagId.Pre or HtmlTagId.BlockQuote or HtmlTagId.Section or HtmlTagId.Article or HtmlTagId.Header or HtmlTagId.Footer
        or HtmlTagId.Main or HtmlTagId.Nav or HtmlTagId.Aside or HtmlTagId.Address or HtmlTagId.Center or HtmlTagId.Caption
        or HtmlTagId.FieldSet or HtmlTagId.Form or HtmlTagId.Body or HtmlTagId.Html;

    private static void AppendCollapsed(StringBuilder line, ReadOnlySpan<char> text, bool keepTabs = false)
    {
        foreach (var c in text)
        {
            if (keepTabs && c == CellSeparator)
            {
                TrimEndSpace(line);
                line.Append(CellSeparator);
            }
            else if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                if (line.Length > 0 && line[^1] != ' ' && line[^1] != CellSeparator)
                    line.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                line.Append(c);
            }
        }
    }

    private static void TrimEndSpace(StringBuilder line)
    {
        while (line.Length > 0 && line[^1] == ' ')
            line.Length--;
    }

    private static void Flush(List<string> lines, StringBuilder line)
    {
        var text = line.ToString().Trim(' ', CellSeparator);
        line.Clear();
        if (text.Length > 0)
            lines.Add(text);
    }
}
