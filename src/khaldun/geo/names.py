"""Name keys: the one normal form under which gazetteer names and text mentions meet.

"Al-Fāshir", "al Fashir" and "AL FASHIR" must look up the same entry, and
"St. Petersburg" the same as "Saint Petersburg", so both the builder and the
resolver key names through :func:`name_key`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ħ": "h",
        "Ħ": "H",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "ə": "e",
        "Ə": "E",
    }
)
# Apostrophes and transliteration marks vanish ("Ma'arrat" = "Maarrat").
_MARKS = re.compile(r"[\u02bb\u02bc\u02be\u02bf\u2018\u2019\u201b`´'ʿʾ]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# Abbreviations written out so "St. Petersburg" meets "Saint Petersburg".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
# Arabic article forms, joined or not ("Al-Hasakah", "Ash Shaddadah", "El Fasher").
ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "ez", "adh", "ath"}
)


def fold(text: str) -> str:
    """ASCII-fold a name: diacritics and transliteration marks removed, case kept."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _MARKS.sub("", text)


@functools.lru_cache(maxsize=500_000)
def name_key(text: str) -> str:
    """The lookup key of a name: folded, lower case, punctuation to single spaces,
    abbreviations written out, a word-final "-ah"/"-eh" written "-a" and doubled
    letters written once (Arabic names are transliterated "Raqqah", "Raqa" and
    "Hasakeh", "Wassit" and "Wasit" alike)."""
    words = _NON_ALNUM.sub(" ", fold(text).lower()).split()
    return " ".join(_DOUBLED.sub(r"\1", _final_vowel(_ABBREVIATIONS.get(w, w))) for w in words)


def same_spelling(a: str, b: str) -> bool:
    """Spelt alike but for case, diacritics, punctuation and abbreviations ("St. Louis",
    "Saint Louis"); unlike :func:`name_key`, doubled letters and final "-ah" count."""
    return spelling(a) == spelling(b)


@functools.lru_cache(maxsize=100_000)
def spelling(text: str) -> str:
    """A name as spelt, for comparing: folded, lower case, abbreviations written out."""
    words = _NON_ALNUM.sub(" ", fold(text).lower()).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def _final_vowel(word: str) -> str:
    if len(word) >= 5 and word[-1] == "h" and word[-2] in "ae":
        return word[:-2] + "a"
    return word


def strip_article(key: str) -> str | None:
    """``"ash shaddadah"`` -> ``"shaddadah"``; None when the key has no leading article."""
    head, _, rest = key.partition(" ")
    if head in ARTICLES and rest:
        return rest
    return None


def is_latin_name(name: str) -> bool:
    """A name written in Latin script with at least one capital: the forms English text uses.

    The packaged alternate names also hold lower-case romanisations of other scripts
    ("hlb", "tdmr") that would match acronyms and common words, so they are left out."""
    if not any(c.isupper() for c in name):
        return False
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in name)


def is_code(name: str) -> bool:
    """Airport and other short upper-case codes ("PMS", "KIK") are not names."""
    letters = name.replace(".", "").replace(" ", "")
    return len(letters) <= 4 and letters.isupper()


_SKELETON_PAIRS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ou", "u"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
)
_CONNECTORS = frozenset({"de", "del", "di", "da", "do", "dos", "la", "le", "les", "of", "the"})
_VOWELS = re.compile(r"[aeiouyhw]")


@functools.lru_cache(maxsize=500_000)
def skeleton(key: str) -> str:
    """A spelling-blind form of a name key: articles, vowels and doubled letters dropped,
    so "Tall Refaat" meets "Tall Rif'at" and "Quamishli" meets "Al Qamishli"."""
    words = [w for w in key.split() if w not in ARTICLES and w not in _CONNECTORS]
    s = "".join(words)
    for a, b in _SKELETON_PAIRS:
        s = s.replace(a, b)
    head, rest = s[:1], _VOWELS.sub("", s[1:])
    out = []
    for ch in head + rest:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)
