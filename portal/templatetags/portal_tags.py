from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from portal.i18n import field_in_language

register = template.Library()

# Names of the languages in themselves, as a reader looks for their own.
LANGUAGE_SELF_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def _switch_url(path, code):
    url = translate_url(path, code)
    if url == path:
        # Not resolvable (a 404 page, say): swap the prefix so the reader still lands in their language.
        parts = path.split("/", 2)
        prefixes = {lang for lang, _name in settings.LANGUAGES}
        if len(parts) > 1 and parts[1] in prefixes:
            url = "/" + code + "/" + (parts[2] if len(parts) > 2 else "")
    return url


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    languages = [
        {
            "code": code,
            "name": LANGUAGE_SELF_NAMES.get(code, code),
            "url": _switch_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"languages": languages}


@register.simple_tag
def self_named_languages():
    """[(code, name in itself)] for a language picker: a reader looks for their own language's name."""
    return [(code, LANGUAGE_SELF_NAMES.get(code, name)) for code, name in settings.LANGUAGES]


@register.simple_tag
def translated(obj, field):
    """Render a translated field; when it is shown in another language, mark it and say so.

    `{% translated municipality "name" %}`
    """
    text, code = field_in_language(obj, field)
    current = get_language()
    if not code or code == current:
        return text
    language_name = get_language_info(code)["name_translated"]
    note = gettext("in %(language)s: not yet translated") % {"language": language_name}
    return format_html('<span lang="{}">{}</span> <small class="fallback-note">({})</small>', code, text, note)


@register.simple_tag
def translated_html(obj, field):
    """Like `translated`, for a rich-text field (sanitized when saved, see practices.richtext):
    the HTML is rendered, and a fallback is wrapped in a block marked with its language.

    `{% translated_html practice "results" %}`
    """
    text, code = field_in_language(obj, field)
    current = get_language()
    if not code:
        return ""
    if code == current:
        return mark_safe(text)  # noqa: S308 (sanitized by RichTextField on save)
    language_name = get_language_info(code)["name_translated"]
    note = gettext("in %(language)s: not yet translated") % {"language": language_name}
    return format_html(
        '<p class="fallback-note">({})</p><div lang="{}">{}</div>',
        note,
        code,
        mark_safe(text),  # noqa: S308 (sanitized by RichTextField on save)
    )


@register.filter
def startswith(text, prefix):
    return bool(prefix) and str(text).startswith(str(prefix))


@register.simple_tag
def elided_page_range(page):
    """`{% elided_page_range page_obj as numbers %}`: 1 2 … 9 10 11 … 40 41."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*args):
    """`{% breadcrumbs "Practices" practices_url "Water" %}`: title, url pairs; the last title is the current page."""
    args = list(args)
    crumbs = [(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]
    if len(args) % 2:
        crumbs.append((args[-1], None))
    return {"crumbs": crumbs}


class SharedContentNode(template.Node):
    def __init__(self, nodelist, name, spec):
        self.nodelist, self.name, self.spec = nodelist, name, spec

    def render(self, context):
        spec = self.spec.resolve(context) or {}
        seconds, key = spec.get("seconds"), spec.get("key")
        if not seconds or not key:
            return self.nodelist.render(context)
        return shared_fragment(f"fragment:{self.name}:{key}", seconds, lambda: self.nodelist.render(context))


def shared_fragment(key, seconds, render):
    """render(), kept under `key`; a cache that is away costs the rendering, never an error."""
    from django.core.cache import cache

    try:
        value = cache.get(key)
    except Exception:
        return render()
    if value is None:
        value = render()
        try:
            cache.set(key, value, seconds)
        except Exception:  # noqa: S110 (the page is served; portal.datacache logs the cache's absence)
            pass
    return mark_safe(value)  # noqa: S308 (our own rendered template output)


@register.tag
def sharedcontent(parser, token):
    """{% sharedcontent name content_cache %}...{% endsharedcontent %}: the block kept in the cache under
    the key portal.datacache.content_fragment made (content version, visibilities, language, path)."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% sharedcontent name content_cache %} takes two arguments")
    nodelist = parser.parse(("endsharedcontent",))
    parser.delete_first_token()
    return SharedContentNode(nodelist, bits[1], parser.compile_filter(bits[2]))
