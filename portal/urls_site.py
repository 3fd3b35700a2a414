from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("municipalities/", views.municipality_list, name="municipalities"),
    path("municipalities/<slug:code>/", views.municipality_detail, name="municipality"),
    path("search/", views.search, name="search"),
]
