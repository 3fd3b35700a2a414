"""The admin's form media with the request's Content-Security-Policy nonce.

django-prose-editor writes its import map inline (`<script type="importmap">`), which a policy
without 'unsafe-inline' blocks unless it carries the nonce. django-js-asset's Media, which the
editor uses, renders a nonce on every tag it writes; this hands it the request's. Reading
request.csp_nonce is what makes django-csp add the nonce to the header, so only the admin's change
forms (never cached) have one; public pages never read it.
"""

from django import template
from js_asset.media import Media

register = template.Library()


@register.filter
def with_csp_nonce(media, nonce):
    """{{ media|with_csp_nonce:request.csp_nonce }}"""
    # django-csp's lazy nonce is falsy until read: str() reads it, which puts it in the header.
    return Media.from_media(media, nonce=str(nonce) if nonce is not None else "")
