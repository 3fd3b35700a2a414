from django.urls import path

from magazine import views

app_name = "magazine"

urlpatterns = [
    path("", views.issue_index, name="index"),
]
