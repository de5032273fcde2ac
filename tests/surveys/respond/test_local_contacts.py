"""The contacts an administrator sets show on the respondent pages; without them, the pages promise nothing."""

import pytest

from surveys.models import LocalContact, db
from tests.surveys.respond.helpers import answer_parent_survey, submit
from tests.surveys.respond.test_complaint_choice import ANGRY, choose

SENDIASS = {"kind": "sendiass", "name": "Northshire SENDIASS", "phone": "01632 960 001",
            "email": "advice@example.org", "web_address": "https://www.example.org/sendiass"}
MEDIATION = {"kind": "mediation", "name": "Calm Mediation", "phone": "", "email": "talk@example.org",
             "web_address": ""}
COMPLAINTS = {"kind": "complaints", "name": "Northshire complaints team", "phone": "01632 960 002", "email": "",
              "web_address": ""}
LOCAL_OFFER = {"kind": "local_offer", "name": "Northshire Local Offer", "phone": "", "email": "",
               "web_address": "https://localoffer.example.org"}


def set_contacts(*contacts):
    db.session.add_all(LocalContact(**contact) for contact in contacts)
    db.session.commit()


def after_angry_survey(client_request, choice):
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    return choose(client_request, choice, contact_email="parent@example.com")


def test_sendiass_contact_when_set(client_request, parent_survey):
    set_contacts(SENDIASS)
    page = after_angry_survey(client_request, "sendiass")
    main = page.select_one("main")
    assert "Northshire SENDIASS" in main.get_text()
    assert main.select_one("a[href='tel:01632960001']").get_text() == "01632 960 001"
    assert main.select_one("a[href='mailto:advice@example.org']") is not None
    assert main.select_one("a[href='https://www.example.org/sendiass']") is not None
    assert "Search for “SENDIASS”" not in main.get_text()


def test_sendiass_without_a_contact_suggests_searching(client_request, parent_survey):
    main = after_angry_survey(client_request, "sendiass").select_one("main")
    assert "Search for “SENDIASS” and the name of your area" in main.get_text()
    assert main.select_one("a[href^='tel:']") is None


def test_mediation_contact_when_set(client_request, parent_survey):
    set_contacts(MEDIATION)
    main = after_angry_survey(client_request, "mediation").select_one("main")
    assert "Calm Mediation" in main.get_text() and main.select_one("a[href='mailto:talk@example.org']")
    assert "Contact the SEND team" not in main.get_text()


def test_mediation_without_a_contact(client_request, parent_survey):
    assert "Contact the SEND team" in after_angry_survey(client_request, "mediation").select_one("main").get_text()


def test_formal_complaint_shows_the_complaints_team_and_local_offer(client_request, parent_survey):
    set_contacts(COMPLAINTS, LOCAL_OFFER)
    main = after_angry_survey(client_request, "formal_complaint").select_one("main")
    assert "Northshire complaints team" in main.get_text()
    assert main.select_one("a[href='tel:01632960002']") is not None
    assert main.select_one("a[href='https://localoffer.example.org']").get_text() == "Northshire Local Offer"


def test_done_page_names_the_advice_service_and_links_the_local_offer(client_request, parent_survey):
    set_contacts(SENDIASS, LOCAL_OFFER)
    answer_parent_survey(client_request, better=ANGRY)
    submit(client_request)
    main = client_request.get("/respond/survey/done").select_one("main")
    assert "advice for families about SEND, from Northshire SENDIASS." in main.get_text()
    assert main.select_one("a[href='https://localoffer.example.org']") is not None


def send_case(client_request, kind="complaint"):
    client_request.post("/respond/comment", {"kind": kind, "details": "The transport did not arrive.",
                                             "contact_email": "p@example.com"})
    return client_request.get("/respond/comment/sent").select_one("main")


@pytest.mark.parametrize("kind", ["complaint", "comment"])
def test_case_sent_page(client_request, kind):
    set_contacts(SENDIASS, COMPLAINTS, LOCAL_OFFER)
    main = send_case(client_request, kind)
    assert ("Northshire complaints team" in main.get_text()) == (kind == "complaint")
    assert "Northshire SENDIASS" in main.get_text()
    assert main.select_one("a[href='https://localoffer.example.org']") is not None


def test_case_sent_page_without_contacts_promises_nothing(client_request):
    main = send_case(client_request)
    assert main.select_one("a[href^='tel:'], a[href^='mailto:']") is None
    assert "Local Offer" not in main.get_text()
