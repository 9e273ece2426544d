"""Event clusters on hand-built store rows: linking rules, wire copies and independent
sources, the claims ledger's tolls and the contradictions it records, incremental updates."""

from __future__ import annotations

import itertools
import random

import pytest

from khaldun import reconcile
from khaldun.reconcile import ledger
from khaldun.records import SUB_EVENT_TYPES
from khaldun.store import Store

from .control_corpus import clusters_snapshot

KHERSON = {
    "location_name": "Kherson",
    "latitude": 46.6354,
    "longitude": 32.6169,
    "geonames_id": 706448,
    "country_code": "UA",
}
OLESHKY = {
    "location_name": "Oleshky",
    "latitude": 46.6255,
    "longitude": 32.7243,
    "geonames_id": 691037,
    "country_code": "UA",
}
KHARKIV = {
    "location_name": "Kharkiv",
    "latitude": 49.9808,
    "longitude": 36.2527,
    "geonames_id": 706483,
    "country_code": "UA",
}
PALMYRA = {
    "location_name": "Tadmur",
    "latitude": 34.5601,
    "longitude": 38.2676,
    "geonames_id": 163808,
    "country_code": "SY",
}
RU, UA, SY, IS = (
    "Military Forces of Russia",
    "Military Forces of Ukraine",
    "Military Forces of Syria",
    "Islamic State",
)
SHELL, TAKE = "Shelling/artillery/missile attack", "Government regains territory"
WIRE_BODY = (
    "KHERSON (Reuters) - Russian artillery shelled a residential district of Kherson on Saturday, killing "
    "three people and wounding seven, the regional governor said. A shell hit a bus stop near the river "
    "while other rounds damaged a school and several houses. Emergency workers put out a fire at a shop "
    "that was hit in the same attack. The city is shelled almost daily from the left bank of the Dnipro."
)


def add(
    store: Store,
    doc: str,
    events: list[dict],
    *,
    outlet: str | None = None,
    published: str = "2023-11-04",
    text: str | None = None,
) -> str:
    """Insert a document and its events as rows (no extraction involved)."""
    text = text if text is not None else f"Report {doc}\n" + " ".join(e.get("sentence", "") for e in events)
    c = store.conn
    c.execute(
        "INSERT INTO documents (id, hash, outlet, published, status, text, ingested_at) "
        "VALUES (?,?,?,?,?,?,?)",
        (doc, doc, outlet or f"Outlet {doc}", published, "ok", text, "2024-01-01T00:00:00"),
    )
    for i, e in enumerate(events):
        row = {
            "document_id": doc,
            "ordinal": i,
            "sub_event_type": SHELL,
            "date_start": published,
            "date_precision": "day",
            "source_name": outlet or f"Outlet {doc}",
            "stance": "asserted",
            "sentence": "Shells hit the city.",
            "geo_precision": 1,
            **KHERSON,
            **e,
        }
        row["event_type"] = SUB_EVENT_TYPES[row["sub_event_type"]]
        row["date_end"] = row.get("date_end") or row["date_start"]
        sentence = row.pop("sentence")
        row.update(evidence_sentence=sentence, evidence_start=0, evidence_end=len(sentence))
        cols = ", ".join(row)
        c.execute(f"INSERT INTO events ({cols}) VALUES ({','.join('?' * len(row))})", list(row.values()))
    return doc


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "k.db")
    yield s
    s.close()


def clusters_of(store: Store) -> dict[str, set[str]]:
    """cluster id -> member event keys."""
    out: dict[str, set[str]] = {}
    for cid, key in store.conn.execute("SELECT cluster_id, event_key FROM cluster_members"):
        out.setdefault(cid, set()).add(key)
    return out


def together(store: Store, *keys: str) -> bool:
    return any(set(keys) <= members for members in clusters_of(store).values())


def test_reports_of_one_shelling_form_one_cluster_and_the_retaliation_another(store):
    add(
        store,
        "a",
        [
            {
                "actor1_name": RU,
                "actor2_name": "Civilians (Ukraine)",
                "fatalities": 3,
                "sentence": "Russian shelling killed three people in Kherson on Saturday.",
            }
        ],
    )
    add(
        store,
        "b",
        [{"actor1_name": RU, "fatalities": 3, "sentence": "Russian artillery hit Kherson, killing three."}],
    )
    add(
        store,
        "c",
        [
            {
                "actor1_name": UA,
                "date_start": "2023-11-05",
                **OLESHKY,
                "sentence": "Ukrainian forces shelled Oleshky across the river.",
            }
        ],
        published="2023-11-05",
    )
    reconcile.update(store, None)
    assert together(store, "a:0", "b:0")
    assert not together(store, "a:0", "c:0")  # the other side's reply, a day later, 8 km away


def test_attacker_decides_even_on_the_same_day_and_place(store):
    add(store, "a", [{"actor1_name": RU, "sentence": "Shells hit the city centre."}])
    add(store, "b", [{"actor1_name": UA, "sentence": "Shells hit the city centre."}])
    reconcile.update(store, None)
    assert not together(store, "a:0", "b:0")


def test_distance_and_dates_separate_events(store):
    add(store, "a", [{"actor1_name": RU}])
    add(store, "b", [{"actor1_name": RU, **KHARKIV}])  # same day, 400 km away
    add(store, "c", [{"actor1_name": RU, "date_start": "2023-11-07"}], published="2023-11-07")
    reconcile.update(store, None)
    assert len(clusters_of(store)) == 3


def test_captures_months_apart_stay_apart_but_a_premature_claim_joins(store):
    take = {"sub_event_type": TAKE, "actor1_name": SY, "actor2_name": IS, **PALMYRA}
    add(
        store,
        "claim",
        [
            {
                **take,
                "date_start": "2016-03-24",
                "stance": "claimed",
                "sentence": "The army said it liberated Palmyra.",
            }
        ],
        published="2016-03-24",
    )
    add(
        store,
        "fall",
        [{**take, "date_start": "2016-03-27", "sentence": "Troops took Palmyra."}],
        published="2016-03-27",
    )
    add(
        store,
        "again",
        [{**take, "date_start": "2017-03-02", "sentence": "Troops took Palmyra again."}],
        published="2017-03-02",
    )
    reconcile.update(store, None)
    assert together(store, "claim:0", "fall:0")
    assert not together(store, "fall:0", "again:0")
    date = [c for c in ledger.list_contradictions(store.conn, kind="date")]
    assert len(date) == 1 and {s["position"] for s in date[0]["sides"]} == {"on 2016-03-24", "on 2016-03-27"}


def test_unlocated_event_needs_strong_wording_and_agreeing_actor(store):
    loose = {"latitude": None, "longitude": None, "geonames_id": None, "location_name": None}
    add(
        store,
        "a",
        [{"actor1_name": RU, "sentence": "Russian artillery shelled a bus stop killing three people."}],
    )
    add(
        store,
        "b",
        [
            {
                "actor1_name": RU,
                **loose,
                "sentence": "Russian artillery shelled a bus stop killing three people.",
            }
        ],
    )
    add(store, "c", [{"actor1_name": RU, **loose, "sentence": "Drones struck a power plant overnight."}])
    reconcile.update(store, None)
    assert together(store, "a:0", "b:0")
    assert not together(store, "a:0", "c:0")


def test_a_vague_report_does_not_chain_two_events(store):
    """An unlocated report worded like both shellings links to each; they stay apart."""
    both = "Russian artillery shelled Kherson and Kharkiv on Saturday killing civilians."
    add(
        store,
        "k",
        [{"actor1_name": RU, "sentence": "Russian artillery shelled Kherson on Saturday killing civilians."}],
    )
    add(
        store,
        "h",
        [
            {
                "actor1_name": RU,
                **KHARKIV,
                "sentence": "Russian artillery shelled Kharkiv on Saturday killing civilians.",
            }
        ],
    )
    add(
        store,
        "v",
        [{"actor1_name": RU, "latitude": None, "longitude": None, "geonames_id": None, "sentence": both}],
    )
    reconcile.update(store, None)
    assert not together(store, "k:0", "h:0")
    assert together(store, "k:0", "v:0") or together(store, "h:0", "v:0")


def test_wire_copies_are_one_source_and_tolls_reconcile(store):
    add(
        store,
        "w1",
        [{"actor1_name": RU, "fatalities": 3, "sentence": "Russian artillery shelled Kherson."}],
        outlet="Atlas Daily",
        text="Shelling kills three\n" + WIRE_BODY,
    )
    add(
        store,
        "w2",
        [
            {
                "actor1_name": RU,
                "fatalities": 3,
                "date_start": "2023-11-04",
                "sentence": "Russian artillery shelled Kherson.",
            }
        ],
        outlet="Gulf Post",
        published="2023-11-05",
        text="Three dead in Kherson\n" + WIRE_BODY.replace("KHERSON (Reuters) - ", "") + "\n— Reuters",
    )
    add(
        store,
        "own",
        [{"actor1_name": RU, "fatalities": 4, "sentence": "Four people died in the Kherson shelling."}],
        outlet="Black Sea Chronicle",
        text="Toll rises to four\nProsecutors said four people died after Russian shelling.",
    )
    add(
        store,
        "gov",
        [
            {
                "actor1_name": RU,
                "fatalities": 10,
                "source_name": "Government of Ukraine",
                "sentence": "The government said ten died in the Kherson shelling.",
            }
        ],
        outlet="Kyiv Courier",
    )
    reconcile.update(store, None)
    (c,) = [r for r in ledger.list_clusters(store.conn) if r["reports"] == 4]
    assert (c["sources"], c["fatalities_best"], c["fatalities_low"], c["fatalities_high"]) == (3, 4, 3, 10)
    full = ledger.get_cluster(store.conn, c["id"])
    keys = {m["document_id"]: m["source_key"] for m in full["members"]}
    assert keys["w1"] == keys["w2"] != keys["own"]
    assert keys["gov"].startswith("party:")
    (toll,) = [x for x in full["contradictions"] if x["kind"] == "toll"]
    assert {s["position"] for s in toll["sides"]} == {"3 killed", "4 killed", "10 killed"}


def test_agency_credit_alone_is_not_a_copy(store):
    add(store, "w1", [{}], text="One\n" + WIRE_BODY)
    add(
        store,
        "w2",
        [{}],
        text="Two\nKYIV (Reuters) - Ukraine said on Saturday it had received new air defence "
        "systems from its allies, and that more would follow before the winter, officials told reporters.",
    )
    reconcile.update(store, None)
    assert store.conn.execute("SELECT COUNT(*) FROM document_sources").fetchone()[0] == 0


def test_denial_is_an_occurrence_contradiction_small_toll_gaps_are_not(store):
    add(store, "a", [{"actor1_name": RU, "fatalities": 100}])
    add(store, "b", [{"actor1_name": RU, "fatalities": 105}])
    add(
        store,
        "d",
        [
            {
                "actor1_name": RU,
                "stance": "denied",
                "source_name": "Government of Russia",
                "sentence": "Moscow denied shelling the city.",
            }
        ],
    )
    reconcile.update(store, None)
    kinds = [x["kind"] for x in ledger.list_contradictions(store.conn)]
    assert kinds == ["occurrence"]
    (occ,) = ledger.list_contradictions(store.conn, kind="occurrence")
    assert {(s["document_id"], s["position"]) for s in occ["sides"]} == {
        ("a", "it happened"),
        ("b", "it happened"),
        ("d", "it did not happen"),
    }


def _synthetic_docs() -> list[tuple[str, list[dict], dict]]:
    docs = []
    for i, (day, who, where) in enumerate(
        itertools.product(("2023-11-04", "2023-11-05"), (RU, UA), (KHERSON, KHARKIV))
    ):
        for j in range(3):
            docs.append(
                (
                    f"d{i}{j}",
                    [
                        {
                            "actor1_name": who,
                            "date_start": day,
                            "fatalities": j + 2,
                            **where,
                            "sentence": f"Shelling of {where['location_name']} by {who}.",
                        }
                    ],
                    {"published": day},
                )
            )
    docs.append(
        (
            "wide",
            [
                {
                    "actor1_name": RU,
                    "latitude": None,
                    "longitude": None,
                    "geonames_id": None,
                    "sentence": "Shelling of Kherson by Military Forces of Russia.",
                }
            ],
            {},
        )
    )
    return docs


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_in_any_order_equals_rebuild(tmp_path, seed):
    docs = _synthetic_docs()
    random.Random(seed).shuffle(docs)
    with Store(tmp_path / "inc.db") as inc, Store(tmp_path / "all.db") as full:
        for doc, events, kw in docs:
            add(inc, doc, events, **kw)
            reconcile.get_stage("clusters")(inc, [doc])
            add(full, doc, events, **kw)
        reconcile.get_stage("clusters")(full, None)
        assert clusters_snapshot(inc) == clusters_snapshot(full)
        assert len(clusters_of(full)) == 8  # two days x two attackers x two places


def test_incremental_touches_only_the_neighbourhood(store):
    add(store, "a", [{"actor1_name": RU}])
    add(store, "far", [{"actor1_name": RU, **PALMYRA, "date_start": "2016-03-27"}], published="2016-03-27")
    reconcile.update(store, None)
    store.conn.execute("UPDATE clusters SET summary = 'untouched' WHERE location_name = 'Tadmur'")
    add(store, "b", [{"actor1_name": RU}])
    reconcile.get_stage("clusters")(store, ["b"])
    assert together(store, "a:0", "b:0")
    assert (
        store.conn.execute("SELECT summary FROM clusters WHERE location_name = 'Tadmur'").fetchone()[0]
        == "untouched"
    )


def test_ledger_reads(store):
    add(store, "a", [{"actor1_name": RU, "fatalities": 3}])
    add(store, "b", [{"actor1_name": RU, "fatalities": 4}])
    reconcile.update(store, None)
    (c,) = ledger.list_clusters(
        store.conn, place="Kherson", type_="Explosions/Remote violence", min_sources=2
    )
    assert c["members"] == 2 and c["reports"] == 2
    assert ledger.list_clusters(store.conn, since="2023-11-05") == []
    assert ledger.list_clusters(store.conn, min_sources=3) == []
    eid = store.conn.execute("SELECT id FROM events WHERE document_id = 'a'").fetchone()[0]
    assert ledger.cluster_of_event(store.conn, eid) == c["id"]
    full = ledger.get_cluster(store.conn, c["id"])
    assert {m["url"] for m in full["members"]} == {None} and full["contradictions"][0]["kind"] == "toll"
    assert ledger.get_cluster(store.conn, "nope") is None
