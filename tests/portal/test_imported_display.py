"""How an imported standard reads in the portal: safe rich text, subsection headings,
a single-language standard's one-line note, never an untranslated mark."""

from tests.helpers import page_text
from tests.portal.imported_standard import MARKED, send_standard

LINK_HTML = ('<a href="https://example.com/tls" rel="noopener noreferrer" '
             'target="_blank">the TLS guide</a>')


def test_texts_are_rich_and_subsections_head_their_question(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, _csrf, _id = send_standard(app, client, auth, make_vendor,
                                                    smtp_server, tmp_path)
    html = vendor_client.get(link).get_data(as_text=True)
    assert LINK_HTML in html
    assert "<p>How can users reach the application?</p>" in html  # paragraphs kept
    assert "[the TLS guide]" not in html
    transport = html.index('data-subsection="app_ssl"')
    assert transport < html.index('id="q-app_ssl"') < html.index('data-subsection="app_tools"')
    assert html.index('data-subsection="app_tools"') < html.index('id="q-app_tools"')
    assert "Transport security" in page_text(vendor_client.get(link))


def test_a_single_language_standard_says_so_once_in_the_other_language(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, _csrf, _id = send_standard(app, client, auth, make_vendor,
                                                    smtp_server, tmp_path)
    english = vendor_client.get(link).get_data(as_text=True)
    assert "data-only-in" not in english
    japanese = vendor_client.get(f"{link}?lang=ja").get_data(as_text=True)
    assert japanese.count('data-only-in="en"') == 1
    assert "How can users reach the application?" in japanese  # shown in its language
    assert "(未翻訳)" not in japanese


def test_an_untranslated_mark_never_reaches_the_respondent(
        app, client, auth, make_vendor, smtp_server, tmp_path):
    vendor_client, link, _csrf, _id = send_standard(app, client, auth, make_vendor,
                                                    smtp_server, tmp_path, MARKED, "marked")
    page = vendor_client.get(f"{link}?lang=ja")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "(未翻訳)" not in html
    assert "Is there a policy?" in html
    assert "Marked questionnaire" in html
    assert "(未翻訳)" not in vendor_client.get(f"{link}/submit").get_data(as_text=True)
