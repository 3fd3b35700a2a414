from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_index, name="index"),
    path("deputies/", views.deputies, name="deputies"),
]
