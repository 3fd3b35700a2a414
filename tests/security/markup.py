"""Is there live markup in a page, a feed item or an e-mail? Read with a real HTML parser, so an
escaped payload shown as text passes and anything a browser would run fails, however it is spelled."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes a browser follows as a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
ACTIVE_TAGS = {"iframe", "frame", "object", "embed", "base", "applet"}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
# Browsers drop ASCII tab and newlines anywhere in a URL, and leading C0 controls and spaces.
_URL_NOISE = re.compile(r"[\t\n\r]")


def url_scheme(value):
    """The scheme a browser would see in `value` (already entity-decoded by the parser)."""
    cleaned = _URL_NOISE.sub("", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f ")
    cleaned = "".join(ch for ch in cleaned if ch >= " ")
    return urlsplit(cleaned).scheme.lower()


class _LiveMarkup(HTMLParser):
    def __init__(self, *, allow_static_scripts):
        super().__init__(convert_charrefs=True)
        self.allow_static_scripts = allow_static_scripts
        self.found = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            src = attributes.get("src") or ""
            inert = kind in {"application/json", "application/ld+json"}
            # The admin's own: its static files and translations, and inline scripts carrying the
            # page's CSP nonce (which stored markup cannot know).
            own = self.allow_static_scripts and (
                src.startswith(("/static/", "/admin/jsi18n/")) or (not src and "nonce" in attributes)
            )
            if not (inert or own):
                self.found.append(f"<script {attrs}>")
            self._in_script = tag
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and value and re.search(r"javascript:|expression\(", value, re.I):
                self.found.append(f"<{tag} style={value!r}>")
            elif name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and value and url_scheme(value) in DANGEROUS_SCHEMES:
                if not (tag == "img" and value.startswith("data:image/")):
                    self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"script text {data[:80]!r}")


def live_markup(html, *, allow_static_scripts=False):
    """What in `html` a browser would run: script elements (in the admin, its own /static/ scripts
    are allowed), on* handlers, javascript:/vbscript:/data: URLs, srcdoc, frames and objects."""
    parser = _LiveMarkup(allow_static_scripts=allow_static_scripts)
    parser.feed(html)
    parser.close()
    return parser.found


# The payloads, each as an attacker would type it in a title or a rich-text field.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a onmouseover="alert(1)" href="#">hover</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    '<a href="java\nscript:alert(1)">newline</a>',
    '<a href="%6A%61vascript:alert(1)">percent</a>',
    "<svg onload=alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
]
RICH_PAYLOAD = "<p>Кумбел суу</p>" + "".join(f"<p>{payload}</p>" for payload in PAYLOADS)
# A title fits in 255 characters.
TITLE_PAYLOAD = (
    "Кумбел <script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)>"
    '<a href="javascript:alert(1)">x</a>'
)


class _FormDefaults(HTMLParser):
    """The values a browser would send for the page's main form, untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self._textarea = None
        self._select = None
        self._select_first = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._add(name, a.get("value", "on" if kind in {"checkbox", "radio"} else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._add(self._select, value)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_defaults(html):
    """{name: [values]} of every field in `html` as a browser would submit it unchanged."""
    parser = _FormDefaults()
    parser.feed(html)
    parser.close()
    return parser.data
