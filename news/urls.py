from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="index"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
    path("feeds/news/", feeds.LatestNewsFeed(), name="feed"),
]
