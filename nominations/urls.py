"""The workbench (工作台) of counties and departments: /workbench/…"""

from django.urls import path

from nominations.views import spreadsheets, workbench

app_name = "nominations"

urlpatterns = [
    # nominees and their titles
    path("nominees/", workbench.nominee_list, name="nominee_list"),
    path("nominees/new/", workbench.nominee_create, name="nominee_create"),
    path("nominees/<int:pk>/", workbench.nominee_detail, name="nominee_detail"),
    path("nominees/<int:pk>/edit/", workbench.nominee_edit, name="nominee_edit"),
    path("titles/", workbench.title_list, name="title_list"),
    path("titles/new/", workbench.title_create, name="title_create"),
    path("titles/template.xlsx", spreadsheets.title_template, name="title_template"),
    path("titles/import/", spreadsheets.title_import, name="title_import"),
    # demonstration sites
    path("demo-sites/", workbench.demo_site_list, name="demo_site_list"),
    path("demo-sites/new/", workbench.demo_site_create, name="demo_site_create"),
    # nominations
    path("nominations/", workbench.nomination_list, name="nomination_list"),
    path("nominations/export.xlsx", spreadsheets.nomination_export, name="nomination_export"),
    path("nominations/template.xlsx", spreadsheets.nomination_template, name="nomination_template"),
    path("nominations/import/", spreadsheets.nomination_import, name="nomination_import"),
    path("nominations/new/", workbench.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", workbench.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", workbench.nomination_edit, name="nomination_edit"),
    path("nominations/<int:pk>/history/", workbench.nomination_history, name="nomination_history"),
    path("nominations/<int:pk>/move/<slug:action>/", workbench.nomination_move, name="nomination_move"),
    path("nominations/<int:pk>/files/<int:file_id>/", workbench.nomination_file, name="nomination_file"),
]
