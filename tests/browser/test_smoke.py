"""The browser harness itself: a built fixture page loads, in French, with no foreign request."""



def test_home_page_loads_in_french_without_foreign_requests(new_page, fixture_url):
    watched = new_page(fixture_url)
    watched.page.goto(fixture_url)
    assert watched.page.locator("html").get_attribute("lang") == "fr"
    assert watched.page.locator("h1").first.inner_text() == "Accueil"
    assert watched.foreign == []
    assert watched.errors == []
