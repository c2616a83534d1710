"""The demo crawl: every page and download a demo user can reach from the start page
(and the vendor from the link the demo prints), in English and Japanese, must answer
200 and read cleanly: no server error, no link that answers 4xx to the user it is
shown to, no raw exception or Python repr (``<Vendor 1>``, ``None``, ``Decimal(``,
``datetime.``, ``Role.ADMIN``) in pages, the PDFs' text or the CSV and Excel exports,
and no stored code where a label belongs (``awaiting_approval``) in pages and PDFs.

The demo is seeded once, as ``vendorrisk demo`` seeds it, and each role crawls its own
copy of it. Only same-site links are followed, with GET: forms (logout included) are
never sent; the language is asked for on every request instead of following the
switch; a page's query-string variants (pages, sort orders, filters) are followed up
to PER_FAMILY times. A PDF's content does not depend on who asks, so each distinct PDF
is rendered once per language per run, by the first role that meets it. A failure
names the user, the language, the address and what was wrong.
"""

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from flask import got_request_exception
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import insert, select, text

from tests.conftest import ON_POSTGRESQL, CsrfClient, _empty_tables, app_config
from vendorrisk import create_app
from vendorrisk.auth.models import Role
from vendorrisk.edges.cli.demo import DEMO_PASSWORD, DEMO_USERS, Demo, run_demo
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

LANGUAGES = ("en", "ja")
# query-string variants (pages, sort orders, filters, a questionnaire's sections)
# followed per page: enough for every section, not every page of every order
PER_FAMILY = 12
RENDERED_PDFS: set[str] = set()  # shared by the roles' crawls (see the docstring)
REPORTS = re.compile(r"\.pdf$|^/reports/runs/\d+/file$")  # made by the app, text checked

LEAKS = {
    "a traceback": re.compile(r"Traceback \(most recent call last\)"),
    "an exception name": re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b"),
    "a Python repr": re.compile(r"<[A-Z][\w.]*[ :][^<>]{0,80}>|\bobject at 0x[0-9a-f]+"
                                r"|<(?:function|bound method|built-in|module) "),
    # "None" alone, not the word in a sentence ("None yet.", "None of these")
    "None": re.compile(r"(?<![\w-])None(?=$|\s*[^\w\s.]|\s+[^a-z\s])"),
    "a Decimal": re.compile(r"\bDecimal\("),
    "a datetime repr": re.compile(r"\bdatetime\.\w+\(|\bdatetime\.|\btimedelta\("),
    "an enum member": re.compile(r"\b[A-Z][a-zA-Z]+\.[A-Z][A-Z_]{2,}\b"),
    "a dict or list repr": re.compile(r"\{'\w+': |\['\w+'(?:, '\w+')*\]"),
    "an untranslated lazy string": re.compile(r"\blazy_?string\b|\bLazyString\b"),
}


def enum_codes() -> re.Pattern[str]:
    """Every stored enum value with an underscore (``awaiting_approval``): shown bare in
    a page's text it is a code where a label belongs."""
    codes = {member.value for table in db.metadata.tables.values()
             for column in table.columns
             for member in getattr(column.type, "enum_class", None) or ()
             if "_" in member.value}
    return re.compile(r"(?<![\w./#=-])(" + "|".join(sorted(codes)) + r")(?![\w./-])")


class Page(HTMLParser):
    """A page's links and the text a reader sees, the values filled into its fields
    included (code samples and scripts left out)."""

    HIDDEN = {"script", "style", "code", "pre"}
    UNSEEN_INPUTS = {"hidden", "checkbox", "radio"}

    def __init__(self, body: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.parts: list[str] = []
        self._hidden = 0
        self.feed(body)
        self.text = re.sub(r"\s+", " ", " ".join(self.parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        if tag == "input" and found.get("type") not in self.UNSEEN_INPUTS:
            self.parts.append(found.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


@dataclass
class Crawl:
    """One user's walk through the site in one language."""

    client: CsrfClient
    who: str
    language: str
    codes: re.Pattern[str]
    stored: set[str] = field(default_factory=set)  # uploads: the same in any language
    scope: str = "/"  # only addresses under this are followed
    failures: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    families: Counter[tuple[str, tuple[str, ...]]] = field(default_factory=Counter)

    def run(self, start: str) -> list[str]:
        queue = [start]
        self.seen.add(start)
        while queue:
            url = queue.pop(0)
            queue.extend(self.visit(url))
        return self.failures

    def fail(self, url: str, problem: str) -> None:
        self.failures.append(f"{self.who} [{self.language}] {url}: {problem}")

    def admit(self, href: str, base: str) -> str | None:
        """The URL to fetch for ``href`` found on ``base``, or None to leave it."""
        parts = urlsplit(urljoin("http://localhost" + base, href))
        if parts.scheme != "http" or parts.netloc != "localhost" or \
                not parts.path.startswith(self.scope):
            return None  # another site, mailto:, javascript:
        query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k != "lang" or parts.path.endswith(".pdf"))
        url = parts.path + ("?" + urlencode(query) if query else "")
        if url in self.seen:
            return None
        if query:
            family = (parts.path, tuple(sorted({k for k, _ in query})))
            self.families[family] += 1
            if self.families[family] > PER_FAMILY:
                return None
        self.seen.add(url)
        return url

    def visit(self, url: str) -> list[str]:
        path = url.split("?")[0]
        asked = url if "lang=" in url else url + ("&" if "?" in url else "?") + \
            f"lang={self.language}"
        if url in self.stored or asked in RENDERED_PDFS:
            return []
        if path.endswith(".pdf"):
            RENDERED_PDFS.add(asked)
        response = self.client.get(asked)
        try:
            return self.read(url, path, response)
        finally:
            response.close()  # a download streams its file until closed

    def read(self, url: str, path: str, response) -> list[str]:
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.admit(response.headers["Location"], path)
            return [target] if target else []
        if response.status_code != 200:
            problem = self.client.application.crawl_error
            self.fail(url, f"status {response.status_code}" + (f" ({problem})" if problem
                                                                   else ""))
            self.client.application.crawl_error = None
            return []
        kind = response.mimetype
        if kind == "text/html":
            page = Page(response.get_data(as_text=True))
            self.check(url, page.text, codes=True)
            return [target for href in page.links if (target := self.admit(href, path))]
        if kind == "application/pdf" and REPORTS.search(path):  # not an upload
            reader = PdfReader(io.BytesIO(response.data))
            self.check(url, " ".join(page.extract_text() for page in reader.pages),
                       codes=True)
        elif kind == "text/csv":
            self.check(url, response.get_data(as_text=True))
        elif "spreadsheetml" in kind:
            book = load_workbook(io.BytesIO(response.data), read_only=True)
            self.check(url, " ".join(str(cell) for sheet in book.worksheets
                                     for row in sheet.iter_rows(values_only=True)
                                     for cell in row if cell is not None))
            book.close()
        elif response.headers.get("Content-Disposition", "").startswith("attachment"):
            self.stored.add(url)
        return []

    def check(self, url: str, text: str, *, codes: bool = False) -> None:
        patterns = [*LEAKS.items(), *([("a code for a label", self.codes)] if codes else [])]
        for what, pattern in patterns:
            if found := pattern.search(text):
                context = text[max(0, found.start() - 60):found.end() + 40]
                self.fail(url, f"{what} in the text: …{context}…")


def _keep_error(sender, exception, **extra) -> None:
    sender.crawl_error = f"{type(exception).__name__}: {exception}"


@dataclass(frozen=True)
class Seeded:
    """The demo as ``run_demo`` left it: the printed logins and link, every row, and the
    folder of its uploads (which a GET-only crawl never changes)."""

    demo: Demo
    rows: dict[str, list[dict]]
    uploads: str


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, _postgresql_schema) -> Seeded:
    """The demo seeded once for the module; each test copies it into its own database
    (several times faster than seeding again, on PostgreSQL most of all)."""
    folder = tmp_path_factory.mktemp("demo")
    uploads = str(folder / "uploads")
    app = create_app(app_config(folder, UPLOAD_FOLDER=uploads))
    with app.app_context():
        if ON_POSTGRESQL:
            _empty_tables()
        else:
            db.create_all()
        demo = run_demo(now=utcnow())
        rows = {table.name: [dict(row._mapping) for row in db.session.execute(select(table))]
                for table in db.metadata.sorted_tables}
        db.session.remove()
        db.engine.dispose()
    return Seeded(demo, rows, uploads)


def _keep_error(sender, exception, **extra) -> None:
    sender.crawl_error = f"{type(exception).__name__}: {exception}"


@pytest.fixture
def demo(app, seeded) -> Iterator[Demo]:
    """This test's own copy of the demo; errors answer as 500 pages (the exception kept
    for the report) instead of stopping the crawl."""
    app.config.update(PROPAGATE_EXCEPTIONS=False, UPLOAD_FOLDER=seeded.uploads)
    app.test_client_class = CsrfClient
    app.crawl_error = None
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if seeded.rows[table.name]:
                db.session.execute(insert(table), seeded.rows[table.name])
        if ON_POSTGRESQL:  # the next id of each table, as after seeding
            for table in db.metadata.sorted_tables:
                if "id" in table.columns and seeded.rows[table.name]:
                    db.session.execute(text(
                        "SELECT setval(pg_get_serial_sequence(:name, 'id'), :last)"),
                        {"name": table.name,
                         "last": max(row["id"] for row in seeded.rows[table.name])})
        db.session.commit()
        app.crawl_codes = enum_codes()
    got_request_exception.connect(_keep_error, app)
    yield seeded.demo
    got_request_exception.disconnect(_keep_error, app)


@pytest.mark.parametrize("email", [user[0] for user in DEMO_USERS])
def test_every_page_a_demo_user_reaches_works(app, demo, email):
    failures, stored = [], set()
    for language in LANGUAGES:
        client = app.test_client()
        response = client.post("/auth/login", data={"email": email,
                                                    "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.text
        crawl = Crawl(client, email, language, app.crawl_codes, stored)
        failures += crawl.run("/")
        assert {"/dashboard/", "/vendors/", "/assessments/"} <= crawl.seen  # logged in
    assert not failures, "\n".join(failures)


def test_every_page_works_for_a_demo_user_signed_in_through_the_company_provider(
        app, demo, sso):
    """The demo's administrator links their account at the company's identity provider
    (tests/sso.py) on the account page, then crawls signed in through it alone."""
    sub = sso.user(Role.ADMIN)
    linking = app.test_client()
    linking.post("/auth/login", data={"email": "admin@example.com", "password": DEMO_PASSWORD})
    response = sso.link(linking, sub)
    assert response.headers["Location"] == "/auth/account#sign-in", response.text
    failures, stored = [], set()
    for language in LANGUAGES:
        client = app.test_client()
        response = sso.sign_in(client, sub)
        assert response.status_code == 302, response.text
        assert "/auth/login" not in response.headers["Location"]
        crawl = Crawl(client, "admin@example.com", language, app.crawl_codes, stored)
        failures += crawl.run("/")
        assert {"/dashboard/", "/vendors/", "/auth/users"} <= crawl.seen
    assert not failures, "\n".join(failures)


def test_every_page_of_the_demo_vendor_link_works(app, demo):
    start = urlsplit(demo.portal_link).path
    failures = []
    for language in LANGUAGES:
        crawl = Crawl(app.test_client(), "vendor respondent", language, app.crawl_codes)
        failures += crawl.run(start)
        assert f"{start}/submit" in crawl.seen
    assert not failures, "\n".join(failures)
