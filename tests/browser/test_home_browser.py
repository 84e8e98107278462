from tests.browser.conftest import axe, serve, shot
from tests.browser.journeys import visit


def test_home_page_in_a_real_browser_on_a_phone(app_db, phone):
    with serve(app_db) as url:
        visit(phone, url)
        phone.get_by_role("heading", name="Carers Monitor").wait_for()
        shot(phone, "home-phone")
        assert axe(phone) == []
