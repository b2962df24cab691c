"""The site's views on a phone and a desktop, in English and Thai (issue #25, points 9 and 10).

Each behaviour is checked in Chromium at 390 x 844 (a phone) and 1440 x 900
(a desktop), on the shipped framework rendered in English and in Thai: the
header bar that stays in reach, the level view with the level below and
above, the search, the framework's order and names, the view titles, the
language of fallback text, dark mode, and axe-core on each new view.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.names import Names
from competency.render import render
from competency.render.messages import messages_for
from tests.browser.conftest import SITE_HIDDEN, axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

LOCALES = ("en", "th")
SIZES = ((1440, 900), (390, 844))
ROLE = "support-specialist"
LEVEL = "support-specialist@ss3"


@pytest.fixture(scope="module")
def partly_thai(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Thai site of the shipped framework with troubleshooting left untranslated."""
    folder = tmp_path_factory.mktemp("partly-thai")
    shutil.copytree(ROOT / "matrices", folder / "matrices")
    path = folder / "matrices" / "competencies" / "troubleshooting.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.lstrip().startswith("th:")), "utf-8")
    framework = load_framework(folder / "matrices")
    (page,) = render(framework, "html", folder / "out", locale="th", today=date(2026, 5, 4))
    return page


#: Each width and each locale once, Thai on the phone: where axe-core runs and
#: where behaviours that depend on neither are checked (`pair`). What depends
#: on the width and the text's length together (the header, what fits on one
#: screen) is checked at every pair (`view`).
PAIRS = ((390, 844, "th"), (1440, 900, "en"))


@pytest.fixture(params=[(w, h, loc) for w, h in SIZES for loc in LOCALES], ids=str)
def view(request: pytest.FixtureRequest, browser: Any, sites: dict[str, Path]) -> Iterator[Any]:
    """The browser at one size, with `view.open(address)` loading the site of one locale."""
    yield from _viewing(browser, sites, *request.param)


@pytest.fixture(params=PAIRS, ids=str)
def pair(request: pytest.FixtureRequest, browser: Any, sites: dict[str, Path]) -> Iterator[Any]:
    """`view` at the sizes and locales of `PAIRS`."""
    yield from _viewing(browser, sites, *request.param)


def _viewing(
    browser: Any, sites: dict[str, Path], width: int, height: int, locale: str
) -> Iterator[Any]:
    """The browser at `width` x `height`, opening the site of `locale`; reset afterwards."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )

    def open_(address: str = "") -> Any:
        browser.get("about:blank")
        browser.get(sites[locale].as_uri() + address)
        return browser

    browser.open = open_
    browser.locale = locale
    browser.size = (width, height)
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def _names(locale: str) -> Names:
    return Names(load_framework(ROOT / "matrices"), locale)


def _shown_levels(browser: Any) -> list[str]:
    return list(
        browser.execute_script(
            "return Array.from(document.querySelectorAll('section.level'))"
            ".filter(s => s.offsetParent !== null).map(s => s.id)"
        )
    )


# --- point 9: phone pages ----------------------------------------------------------


def test_the_header_stays_at_the_top_while_a_level_scrolls(view: Any) -> None:
    """Scrolled far down a level, the header's navigation and search are still on screen."""
    view.open(f"#level/{LEVEL}")
    view.execute_script("window.scrollTo(0, 3000)")
    state = view.execute_script(
        "var header = document.querySelector('header.site');"
        "var link = header.querySelector('nav a');"
        "var search = document.getElementById('search');"
        "return [window.scrollY > 0, header.getBoundingClientRect().top,"
        " link.getBoundingClientRect().bottom <= window.innerHeight,"
        " search.getBoundingClientRect().bottom <= header.getBoundingClientRect().bottom];"
    )
    assert state == [True, 0, True, True]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_header_takes_at_most_a_sixth_of_a_phone_screen(
    browser: Any, sites: dict[str, Path], locale: str
) -> None:
    """On a phone the header bar is short enough to leave the screen to the level."""
    for view in _viewing(browser, sites, 390, 844, locale):
        view.open(f"#level/{LEVEL}")
        height = view.execute_script("return document.querySelector('header.site').offsetHeight")
    assert height <= 844 / 6


def test_a_level_view_shows_that_level_with_the_level_below_and_above(pair: Any) -> None:
    """A level's address shows only that level, with links to ss2 and ss4 that open them."""
    view = pair
    from selenium.webdriver.common.by import By

    view.open(f"#level/{LEVEL}")
    section = "#level-support-specialist-ss3"
    below = view.find_element(By.CSS_SELECTOR, f"{section} nav.level-steps a[rel=prev]")
    above = view.find_element(By.CSS_SELECTOR, f"{section} nav.level-steps a[rel=next]")
    links = [below.get_attribute("href").partition("#")[2], above.get_attribute("href")]
    shown = _shown_levels(view)
    above.click()
    assert (shown, links[0], _shown_levels(view), view.execute_script("return scrollY")) == (
        ["level-support-specialist-ss3"],
        "level/support-specialist@ss2",
        ["level-support-specialist-ss4"],
        0,
    )


def test_the_lowest_and_highest_levels_link_one_way_only(pair: Any) -> None:
    """The lowest level has no level below, the highest no level above."""
    view = pair
    view.open(f"#level/{ROLE}@ss1")
    low = view.execute_script(
        "return Array.from(document.querySelectorAll('#level-support-specialist-ss1"
        " nav.level-steps a')).map(a => a.rel)"
    )
    assert low == ["next"]


def test_the_self_check_is_within_a_screen_of_its_level_heading(view: Any) -> None:
    """The self-assessment box starts less than one screen below its level's heading."""
    view.open(f"#level/{LEVEL}")
    gap = view.execute_script(
        "var level = document.getElementById('level-support-specialist-ss3');"
        "return level.querySelector('.self-check').getBoundingClientRect().top"
        " - level.querySelector('h3').getBoundingClientRect().top;"
    )
    assert 0 < gap < view.size[1]


def test_a_behaviour_hit_opens_the_level_that_asks_for_it(pair: Any) -> None:
    """Searching a behaviour new at ss3, from its role, lists it with its competency and level,
    and the hit opens that level."""
    view = pair
    from selenium.webdriver.common.by import By

    view.open(f"#role/{ROLE}")
    item = view.find_element(By.CSS_SELECTOR, "#level-support-specialist-ss3 section.cell li")
    text = item.find_element(By.CSS_SELECTOR, ".btext").get_attribute("textContent")
    competency = item.find_element(By.XPATH, "ancestor::section[1]/h5/span")
    name = competency.get_attribute("textContent")
    view.find_element(By.ID, "search").send_keys(text)
    hit = view.find_element(By.CSS_SELECTOR, "#search-results li")
    link = hit.find_element(By.TAG_NAME, "a")
    said = hit.get_attribute("textContent")
    href = link.get_attribute("href").partition("#")[2]
    view.execute_script("arguments[0].click()", link)
    level = view.execute_script(
        "return document.querySelector('#level-support-specialist-ss3 h3 span').textContent"
    )
    assert (href, name in said, level in said, _shown_levels(view)) == (
        f"level/{LEVEL}",
        True,
        True,
        ["level-support-specialist-ss3"],
    )


def test_search_says_how_many_are_shown_and_can_show_all(pair: Any) -> None:
    """A search with many hits lists 30, says "30 of N", and a button lists all N."""
    view = pair
    from selenium.webdriver.common.by import By

    messages = messages_for(view.locale)
    view.open()
    view.find_element(By.ID, "search").send_keys("e" if view.locale == "en" else "า")
    first = len(view.find_elements(By.CSS_SELECTOR, "#search-results li"))
    status = view.find_element(By.ID, "search-status").get_attribute("textContent")
    more = view.find_element(By.ID, "search-more")
    more.click()
    total = len(view.find_elements(By.CSS_SELECTOR, "#search-results li"))
    after = view.find_element(By.ID, "search-status").get_attribute("textContent")
    assert (first, status, after, more.is_displayed()) == (
        30,
        messages["search_shown"].format(shown=30, count=total),
        messages["search_count"].format(count=total),
        False,
    )


# --- point 10: the smaller items ---------------------------------------------------


def test_a_direct_link_opens_below_the_header(view: Any) -> None:
    """A link to a heading inside a level scrolls it to just under the header, not under it."""
    target = view.open(f"#level/{LEVEL}").execute_script(
        "var all = document.querySelectorAll('#level-support-specialist-ss3 section.cell h5');"
        "return all[all.length - 1].id"
    )
    view.open(f"#{target}")
    place = view.execute_script(
        "return [document.querySelector('header.site').getBoundingClientRect().bottom,"
        " document.getElementById(arguments[0]).getBoundingClientRect().top, innerHeight]",
        target,
    )
    assert place[0] <= place[1] < place[2]


def test_roles_are_listed_front_line_first_in_families_by_name(pair: Any) -> None:
    """The overview lists Support Specialist first, under the families' names in their order."""
    view = pair
    names = _names(view.locale)
    framework = load_framework(ROOT / "matrices")
    view.open()
    listed = view.execute_script(
        "return [Array.from(document.querySelectorAll('#roles > h3')).map(h => h.textContent),"
        " document.querySelector('#roles ul.role-list a').getAttribute('href')]"
    )
    assert listed == [
        [names.text(f.name) for f in framework.info.families],
        f"#role-{ROLE}",
    ]


def test_a_role_names_its_family(pair: Any) -> None:
    """A role's line of facts gives its family's name, not its id."""
    view = pair
    framework = load_framework(ROOT / "matrices")
    view.open(f"#role/{ROLE}")
    facts = view.execute_script(
        "return document.querySelector('#role-support-specialist > p.meta').textContent"
    )
    name = _names(view.locale).text(framework.info.families[0].name)
    assert (name in facts, "support" in facts.split()) == (True, False)


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        (f"#role/{ROLE}", "#role-support-specialist-title"),
        (f"#level/{LEVEL}", "#level-support-specialist-ss3-title > span"),
        ("#competency-troubleshooting", "#competency-troubleshooting-title"),
    ],
)
def test_the_title_names_each_view(pair: Any, address: str, heading: str) -> None:
    """document.title starts with the view's own heading and ends with the framework's title."""
    view = pair
    view.open(address)
    title, text, site = view.execute_script(
        "return [document.title, document.querySelector(arguments[0]).textContent,"
        " document.querySelector('.site-title').textContent]",
        heading,
    )
    assert (title.startswith(text), title.endswith(site)) == (True, True)


_UNMARKED = """
var out = [];
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var node;
while ((node = walker.nextNode())) {
  var text = node.textContent.trim();
  var parent = node.parentElement;
  var latin = /[A-Za-z]{4,}/.test(text) && !/[\\u0E00-\\u0E7F]/.test(text);
  if (!latin || parent.closest("script, style")) {
    continue;
  }
  if (parent.closest("[lang]").getAttribute("lang") === "th") {
    out.push(text.slice(0, 60));
  }
}
return out;
"""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_english_fallback_text_on_the_thai_page_is_marked(
    browser: Any, partly_thai: Path, width: int, height: int
) -> None:
    """With a competency untranslated, no English text on the Thai page, in the page or
    in what the script builds (comparison, search, self-check), is left marked Thai."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, height)
    browser.get("about:blank")
    browser.get(partly_thai.as_uri() + f"#compare/{ROLE}@ss1/{LEVEL}")
    browser.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    browser.find_element(By.ID, "search").send_keys("customer")
    found = browser.execute_script(_UNMARKED)
    browser.set_window_size(1280, 900)
    assert found == []


def test_dark_mode_draws_the_map_and_its_key_in_dark_colours(pair: Any) -> None:
    """In dark mode the map's background is the page's, and the key's promotion line
    stands out from it (contrast at least 3:1)."""
    view = pair
    view.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    view.open("#career-map")
    colours = view.execute_script(
        "var style = (s) => getComputedStyle(document.querySelector(s));"
        "return [style('#map-all .map-bg').fill, style('html').backgroundColor,"
        " style('#career-map ul.map-key line.move-promotion').stroke];"
    )
    assert (colours[0] == colours[1], _contrast(colours[2], colours[1]) >= 3) == (True, True)


def _contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two CSS ``rgb(...)`` colours."""

    def luminance(colour: str) -> float:
        parts = [int(p) / 255 for p in colour.partition("(")[2].rstrip(")").split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_expected_by_links_each_level(pair: Any) -> None:
    """On a competency, every "Expected by" entry links a level's address, which opens it."""
    view = pair
    view.open("#competency-troubleshooting")
    hrefs = view.execute_script(
        "var lists = document.querySelectorAll('#competency-troubleshooting > ul');"
        "return Array.from(lists[lists.length - 1].querySelectorAll('a'))"
        ".map(a => a.getAttribute('href'))"
    )
    view.execute_script(
        "document.querySelector('#competency-troubleshooting a[href=\"' + arguments[0] + '\"]')"
        ".click()",
        hrefs[0],
    )
    level = hrefs[0].partition("/")[2].replace("@", "-")
    assert (all(h.startswith("#level/") and "@" in h for h in hrefs), _shown_levels(view)) == (
        True,
        [f"level-{level}"],
    )


# --- axe-core on the new views ----------------------------------------------------


@pytest.mark.parametrize("address", [f"#level/{LEVEL}", "#competency-troubleshooting"])
def test_axe_finds_no_violation_on_the_level_and_competency_views(pair: Any, address: str) -> None:
    """axe-core reports no violation on a level view and a competency view."""
    view = pair
    view.open(address)
    assert axe_violations(view, hidden=SITE_HIDDEN) == []


def test_axe_finds_no_violation_with_search_results_open(pair: Any) -> None:
    """axe-core reports no violation with 30 search hits and the "show all" button."""
    view = pair
    from selenium.webdriver.common.by import By

    view.open(f"#role/{ROLE}")
    view.find_element(By.ID, "search").send_keys("e" if view.locale == "en" else "า")
    assert axe_violations(view, hidden=SITE_HIDDEN) == []


def test_axe_finds_no_violation_on_the_map_in_dark_mode(pair: Any) -> None:
    """axe-core reports no violation on the overview and its map in dark mode."""
    view = pair
    view.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    view.open("#career-map")
    assert axe_violations(view, hidden=SITE_HIDDEN) == []


def test_axe_runs_on_the_shown_view_and_never_removes_what_is_on_screen(
    browser: Any, sites: dict[str, Path]
) -> None:
    """The axe-core runs above leave out hidden views only: an image without a text
    alternative placed in the shown level is found, and a selector that matches the
    shown view is reported instead of taking it out of the page."""
    browser.get("about:blank")
    browser.get(sites["en"].as_uri() + f"#level/{LEVEL}")
    browser.execute_script(
        "var img = document.createElement('img'); img.src = 'data:,';"
        "document.querySelector('#level-support-specialist-ss3').appendChild(img);"
    )
    found = [line.split(":")[0] for line in axe_violations(browser, hidden=SITE_HIDDEN)]
    browser.get("about:blank")
    browser.get(sites["en"].as_uri() + f"#level/{LEVEL}")
    refused = axe_violations(browser, hidden="main > .view")
    assert (found, refused) == (
        ["image-alt"],
        ["not hidden, so not left out: role-support-specialist"],
    )
