from modeltranslation.translator import TranslationOptions, register

from magazine.models import Article, Issue, Plan, Rubric


@register(Rubric)
class RubricTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Issue)
class IssueTranslationOptions(TranslationOptions):
    fields = ("title", "editorial")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("name", "description")
