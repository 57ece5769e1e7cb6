"""Private storage for nomination photos and attachments.

They hold personal data (faces, ID cards in scans), so they live outside MEDIA_ROOT
under `settings.PRIVATE_MEDIA_ROOT`, are never served by the web server, and reach
a browser only through `nominations:nomination_file`, which checks access first.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateMediaStorage(FileSystemStorage):
    """A FileSystemStorage rooted at PRIVATE_MEDIA_ROOT, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        # Tests override PRIVATE_MEDIA_ROOT; forget the location computed before.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("私有文件没有公开地址，请通过工作台的下载链接访问。")


_storage = PrivateMediaStorage()


def private_storage() -> PrivateMediaStorage:
    """The storage of `NominationFile.file` (a callable, so migrations name this function)."""
    return _storage


def stored_name(original_name: str) -> str:
    """A random file name keeping the extension: nothing personal in paths on disk."""
    extension = os.path.splitext(original_name)[1].lower()[:10]
    return f"{uuid.uuid4().hex}{extension}"
