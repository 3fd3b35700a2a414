from modeltranslation.translator import TranslationOptions, register

from events.models import Event, Material


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "place", "organizer")


@register(Material)
class MaterialTranslationOptions(TranslationOptions):
    fields = ("title",)
