from django import template

from accounts.visibility import can_view

register = template.Library()


@register.filter
def may_view(user, visibility):
    """`{% if user|may_view:"deputies" %}` — asks accounts.visibility, the one place of the rule."""
    return can_view(user, visibility)
