from django.db import models
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    title = models.CharField("网站名称", max_length=60, default="平安创建工作平台")
    organiser = models.CharField("主办单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    icp_number = models.CharField("备案号", max_length=60, blank=True)

    class Meta:
        verbose_name = "网站设置"
