"""allauth's account and second-factor pages in the site's frame.

Checked on every page: labelled fields, linked help and errors, heading order, no inline script or
style (the Content-Security-Policy forbids them), German and English.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

PASSWORD = "Sehr-geheimes-Passwort-1"
SKIP_LINK = "Zum Inhalt springen"
# Inputs a person never types into; everything else needs a visible label.
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageStructure(HTMLParser):
    """Collects what the accessibility and CSP checks below look at, from the raw HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.label_targets: set[str] = set()
        self.fields: list[dict] = []
        self.described_by: list[str] = []
        self.headings: list[int] = []
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.forms: list[dict] = []
        self.images: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if "style" in attrs:
            self.style_attributes.append(tag)
        if attrs.get("aria-describedby"):
            self.described_by.extend(attrs["aria-describedby"].split())
        if tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in UNLABELLED_INPUT_TYPES:
            self.fields.append(attrs)
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        elif tag == "style":
            self.style_elements += 1
        elif tag == "form":
            self.forms.append(attrs)
        elif tag == "img":
            self.images.append(attrs)

    handle_startendtag = handle_starttag

    def field(self, field_id: str) -> dict:
        return next(f for f in self.fields if f.get("id") == field_id)


def url(name: str, lang: str = "de") -> str:
    # Pages live under i18n_patterns: German without prefix, English under /en/.
    with translation.override(lang):
        return reverse(name)


def assert_accessible_page(response, *, lang: str = "de") -> PageStructure:
    assert response.status_code == 200
    html = response.content.decode()
    page = PageStructure(html)
    assert f'<html lang="{lang}">' in html
    assert 'class="skip-link" href="#main"' in html  # rendered by our base.html, not allauth's bare layout
    if lang == "de":
        assert SKIP_LINK in html
    unlabelled = [f.get("name") for f in page.fields if f.get("id") not in page.label_targets]
    assert unlabelled == [], f"inputs without <label for>: {unlabelled}"
    missing = [ref for ref in page.described_by if ref not in page.ids]
    assert missing == [], f"aria-describedby points to missing ids: {missing}"
    assert page.headings.count(1) == 1, f"expected one h1, got headings {page.headings}"
    assert page.headings[0] == 1
    jumps = [(a, b) for a, b in zip(page.headings, page.headings[1:]) if b > a + 1]
    assert jumps == [], f"heading levels skipped: {jumps}"
    assert page.inline_scripts == 0, "inline <script> is blocked by the Content-Security-Policy"
    assert page.style_elements == 0, "<style> is blocked by the Content-Security-Policy"
    assert page.style_attributes == [], f"style= attributes on {page.style_attributes}"
    for image in page.images:
        assert "alt" in image
    return page


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts login attempts in the cache, which outlives a test's database transaction."""
    cache.clear()


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user(username="erika", email="erika@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def member_client(client, member):
    """Logged in through allauth's own form, so the session records how the member authenticated."""
    response = client.post(url("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_visitor_can_use_entrance_page_in_site_frame(client, name):
    page = assert_accessible_page(client.get(url(name)))
    assert page.fields, "the page shows its form"
    assert all(form.get("method") == "post" for form in page.forms)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_email", "account_change_password", "mfa_index", "account_logout"])
def test_member_can_use_settings_page_in_site_frame(member_client, name):
    response = member_client.get(url(name))
    assert_accessible_page(response)
    assert "Brotkrümelnavigation" in response.content.decode()  # the way back to "Mein Konto"


@pytest.mark.django_db
def test_member_can_log_out_only_by_post(member_client):
    logout_url = url("account_logout")
    response = member_client.get(logout_url)
    assert_accessible_page(response)
    main = response.content.decode().split('<main id="main"', 1)[1]
    post_form = rf'<form method="post" action="{re.escape(logout_url)}"[^>]*>.*?<button type="submit"'
    assert re.search(post_form, main, re.S)
    assert f'<a href="{logout_url}"' not in main


@pytest.mark.django_db
def test_visitor_sees_error_summary_and_field_error_after_empty_login(client):
    response = client.post(url("account_login"), {"login": "", "password": ""})
    page = assert_accessible_page(response)
    html = response.content.decode()
    assert '<div class="error-summary" role="alert"' in html
    assert '<a href="#id_login">' in html  # the summary leads to the field
    assert '<p class="error" id="id_login_error">' in html
    login_field = page.field("id_login")
    assert login_field["aria-invalid"] == "true"
    assert "id_login_error" in login_field["aria-describedby"].split()
    assert "Fehler:" in html.split("</title>")[0]


@pytest.mark.django_db
def test_visitor_sees_error_summary_after_wrong_password(client, member):
    response = client.post(url("account_login"), {"login": member.email, "password": "falsch"})
    assert_accessible_page(response)
    html = response.content.decode()
    summary = html.split('<div class="error-summary" role="alert"', 1)[1].split("</div>", 1)[0]
    # A wrong password is a non-field error: it must still be announced.
    assert "<li>" in summary


@pytest.mark.django_db
def test_visitor_sees_help_and_errors_linked_on_failed_signup(client):
    data = {"email": "keine-adresse", "name": "", "password1": "1", "password2": "2"}
    response = client.post(url("account_signup"), data)
    page = assert_accessible_page(response)
    assert page.field("id_email")["aria-invalid"] == "true"
    # Profile fields come from our AccessibleForm, the password fields from allauth: both link their help text.
    assert "id_organisation_help" in page.field("id_organisation")["aria-describedby"].split()
    assert any(ref.startswith("id_password1_help") for ref in page.field("id_password1")["aria-describedby"].split())


@pytest.mark.django_db
def test_member_can_read_totp_secret_as_text_after_reauthentication(member_client):
    activate_url = url("mfa_activate_totp")
    response = member_client.get(activate_url)
    assert response.status_code == 302  # allauth asks for the password again first
    reauthenticate_url = response["Location"]
    assert_accessible_page(member_client.get(reauthenticate_url))
    assert member_client.post(reauthenticate_url, {"password": PASSWORD}).status_code == 302

    response = member_client.get(activate_url)
    page = assert_accessible_page(response)
    secret = response.context["form"].secret
    (qr_code,) = [image for image in page.images if image["src"].startswith("data:image/")]
    assert qr_code["alt"] and secret not in qr_code["alt"]
    secret_field = page.field("authenticator_secret")
    assert secret_field["value"] == secret
    assert "readonly" in secret_field and "disabled" not in secret_field


@pytest.mark.django_db
def test_member_with_second_factor_sees_accessible_code_and_recovery_pages(client, member):
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    response = client.post(url("account_login"), {"login": member.email, "password": PASSWORD})
    assert response["Location"] == url("mfa_authenticate")
    assert_accessible_page(client.get(url("mfa_authenticate")))

    response = client.post(url("mfa_authenticate"), {"code": "000000"})
    page = assert_accessible_page(response)
    assert '<div class="error-summary" role="alert"' in response.content.decode()
    assert page.field("id_code")["aria-invalid"] == "true"

    client.force_login(member)
    assert client.post(url("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    page = assert_accessible_page(client.get(url("mfa_view_recovery_codes")))
    assert "readonly" in page.field("recovery_codes")


@pytest.mark.django_db
def test_visitor_can_read_login_page_in_english(client):
    login_url = url("account_login", lang="en")
    assert login_url.startswith("/en/")
    response = client.get(login_url)
    assert_accessible_page(response, lang="en")
    html = response.content.decode()
    assert "Sign In" in html
    assert ">Password" in html
    assert "Anmeldung" not in html
