"""Fail when a gettext catalogue is incomplete (CONVENTIONS.md "Translations").

Lists, per catalogue, the entries that are untranslated (an empty msgstr or an
empty plural form), fuzzy, or whose translation does not keep the msgid's
%-placeholders. The header and obsolete (#~) entries are ignored.

    python scripts/check_translations.py [path/to/django.po ...]
"""

import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("ky", "ru")]

KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
# A %-conversion as Python's printf-style formatting reads it; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([diouxXeEfFgGcrsa%])")


def unquote(text):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse(text):
    """Yield the entries as dicts: line, flags, and fields (msgctxt, msgid, msgid_plural, msgstr[n])."""
    entry, key = None, None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            # An obsolete entry: drop it together with the comments and flags written above it.
            if entry and has_msgstr(entry):
                yield entry
            entry, key = None, None
            continue
        if not line:
            key = None
            continue
        if entry and has_msgstr(entry) and line.startswith(("#", "msgctxt", "msgid ")):
            yield entry
            entry = None
        if entry is None:
            entry = {"line": number, "flags": set(), "fields": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            key = "msgstr[0]" if match.group(1) == "msgstr" else match.group(1)
            entry["fields"][key] = unquote(match.group(2))
        elif line.startswith('"') and key is not None:
            entry["fields"][key] += unquote(line)
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    if entry and has_msgstr(entry):
        yield entry


def has_msgstr(entry):
    return any(key.startswith("msgstr") for key in entry["fields"])


def placeholders(text):
    """The named placeholders (a set) and the positional conversions (in order) of a string."""
    named, positional = set(), []
    for match in PLACEHOLDER.finditer(text):
        name, conversion = match.groups()
        if conversion == "%":
            continue
        if name:
            named.add(name)
        else:
            positional.append(conversion)
    return named, positional


def problems(entry):
    fields = entry["fields"]
    translations = {key: text for key, text in fields.items() if key.startswith("msgstr")}
    if "fuzzy" in entry["flags"]:
        yield "fuzzy"
    if not all(translations.values()):
        yield "untranslated"
        return
    named, positional = placeholders(fields.get("msgid_plural", fields.get("msgid", "")))
    for key, text in sorted(translations.items()):
        got_named, got_positional = placeholders(text)
        # Positional %s/%d only mean a placeholder where gettext marked the string as python-format.
        if got_named != named or ("python-format" in entry["flags"] and got_positional != positional):
            yield f"placeholders differ in {key if 'msgid_plural' in fields else 'msgstr'}"


def main(paths=None):
    failures = 0
    for path in [Path(p) for p in (paths or DEFAULT_PATHS)]:
        if not path.is_file():
            print(f"{path}: catalogue missing (run `make messages`)")
            failures += 1
            continue
        try:
            entries = list(parse(path.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            print(f"{path}: {exc}")
            failures += 1
            continue
        for entry in entries:
            msgid, msgctxt = entry["fields"].get("msgid", ""), entry["fields"].get("msgctxt")
            if msgid == "" and msgctxt is None:
                continue  # the header
            for problem in problems(entry):
                context = f" [{msgctxt}]" if msgctxt else ""
                print(f"{path}:{entry['line']}: {problem}{context}: {msgid[:80]!r}")
                failures += 1
    if failures:
        print(f"{failures} translation problem(s); translate them and run `make compilemessages`.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
