from django.urls import path

from magazine.views import downloads, orders, reading

app_name = "magazine"

urlpatterns = [
    path("magazine/", reading.issue_index, name="index"),
    path("magazine/subscribe/", orders.subscribe, name="subscribe"),
    path("magazine/orders/<str:reference>/", orders.order_detail, name="order"),
    path("magazine/<int:year>/<int:number>/", reading.issue_detail, name="issue"),
    path("magazine/<int:year>/<int:number>/buy/", orders.buy, name="buy"),
    path("magazine/<int:year>/<int:number>/pdf/<str:language>/", downloads.edition, name="download"),
    path("magazine/<int:year>/<int:number>/<slug:slug>/", reading.article_detail, name="article"),
]
