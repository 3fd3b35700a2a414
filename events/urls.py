from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="index"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("events/<slug:slug>/calendar.ics", views.calendar, name="calendar"),
    path("events/<slug:slug>/materials/<int:pk>/", views.material, name="material"),
]
