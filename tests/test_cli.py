"""The command line: ingest with a summary, events, stats, search, eval, --db and $KHALDUN_DB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khaldun import cli, evalrun, evaluate
from khaldun.store import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

REPORTS = {
    "strike.txt": (
        "Air strike hits market in Idlib\n\nWarplanes struck a crowded market in the town of Maarat al-Numan "
        "in Idlib province on Monday, killing at least nine civilians, a local rescue group said.\n"
    ),
    "protest.html": (
        "<html><head><meta property='og:site_name' content='Harbour Times'>"
        "<meta property='article:published_time' content='2019-10-21'>"
        "<title>Thousands protest in Beirut</title></head><body><article><h1>Thousands protest in Beirut</h1>"
        "<p>Thousands of people gathered in central Beirut on Sunday to protest against new taxes, and the "
        "demonstration remained peaceful, witnesses said.</p></article></body></html>"
    ),
}


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch, pipeline):
    monkeypatch.setattr(cli, "_pipeline", lambda: pipeline)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "strike.meta.yaml").write_text("published: 2019-05-13\noutlet: Levant Wire\n", encoding="utf-8")
    return folder


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return CliRunner().invoke(cli.main, list(args), env=env, input=input, catch_exceptions=False)


def test_help_lists_the_commands():
    out = run("--help").output
    for command in ("ingest", "events", "export", "extract", "eval", "stats", "search"):
        assert command in out


def test_ingest_with_summary(tmp_path, corpus):
    db = tmp_path / "k.db"
    result = run("--db", str(db), "ingest", str(corpus), "--summary")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("documents", "event type", "sub-event type"):
        assert heading in out
    assert "2 ingested" in result.stderr
    with Store(db) as store:
        docs = {Path(d["origin"]).name: d for d in store.documents()}
        assert set(docs) == {"strike.txt", "protest.html"}
        assert (
            docs["strike.txt"]["outlet"] == "Levant Wire" and docs["strike.txt"]["published"] == "2019-05-13"
        )
        assert (
            docs["protest.html"]["outlet"] == "Harbour Times"
            and docs["protest.html"]["published"] == "2019-10-21"
        )
        for d in docs.values():
            full = store.document(d["id"])
            assert full["status"] == "ok" and full["text"]
            for e in full["events"]:
                assert full["text"][e["evidence_start"] : e["evidence_end"]] == e["evidence_sentence"]


def test_published_and_outlet_options_override(tmp_path, corpus):
    db = tmp_path / "k.db"
    result = run(
        "--db", str(db), "ingest", str(corpus / "strike.txt"), "--published", "2019-05-14", "--outlet", "X"
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        [doc] = store.documents()
    assert (doc["published"], doc["outlet"]) == ("2019-05-14", "X")


def test_bad_published_option_is_a_usage_error(tmp_path, corpus):
    result = CliRunner().invoke(
        cli.main, ["--db", str(tmp_path / "k.db"), "ingest", str(corpus), "--published", "May"]
    )
    assert result.exit_code == 2 and "--published" in result.output


def test_db_from_environment(tmp_path, corpus):
    db = tmp_path / "env.db"
    result = run("ingest", str(corpus / "strike.txt"), env={"KHALDUN_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_events_stats_and_search(tmp_path, corpus):
    db = str(tmp_path / "k.db")
    run("--db", db, "ingest", str(corpus))
    table = run("--db", db, "events")
    assert table.exit_code == 0 and "sub-event type" in table.stdout
    as_json = run("--db", db, "events", "--format", "json", "--limit", "0")
    events = json.loads(as_json.stdout)
    assert isinstance(events, list)
    for e in events:
        assert {"event_type", "sub_event_type", "source", "evidence", "document"} <= set(e)
    none = json.loads(run("--db", db, "events", "--format", "json", "--type", "No such type").stdout)
    assert none == []
    stats = run("--db", db, "stats")
    assert stats.exit_code == 0 and "documents" in stats.stdout
    found = run("--db", db, "search", "Beirut")
    assert found.exit_code == 0 and "Thousands protest in Beirut" in found.stdout
    assert "Idlib" not in found.stdout


def test_bad_search_query_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli.main, ["--db", str(tmp_path / "k.db"), "events", "--search", '"unclosed'])
    assert result.exit_code == 2 and "bad query" in result.output


# -- eval -------------------------------------------------------------------------


@pytest.fixture
def fake_evaluations(monkeypatch):
    registry: dict = {}
    monkeypatch.setattr(evaluate, "EVALUATIONS", registry)
    monkeypatch.setattr(evalrun, "MODULES", ())

    @evaluate.evaluation("fake")
    def fake(data, pipeline, limit):
        return {"n": limit or 10, "scores": {"f1": 0.75, "accuracy": 0.5}, "per_item": [1, 2, 3]}

    @evaluate.evaluation("absent")
    def absent(data, pipeline, limit):
        raise evaluate.Missing(f"{data}/nothing.tsv is absent")

    return registry


def test_eval_prints_figures_writes_json_and_skips_missing(tmp_path, fake_evaluations):
    out = tmp_path / "artifacts" / "eval.json"
    result = run("eval", "--limit", "3", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "scores.f1" in result.stdout and "0.75" in result.stdout
    assert "absent: skipped:" in result.stderr
    report = json.loads(out.read_text())
    assert report["results"]["fake"]["n"] == 3 and report["limit"] == 3
    assert "nothing.tsv" in report["skipped"]["absent"]
    assert {"date", "commit", "seconds"} <= set(report)


def test_eval_only(fake_evaluations):
    result = run("eval", "--only", "fake")
    assert result.exit_code == 0 and "absent" not in result.output
    bad = CliRunner().invoke(cli.main, ["eval", "--only", "nope"])
    assert bad.exit_code == 2 and "known: absent, fake" in bad.output


def test_eval_modules_that_exist_are_imported(monkeypatch):
    monkeypatch.setattr(evalrun, "MODULES", ("no_such_evaluation_module",))
    assert evalrun.load_evaluations() is evaluate.EVALUATIONS  # a missing module is not an error


# -- the bundled sample corpus (what `make run` ingests) ---------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/ is absent")
def test_make_run_ingests_the_samples(tmp_path):
    db = tmp_path / "samples.db"
    result = run("--db", str(db), "ingest", str(SAMPLES), "--summary")
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        docs = store.documents()
        assert store.documents(status="error") == []
        ok = store.documents(status="ok")
        assert len(ok) >= 12
        assert all(d["published"] and d["outlet"] for d in ok), "every sample has a date and an outlet"
        assert store.stats()["events"] > 0
    assert {Path(d["origin"]).name for d in docs} <= {p.name for p in SAMPLES.iterdir()}


def test_summary_of_an_empty_database_has_every_section(tmp_path):
    out = run("--db", str(tmp_path / "empty.db"), "stats").stdout
    for heading in ("documents", "event type", "top places", "top actors", "stance"):
        assert heading in out
