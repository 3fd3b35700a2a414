"""scripts/check_translations.py, run by `make check-translations` and CI, on small catalogues."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_translations.py"
spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
check_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_translations)

HEADER = r"""# Kyrgyz translations.
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

"""

COMPLETE = r"""#: templates/portal/home.html:3
msgid "Good practices"
msgstr "Мыкты тажрыйбалар"

#: accounts/admin.py:10
#, python-format
msgid "%(count)d member approved."
msgid_plural "%(count)d members approved."
msgstr[0] "%(count)d мүчө бекитилди."
msgstr[1] "%(count)d мүчө бекитилди."

#, python-format
msgid "Page %s of %d"
msgstr "%s-бет, бардыгы %d"

msgctxt "magazine"
msgid "Issue"
msgstr ""
"Са"
"ны"

#, fuzzy
#~ msgid "An old string"
#~ msgstr ""
"""


def write(tmp_path, body, name="django.po"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_it_passes_a_complete_catalogue_ignoring_header_and_obsolete_entries(tmp_path, capsys):
    assert check_translations.main([write(tmp_path, COMPLETE)]) == 0
    assert capsys.readouterr().out == ""


def test_it_fails_on_an_empty_msgstr(tmp_path, capsys):
    path = write(tmp_path, COMPLETE + '\nmsgid "Search"\nmsgstr ""\n')
    assert check_translations.main([path]) == 1
    assert "untranslated: 'Search'" in capsys.readouterr().out


def test_it_fails_on_an_empty_plural_form(tmp_path, capsys):
    body = COMPLETE.replace('msgstr[1] "%(count)d мүчө бекитилди."', 'msgstr[1] ""')
    assert check_translations.main([write(tmp_path, body)]) == 1
    assert "untranslated: '%(count)d member approved.'" in capsys.readouterr().out


def test_it_fails_on_a_fuzzy_entry(tmp_path, capsys):
    body = COMPLETE.replace("#: templates/portal/home.html:3\n", "#: templates/portal/home.html:3\n#, fuzzy\n")
    assert check_translations.main([write(tmp_path, body)]) == 1
    assert "fuzzy: 'Good practices'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("original", "broken"),
    [
        ('msgstr[0] "%(count)d мүчө бекитилди."', 'msgstr[0] "%(cnt)d мүчө бекитилди."'),
        ('msgstr[1] "%(count)d мүчө бекитилди."', 'msgstr[1] "мүчөлөр бекитилди."'),
        ('msgstr "%s-бет, бардыгы %d"', 'msgstr "%d-бет, бардыгы %s"'),
    ],
)
def test_it_fails_when_a_translation_changes_the_placeholders(tmp_path, capsys, original, broken):
    assert original in COMPLETE
    assert check_translations.main([write(tmp_path, COMPLETE.replace(original, broken))]) == 1
    assert "placeholders differ" in capsys.readouterr().out


def test_it_ignores_a_literal_percent_sign(tmp_path):
    body = COMPLETE + '\n#, python-format\nmsgid "%(share)s%% own funds"\nmsgstr "%(share)s%% өз каражаты"\n'
    assert check_translations.main([write(tmp_path, body)]) == 0


def test_it_fails_when_a_catalogue_is_missing(tmp_path, capsys):
    assert check_translations.main([write(tmp_path, COMPLETE), tmp_path / "ru" / "django.po"]) == 1
    assert "catalogue missing" in capsys.readouterr().out
