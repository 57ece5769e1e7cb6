"""Stored uploads sent back as downloads (nomination files, filing attachments, objection
evidence, export files): one way to open them, answer 404 when a file is gone, and keep
shared caches and content sniffing away."""

from __future__ import annotations

from django.http import FileResponse, Http404


def stored_file_response(
    field_file,
    *,
    filename: str,
    as_attachment: bool = True,
    cache_control: str = "private, no-cache",
    content_type: str | None = None,
) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在。") from exc
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename or "附件", content_type=content_type
    )
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
