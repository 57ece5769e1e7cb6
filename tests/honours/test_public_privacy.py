"""DOMAIN.md §4: ID numbers and phone numbers never appear on any public page, file, feed
or search result. Crawls the whole public site of a demo at the `commended` stage, as an
anonymous visitor, following every link (pages, certificates, spreadsheets)."""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from honours.models import Honour, HonourRollPage, NoticePage
from nominations.models import Nominee
from portal.demo import december

pytestmark = pytest.mark.django_db

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
PRIVATE = ("/admin/", "/workbench/", "/accounts/", "/captcha/", "/static/", "/documents/")


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "spreadsheet" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        try:
            return "\n".join(
                " ".join(str(v) for v in row if v is not None)
                for ws in book.worksheets
                for row in ws.iter_rows(values_only=True)
            )
        finally:
            book.close()
    return content.decode("utf-8")


def _links(html: str, base: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(["a", "link", "form"]):
        href = tag.get("href") or tag.get("action")
        if not href or href.startswith(("mailto:", "tel:", "#", "javascript:")):
            continue
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_no_id_number_or_mobile_anywhere_public(client, demo):
    december.advance(demo, to="commended")
    secrets = {n.id_number for n in Nominee.objects.exclude(id_number="")}
    secrets |= {n.mobile for n in Nominee.objects.exclude(mobile="")}
    assert len(secrets) > 10  # the demo's individuals have both

    roll = HonourRollPage.objects.get().url
    start = ["/", roll, f"{roll}?q=网格员", f"{roll}?q=家庭", f"{roll}?q=王&year=2018"]
    start += [p.url for p in NoticePage.objects.live()]
    queue, seen, kinds = deque(start), set(start), set()
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302):
            continue
        assert response.status_code in (200, 410), path
        text = _text(response)
        kinds.add(response.get("Content-Type", "").split(";")[0])
        leaked = [s for s in secrets if s in text] + ID_NUMBER.findall(text) + MOBILE.findall(text)
        assert leaked == [], f"{path} shows {leaked}"
        if "html" in response.get("Content-Type", ""):
            for link in _links(text, path):
                if link not in seen and not link.startswith(PRIVATE):
                    seen.add(link)
                    queue.append(link)
    # the crawl reached the notice, the decision, the certificates and the spreadsheet
    assert {"text/html", "application/pdf"} <= kinds
    assert any("spreadsheet" in k for k in kinds)
    certificates = [p for p in seen if p.startswith("/honours/certificates/")]
    assert len(certificates) >= Honour.objects.count() // 2
