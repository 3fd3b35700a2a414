from django.urls import path

from practices import feeds
from practices.views import downloads, library, proposals, resources

app_name = "practices"

urlpatterns = [
    path("practices/", library.practice_list, name="index"),
    path("practices/propose/", proposals.propose, name="propose"),
    path("practices/propose/<slug:slug>/", proposals.edit_proposal, name="edit_proposal"),
    path("practices/themes/<slug:slug>/", library.theme, name="theme"),
    path("practices/<slug:slug>/", library.practice_detail, name="detail"),
    path("practices/<slug:slug>/files/<int:pk>/", downloads.attachment, name="attachment"),
    path("resources/", resources.resource_list, name="resources"),
    path("resources/<slug:slug>/", resources.resource_detail, name="resource"),
    path("resources/<slug:slug>/download/", downloads.resource_download, name="resource_download"),
    path("deputies/", resources.deputies, name="deputies"),
    path("gender-budgeting/", resources.gender_budgeting, name="gender_budgeting"),
    path("feeds/practices/", feeds.LatestPracticesFeed(), name="feed"),
    path("feeds/practices/<slug:slug>/", feeds.ThemePracticesFeed(), name="theme_feed"),
]
