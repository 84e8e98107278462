from datetime import date, timedelta

import pandas as pd
import pypdfium2
import pytest
import zxingcpp

import settings
from pipelines.errors import FileRefused, LinksUnreachable
from pipelines.landing.land import land
from pipelines.outreach.letter_layout import WINDOW, Sender
from pipelines.outreach.letters import make_invitation_letters, make_reminder_letters, read_sample
from pipelines.outreach.tokens import find_invitation, mark_completed
from pipelines.outreach.waves import open_wave
from tests.conftest import scalar

URL = "https://monitor.example.org"


@pytest.fixture
def sample_csv(tmp_path):
    path = tmp_path / "sample.csv"
    pd.DataFrame(
        {
            "reference": [f"BAR{i:04d}" for i in range(5)],
            "address": [f"Carer {i} (fictional, demo)|{i} Example Street|Barnsley|S70 9ZZ" for i in range(5)],
            "area": ["E08000016"] * 5,
            "sex": ["F", "M", "F", "M", "F"],
        }
    ).to_csv(path, index=False)
    return path


@pytest.fixture
def wave(con):
    today = date.today()
    return open_wave(con, "carer_experience", "2011-Q3", today, today + timedelta(days=30), [])


POINTS_PER_MM = 72 / 25.4


def page_texts(pdf_path) -> list[str]:
    """Each page's text, read back from the PDF, with runs of white space (line ends too) as one space."""
    return [" ".join(page.get_textpage().get_text_range().split()) for page in pypdfium2.PdfDocument(str(pdf_path))]


def window_texts(pdf_path) -> list[list[str]]:
    """The lines of text each page shows through the envelope window (PDF points, measured from the bottom)."""
    texts = []
    for page in pypdfium2.PdfDocument(str(pdf_path)):
        height = page.get_height()
        left, right = WINDOW.x * POINTS_PER_MM, (WINDOW.x + WINDOW.width) * POINTS_PER_MM
        top, bottom = height - WINDOW.y * POINTS_PER_MM, height - (WINDOW.y + WINDOW.height) * POINTS_PER_MM
        shown = page.get_textpage().get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        texts.append([line.strip() for line in shown.splitlines() if line.strip()])
    return texts


def decoded_links(pdf_path):
    links = []
    for page in pypdfium2.PdfDocument(str(pdf_path)):
        image = page.render(scale=2).to_pil()
        links.append([r.text for r in zxingcpp.read_barcodes(image)])
    return links


def test_each_sampled_carer_gets_one_page_whose_qr_code_is_a_link_that_works_once(con, wave, sample_csv, tmp_path):
    out = tmp_path / "letters.pdf"
    assert make_invitation_letters(con, wave, read_sample(sample_csv), out, public_url=URL) == 5
    pages = decoded_links(out)
    assert len(pages) == 5 and all(len(codes) == 1 for codes in pages)
    refs = []
    for (link,) in pages:
        assert link.startswith(URL + "/survey/carer_experience?token=")
        invitation = find_invitation(con, link.split("=", 1)[1])
        assert invitation is not None
        refs.append(invitation.sample_ref)
        assert mark_completed(con, invitation.invitation_id) is True
        assert mark_completed(con, invitation.invitation_id) is False
    assert refs == [f"BAR{i:04d}" for i in range(5)]


def test_addresses_are_printed_but_never_stored(con, wave, sample_csv, tmp_path):
    make_invitation_letters(con, wave, read_sample(sample_csv), tmp_path / "letters.pdf", public_url=URL)
    for (table,) in con.execute("select table_name from duckdb_tables()").fetchall():
        text = str(con.execute(f'select * from "{table}"').fetchall())
        assert "Example Street" not in text, table
    assert scalar(con, "select count(*) from wave_scope where wave_id = ? and sample_ref is not null", [wave]) == 5


def test_reminder_letters_go_only_to_carers_who_have_not_answered_with_a_new_code(con, wave, sample_csv, tmp_path):
    sample = read_sample(sample_csv)
    make_invitation_letters(con, wave, sample, tmp_path / "letters.pdf", public_url=URL)
    land(con, "carer_experience", [{"AREA": "E08000016", "_source_id": "BAR0001"}], source="paper", wave_id=wave)
    (first,) = decoded_links(tmp_path / "letters.pdf")[0]
    out = tmp_path / "reminders.pdf"
    assert make_reminder_letters(con, wave, sample, out, public_url=URL) == 4
    assert find_invitation(con, first.split("=", 1)[1]) is None  # the first letter's code was replaced
    for (link,) in decoded_links(out):
        invitation = find_invitation(con, link.split("=", 1)[1])
        assert invitation is not None and invitation.sample_ref != "BAR0001"
    assert scalar(con, "select count(*) from message_log where template = 'reminder' and channel = 'post'") == 4


UNREACHABLE = [
    pytest.param("", id="unset"),
    pytest.param("http://127.0.0.1:8501", id="loopback_ip"),
    pytest.param("http://localhost:8501", id="localhost"),
]


@pytest.mark.parametrize("public_url", UNREACHABLE)
def test_letters_are_refused_while_the_address_would_reach_nobody(con, wave, sample_csv, tmp_path, public_url):
    out = tmp_path / "letters.pdf"
    with pytest.raises(LinksUnreachable) as refused:
        make_invitation_letters(con, wave, read_sample(sample_csv), out, public_url=public_url)
    assert str(refused.value) == settings.link_address_problem(public_url)
    assert not out.exists()
    assert scalar(con, "select count(*) from wave_scope where wave_id = ?", [wave]) == 0
    assert scalar(con, "select count(*) from invitations") == 0
    assert scalar(con, "select count(*) from message_log") == 0


@pytest.mark.parametrize("public_url", UNREACHABLE)
def test_reminder_letters_are_refused_while_the_address_would_reach_nobody(con, wave, sample_csv, tmp_path, public_url):
    sample = read_sample(sample_csv)
    make_invitation_letters(con, wave, sample, tmp_path / "letters.pdf", public_url=URL)
    codes = con.execute("select token_hash from invitations order by invitation_id").fetchall()
    with pytest.raises(LinksUnreachable, match="public address"):
        make_reminder_letters(con, wave, sample, tmp_path / "reminders.pdf", public_url=public_url)
    assert con.execute("select token_hash from invitations order by invitation_id").fetchall() == codes
    assert scalar(con, "select count(*) from message_log where template = 'reminder'") == 0


def test_a_loopback_address_makes_letters_when_loopback_links_are_allowed(con, wave, sample_csv, tmp_path):
    out = tmp_path / "letters.pdf"
    sample = read_sample(sample_csv)
    assert make_invitation_letters(con, wave, sample, out, public_url="http://127.0.0.1:8501", allow_loopback=True) == 5
    assert decoded_links(out)[0][0].startswith("http://127.0.0.1:8501/survey/carer_experience?token=")
    again = tmp_path / "reminders.pdf"
    assert make_reminder_letters(con, wave, sample, again, public_url="http://localhost:8501", allow_loopback=True) == 5


def test_each_letter_gives_the_closing_date_the_link_and_the_code_with_the_page_to_type_it(
    con, wave, sample_csv, tmp_path
):
    out = tmp_path / "letters.pdf"
    make_invitation_letters(con, wave, read_sample(sample_csv), out, public_url=URL)
    closes = date.today() + timedelta(days=30)
    for text, (link,) in zip(page_texts(out), decoded_links(out), strict=True):
        code = link.split("?token=", 1)[1]
        assert f"Please answer by {closes.day} {closes:%B %Y}." in text
        assert link in text  # the QR code's link, typed out too
        assert f"Or go to {URL}/survey/code and type your personal code: {code}" in text


def test_the_address_shows_through_the_envelope_window_and_nothing_else_does(con, wave, sample_csv, tmp_path):
    out = tmp_path / "letters.pdf"
    sender = Sender("Barnsley Council and its Carers Board", phone="01226 770770", email="carers@barnsley.example")
    make_invitation_letters(con, wave, read_sample(sample_csv), out, public_url=URL, sender=sender)
    assert window_texts(out) == [
        [f"Carer {i} (fictional, demo)", f"{i} Example Street", "Barnsley", "S70 9ZZ"] for i in range(5)
    ]
    first = page_texts(out)[0]
    assert "Carers Monitor survey run by Barnsley Council and its Carers Board Phone 01226 770770" in first
    assert "carers@barnsley.example" in first and f"{date.today().day} {date.today():%B %Y}" in first


def test_an_address_that_does_not_fit_the_window_refuses_the_sample_before_anything_is_stored(con, wave, tmp_path):
    sample = pd.DataFrame(
        {
            "sample_ref": ["FIT1", "LONG1", "WIDE1"],
            "address": [
                "Carer (fictional, demo)|1 Example Street|Barnsley",
                "|".join(f"Line {n}" for n in range(7)),
                "Carer (fictional, demo)|" + "A very long house name " * 4 + "|Barnsley",
            ],
        },
        dtype="string",
    )
    with pytest.raises(FileRefused, match=r"do not fit an envelope window .*: LONG1, WIDE1; shorten them"):
        make_invitation_letters(con, wave, sample, tmp_path / "letters.pdf", public_url=URL)
    assert scalar(con, "select count(*) from wave_scope where wave_id = ?", [wave]) == 0
    assert scalar(con, "select count(*) from invitations") == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), id="an_image"),
        pytest.param(b"", id="empty"),
        pytest.param(b'reference,address\nA1,"never closed\n', id="unclosed_quote"),
        pytest.param("reference,address\nA1,1 Rue de l'Église\n".encode("cp1252"), id="windows_1252"),
    ],
)
def test_a_sample_that_is_not_a_clean_csv_is_read_or_refused_in_one_sentence(tmp_path, data):
    path = tmp_path / "sample.csv"
    path.write_bytes(data)
    try:
        sample = read_sample(path)
    except FileRefused as refusal:  # one sentence naming the file, never pandas' own words
        assert str(refusal) in (
            "sample.csv could not be read as a CSV file: save it from Excel as CSV and upload it again.",
            "sample.csv needs the columns reference and address.",
        )
    else:
        assert list(sample["address"]) == ["1 Rue de l'Église"]
