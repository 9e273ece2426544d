"""The outlet's home as evidence: curated and learned homes, their use by the resolver,
by ``ingest`` (learned from the store), by ``khaldun outlets`` and ``extract --outlet-homes``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from khaldun import cli
from khaldun.acquire.normalize import make_document
from khaldun.extract.places_outlets import Home, OutletHomes, domain_country, named_provinces, outlet_key
from khaldun.ingest import Ingester
from khaldun.store import Store

LOCAL = "https://www.localpaper.example/news/{}"
GEORGIA = OutletHomes({"localpaper.example": Home("US", "Georgia")})
# Each names towns only Georgia has: what a local paper's own archive says about it.
ARCHIVE = [
    "Police in Valdosta said a fire destroyed a warehouse on Monday.",
    "Firefighters from Hinesville helped contain a blaze on Tuesday.",
    "A bridge near Dahlonega was closed after heavy rain on Wednesday.",
]


def _place(pipeline, text: str, name: str | None, homes: OutletHomes | None, url: str = LOCAL.format(0)):
    doc = make_document(text, url=url)
    spans = [(doc.text.index(name), doc.text.index(name) + len(name))] if name else None
    ext = next(pipeline.pipe([(doc, spans)], outlet_homes=homes))
    return {pm.text: pm.place for pm in ext.places if pm.place is not None}


def test_outlet_key_is_the_host_else_the_name():
    assert outlet_key("https://www.Localpaper.example/a/b") == "localpaper.example"
    assert outlet_key(None, " Kyiv Independent ") == "kyiv independent"
    assert outlet_key(None, None) is None


@pytest.mark.parametrize(
    ("key", "cc"),
    [("autocar.co.uk", "GB"), ("news.com.au", "AU"), ("businesslive.co.za", "ZA"), ("kyivpost.ua", "UA"),
     ("channel.tv", None), ("startup.io", None), ("example.com", None), ("kyiv independent", None)],
)  # fmt: skip
def test_a_country_domain_names_the_outlets_country_unless_sold_as_a_word(key, cc):
    home = domain_country(key)
    assert (home.cc if home else None) == cc


def test_with_no_other_home_the_web_domain_decides_a_bare_namesake(pipeline):
    text = "Perth councillors approved the new bypass on Monday."
    british = _place(pipeline, text, "Perth", OutletHomes(), url="https://www.courier.co.uk/news/1")
    elsewhere = _place(pipeline, text, "Perth", OutletHomes(), url="https://www.courier.example/news/1")
    assert british["Perth"].country_code == "GB"
    assert elsewhere["Perth"].country_code == "AU"


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("Columbus police arrested two men on Friday after a shooting downtown.", "Columbus", "Georgia"),
        ("Springfield police arrested two men on Friday.", "Springfield", "Georgia"),
    ],
)
def test_a_bare_town_of_a_local_paper_lies_in_its_home_province(pipeline, text, name, province):
    alone = _place(pipeline, text, name, None)[name]
    homed = _place(pipeline, text, name, GEORGIA)[name]
    assert alone.admin1 != province  # the best-known namesake, without the outlet
    assert (homed.country_code, homed.admin1) == ("US", province)


def test_the_text_beats_the_outlets_home(pipeline):
    found = _place(pipeline, "Columbus, Ohio police arrested two men on Friday.", None, GEORGIA)
    assert found["Columbus"].admin1 == "Ohio"


def test_another_outlets_home_does_not_apply(pipeline):
    text = "Columbus police arrested two men on Friday."
    found = _place(pipeline, text, "Columbus", GEORGIA, url="https://elsewhere.example/x")
    assert found["Columbus"].admin1 == "Ohio"


def test_learned_home_needs_enough_documents_and_a_share():
    ga, oh = ("US", "Georgia"), ("US", "Ohio")
    homes = OutletHomes().learn_provinces([("a", {ga}), ("a", {ga, oh}), ("a", {ga}), ("a", {oh})])
    assert homes.homes["a"] == Home("US", "Georgia", learned=True)
    assert "b" not in OutletHomes().learn_provinces([("b", {ga}), ("b", {ga})]).homes  # two articles
    spread = [("c", {ga}), ("c", {ga}), ("c", {ga})] + [("c", {("US", f"S{i}")}) for i in range(9)]
    assert "c" not in OutletHomes().learn_provinces(spread).homes  # 3 of 12: no home
    # a local paper with wire stories that each name several states: home in most of its articles
    ks = ("US", "Kansas")
    wires = [("d", {("US", "New York"), ("US", f"S{i}"), ("US", f"T{i}")}) for i in range(4)]
    homes = OutletHomes().learn_provinces([("d", {ks})] * 5 + wires)
    assert homes.homes["d"] == Home("US", "Kansas", learned=True)  # 5 of 9 articles, 5 of 17 states named


def test_curated_homes_win_and_national_outlets_learn_only_inside_their_country():
    curated = OutletHomes({"local": Home("US", "Ohio"), "national": Home("SY"), "other": Home("UA")})
    ga, homs = ("US", "Georgia"), ("SY", "Homs")
    docs = [(key, {p}) for key, p in [("local", ga), ("national", homs), ("other", ga)] for _ in range(3)]
    homes = curated.learn_provinces(docs).homes
    assert homes["local"] == Home("US", "Ohio")
    assert homes["national"] == Home("SY", "Homs", learned=True)
    assert homes["other"] == Home("UA")


def test_curated_file_and_registry_outlets():
    homes = OutletHomes.curated()
    assert homes.homes["sana.sy"].cc == "SY"
    assert homes.homes["kyiv independent"] == Home("UA")  # an outlet of data/actors.yaml
    assert all(not h.learned for h in homes.homes.values())


def test_ingest_learns_the_home_from_the_stored_archive(pipeline, tmp_path):
    db = tmp_path / "k.db"
    with Store(db) as store:
        archive = [make_document(t, url=LOCAL.format(i)) for i, t in enumerate(ARCHIVE)]
        Ingester(store, lambda: pipeline, lambda *a, **k: None).ingest_documents(archive)
        news = make_document("Columbus police arrested two men on Friday.", url=LOCAL.format(9))
        Ingester(store, lambda: pipeline, lambda *a, **k: None).ingest_documents([news])
        rows = store.document(news.id)["places"]
    assert [(r["name"], r["admin1"]) for r in rows] == [("Columbus", "Georgia")]

    result = CliRunner().invoke(cli.main, ["--db", str(db), "outlets", "--learned-only"])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert (header, rows) == ("outlet\tcc\tadmin1\tsource", ["localpaper.example\tUS\tGeorgia\tlearned"])


def test_extract_takes_outlet_homes_from_a_file(tmp_path):
    homes = tmp_path / "homes.tsv"
    homes.write_text("outlet\tcc\tadmin1\tsource\nlocalpaper.example\tUS\tGeorgia\tour newsroom\n")
    text = "Columbus police arrested two men on Friday."
    line = {"id": "d1", "text": text, "url": LOCAL.format(1), "mentions": [{"start": 0, "end": 8}]}
    cmd = [sys.executable, "-m", "khaldun.cli", "extract", "-w", "1", "--outlet-homes", str(homes)]
    proc = subprocess.run(cmd, input=json.dumps(line) + "\n", capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (place,) = json.loads(proc.stdout)["places"]
    assert (place["name"], round(place["latitude"])) == ("Columbus", 32)  # Georgia's, not Ohio's (40)


def test_an_outlet_named_after_a_town_is_at_the_namesake_its_articles_point_to():
    """ "columbuslocalnews": its articles name Dublin (read as Ireland's) more often than
    Ohio's towns, but only Ohio has a Columbus among the places they point to."""
    key = "columbuslocalnews.example"
    ie, oh = ("IE", "Leinster"), ("US", "Ohio")
    homes = OutletHomes().learn_provinces([(key, {ie})] * 4 + [(key, {oh})] * 2)
    assert homes.homes[key] == Home("US", "Ohio", learned=True)
    # one article only echoes its own places: "bangordailynews" with a story from California
    ca = ("US", "California")
    assert ca in named_provinces("bangordailynews.example")  # there is a Bangor in California
    homes = OutletHomes().learn_provinces([("bangordailynews.example", {ca})])
    assert "bangordailynews.example" not in homes.homes
    # a small town's paper: its own state, not the famous namesake's
    tn = ("US", "Tennessee")
    homes = OutletHomes().learn_provinces([("parisbeacon.example", {tn})] * 2)
    assert homes.homes["parisbeacon.example"] == Home("US", "Tennessee", learned=True)


def test_an_outlet_name_is_a_town_only_before_words_outlets_add():
    assert ("US", "Illinois") in named_provinces("chicagotribune.com")
    assert ("US", "Ohio") in named_provinces("columbuslocalnews.com")
    assert named_provinces("parisbeauty.com") == ()  # "beauty" is no outlet's word
    assert named_provinces("reuters.com") == ()


def test_the_home_province_does_not_favour_a_town_once_named_after_a_state():
    """Minneota, Minnesota, was once called "Minnesota": a Minnesota paper's "Minnesota" is the
    state; its own towns (Brooten) are still favoured."""
    from khaldun.extract.places import _parts
    from khaldun.extract.places_candidates import area_named
    from khaldun.extract.places_resolve import WEIGHTS, _at_home

    gaz, home = _parts()[0], Home("US", "Minnesota")
    found = list(gaz.lookup("Minnesota"))
    minneota = next(c for c in found if c.name == "Minneota")
    assert minneota.kind != 0 and area_named(found) is not None
    assert _at_home(minneota, home, area=True) == 0.0
    brooten = next(c for c in gaz.lookup("Brooten") if c.a1name == "Minnesota")
    assert (
        _at_home(brooten, home, area=area_named(list(gaz.lookup("Brooten"))) is not None)
        == WEIGHTS["home_province"]
    )


def test_a_place_the_outlets_home_decided_says_so_and_stays_as_specific(pipeline):
    from khaldun.extract.base import DocContext
    from khaldun.extract.places import locate, specificity

    text = "Columbus police arrested two men on Friday after a shooting downtown."
    doc = make_document(text, url=LOCAL.format(3))
    spans = [(0, 8)]
    homed = next(pipeline.pipe([(doc, spans)], outlet_homes=GEORGIA)).places[0]
    alone = next(pipeline.pipe([(doc, spans)], outlet_homes=OutletHomes())).places[0]
    assert homed.place.admin1 == "Georgia" and homed.note == (
        "the outlet's home decided between namesakes (Georgia, US)"
    )
    assert alone.note is None and alone.place.admin1 != "Georgia"
    assert specificity(homed) == specificity(alone) == 1.0
    ext = next(pipeline.pipe([(doc, None)], outlet_homes=GEORGIA))
    ctx = DocContext(document=ext.document, doc=None, places=ext.places)  # type: ignore[arg-type]
    where = locate(ctx, 0, len(text))
    assert (
        where is not None
        and where.place.admin1 == "Georgia"
        and where.to_json()["note"].startswith("the outlet's home")
    )


def test_a_national_outlets_country_favours_its_towns_over_namesakes_in_the_country_named(pipeline):
    text = (
        "An American sergeant from Austin, Texas, died alongside him, US officials said; American and "
        "US reports gave the toll. The corporal was born in Manchester and served with US forces."
    )
    british = _place(pipeline, text, "Manchester", OutletHomes(), url="https://www.dailypaper.co.uk/news/1")
    plain = _place(pipeline, text, "Manchester", OutletHomes(), url="https://www.dailypaper.example/news/1")
    assert (british["Manchester"].country_code, plain["Manchester"].country_code) == ("GB", "US")
