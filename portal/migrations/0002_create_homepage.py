from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace wagtailcore's placeholder page with the portal's home page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("portal.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portal")
    home = HomePage.objects.create(
        title="平安创建",
        draft_title="平安创建",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="平安创建"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("portal.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
