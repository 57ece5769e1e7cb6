"""URLs of the office's 公示与表彰 under the Wagtail admin: /admin/honours/…"""

from django.urls import path

from honours.office import roll, views

app_name = "honours_office"

urlpatterns = [
    path("", views.index, name="index"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/objections/", views.objections, name="objections"),
    path("objections/<int:pk>/settle/", views.objection_settle, name="objection_settle"),
    path("objections/<int:pk>/attachment/", views.objection_attachment, name="objection_attachment"),
    path("commendations/new/", views.commendation_create, name="commendation_create"),
    path("honours/", roll.honours, name="honours"),
    path("honours/results/", roll.honours_results, name="honours_results"),
    path("honours/<int:pk>/revoke/", roll.honour_revoke, name="honour_revoke"),
]
