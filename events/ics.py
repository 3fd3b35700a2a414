"""An event as an iCalendar file (RFC 5545), for "Add to calendar" and the confirmation e-mail.

Written by hand: one VEVENT is a few lines, and a library would be a dependency for them.
Times are in UTC ("Z"), so every calendar shows them in its owner's zone; lines end in CRLF,
text values are escaped, and lines longer than 75 octets are folded (RFC 5545 3.1).
The link to join an online event is never written here: anyone may download the file.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.i18n import field_in_language
from practices.richtext import html_to_text

MAX_OCTETS = 75
MAX_DESCRIPTION = 2000
CONTENT_TYPE = "text/calendar; charset=utf-8"


def escape(text):
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Cut a content line into lines of at most 75 octets, continued by a leading space,
    never inside a UTF-8 character (a Kyrgyz or Russian letter is two octets)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = MAX_OCTETS if not parts else MAX_OCTETS - 1  # a continuation starts with a space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(event, field, language):
    return field_in_language(event, field, language)[0]


def event_lines(event, *, language, now=None):
    """The VEVENT's content lines (unfolded), in `language`."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    with translation.override(language):
        url = settings.SITE_URL + event.get_absolute_url()
        location = _text(event, "place", language) or (gettext("Online") if event.is_online else "")
        description = html_to_text(_text(event, "description", language))[:MAX_DESCRIPTION]
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape(_text(event, 'title', language) or event.slug)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def event_calendar(event, *, language, now=None):
    """The whole VCALENDAR as text, CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//ULSG Kyrgyzstan//LSG Best Practices Portal//{language.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *event_lines(event, language=language, now=now),
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def filename(event):
    return f"{event.slug}.ics"
