"""Bad inputs: each gives one clear line naming the input, an error row in the
database, and the rest of the batch goes on; exit status 1 only when nothing could
be processed."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from khaldun import cli
from khaldun.acquire import MAX_BYTES
from khaldun.store import Store

GOOD = (
    "Protesters rally in Lagos\n\nHundreds of protesters marched through central Lagos on Saturday "
    "to demand lower fuel prices, and police said the march ended peacefully.\n"
)


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch, pipeline):
    """The real pipeline, built once per session."""
    monkeypatch.setattr(cli, "_pipeline", lambda: pipeline)


def unreachable_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/report.html"


BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty input"),
    "blank.txt": (b"  \n\n\t ", "empty input"),
    "nul.txt": (b"Some text\x00\x01\x02 with NUL bytes", "binary input"),
    "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary stuff", "PDF"),
    "broken.html": (b"<html><head><title>x</title></head><body><div><<<</div></body></html>", "no main text"),
    "furniture.html": (
        b"<html><body><nav><a href=/>Home</a> | <a href=/w>World</a></nav></body>",
        "no main text",
    ),
    "huge.txt": (b"word " * (MAX_BYTES // 5 + 10), "too large"),
}


def ingest(db, *args: str, input: bytes | None = None):
    return CliRunner().invoke(cli.main, ["--db", str(db), "ingest", *args], input=input)


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_named_recorded_and_the_batch_goes_on(tmp_path, name):
    data, reason = BAD[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = ingest(tmp_path / "k.db", str(bad), str(good))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"khaldun: {bad}: ")]
    assert len(lines) == 1 and reason in lines[0], result.stderr
    with Store(tmp_path / "k.db") as store:
        docs = {d["origin"]: d for d in store.documents()}
        assert docs[str(bad)]["status"] == "error" and reason in docs[str(bad)]["error"]
        assert docs[str(good)]["status"] == "ok"
        assert (
            store.conn.execute(
                "SELECT COUNT(*) FROM events WHERE document_id = ?", (docs[str(bad)]["id"],)
            ).fetchone()[0]
            == 0
        )


def test_unreachable_url_and_missing_file(tmp_path):
    url = unreachable_url()
    missing = str(tmp_path / "nope.txt")
    result = ingest(tmp_path / "k.db", url, missing)
    assert result.exit_code == 1  # nothing could be processed
    err = result.stderr
    assert f"khaldun: {url}: cannot reach host" in err
    assert f"khaldun: {missing}: no such file or directory" in err
    with Store(tmp_path / "k.db") as store:
        assert sorted(d["origin"] for d in store.documents(status="error")) == sorted([url, missing])


def test_all_bad_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = ingest(tmp_path / "k.db", str(tmp_path / "empty.txt"))
    assert result.exit_code == 1


def test_non_utf8_is_decoded_with_a_warning(tmp_path):
    latin = tmp_path / "latin.txt"
    text = (
        "Clashes near Bamako\n\nSoldiers clashed with gunmen near the café of Kalaban Coro on Sunday, "
        "according to the régional governor, who said the fighting lasted two hours."
    )
    latin.write_bytes(text.encode("cp1252"))
    result = ingest(tmp_path / "k.db", str(latin))
    assert result.exit_code == 0, result.output
    assert f"khaldun: {latin}: warning: not UTF-8" in result.stderr
    with Store(tmp_path / "k.db") as store:
        [doc] = store.documents()
        assert doc["status"] == "ok"
        assert "café" in store.document(doc["id"])["text"]


def test_declared_charset_of_html_is_used(tmp_path):
    page = tmp_path / "page.html"
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Attaque à Gao</title></head><body><article>'
        "<p>Gunmen attacked a checkpoint near Gao on Monday, killing two soldiers, the army said in a "
        "statement read on national radio.</p><p>The attackers fled towards Ménaka.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("latin-1"))
    result = ingest(tmp_path / "k.db", str(page))
    assert result.exit_code == 0, result.output
    assert "declared in the page" in result.stderr
    with Store(tmp_path / "k.db") as store:
        [doc] = store.documents()
        assert "Ménaka" in store.document(doc["id"])["text"]


def test_non_english_is_skipped_with_its_reason(tmp_path):
    fr = tmp_path / "fr.txt"
    fr.write_text(
        "Des hommes armés ont attaqué le village dans la nuit de dimanche, selon les autorités locales, "
        "qui ont fait état de plusieurs morts et de maisons incendiées par les assaillants.",
        encoding="utf-8",
    )
    result = ingest(tmp_path / "k.db", str(fr))
    assert result.exit_code == 0, result.output  # a skipped document was processed
    assert f"khaldun: {fr}: skipped: not English" in result.stderr
    with Store(tmp_path / "k.db") as store:
        [doc] = store.documents()
        assert doc["status"] == "skipped" and doc["skip_reason"].startswith("not English")


def test_duplicates_are_skipped_and_named(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace(" ", "   "), encoding="utf-8")
    db = tmp_path / "k.db"
    first = ingest(db, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert first.exit_code == 0, first.output
    with Store(db) as store:
        [doc] = store.documents()
    assert f"khaldun: {tmp_path / 'b.txt'}: skipped duplicate of {doc['id']}" in first.stderr
    again = ingest(db, str(tmp_path / "a.txt"))
    assert again.exit_code == 0  # a duplicate is not a failure
    assert f"skipped duplicate of {doc['id']}" in again.stderr
    with Store(db) as store:
        assert len(store.documents()) == 1


def test_stdin_bad_and_good(tmp_path):
    db = tmp_path / "k.db"
    assert ingest(db, "-", input=b"").exit_code == 1
    result = ingest(db, "-", input=GOOD.encode())
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        statuses = sorted(d["status"] for d in store.documents())
    assert statuses == ["error", "ok"] or statuses == ["ok"]  # the later success replaces stdin's error row
