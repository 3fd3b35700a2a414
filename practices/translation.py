from modeltranslation.translator import TranslationOptions, register

from practices.models import Attachment, Practice, PracticeImage, Resource, Tag, Theme


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "problem", "actions", "results", "body", "partners", "contact_position")


@register(PracticeImage)
class PracticeImageTranslationOptions(TranslationOptions):
    fields = ("caption",)


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "description")
