from tests.browser.conftest import axe, serve, shot, wait_ready


def test_home_page_in_a_real_browser_on_a_phone(app_db, phone):
    with serve(app_db) as url:
        phone.goto(url)
        wait_ready(phone)
        phone.get_by_role("heading", name="Carers Monitor").wait_for()
        shot(phone, "home-phone")
        assert axe(phone) == []
