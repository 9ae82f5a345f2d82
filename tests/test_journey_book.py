"""Journey pictures in the klantreis frame of seed 000 and the journey book (sim journey --all):
the phase table covers the event log, every named household gets a page, Dutch and English
labels, a scenario's local organisation names, and a clear message for a bad [names] table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from sim.analysis.journey import org_namer, steps
from sim.analysis.journey_text import (DEFAULT_STYLE, KIND_TABLE, LANGS, MARKS, PHASE_LABELS,
                                       PHASES, PHRASES, UI, kind_style)
from sim.archetypes import ARCHETYPES
from sim.cli import main
from sim.eventlog import KINDS
from sim.organisations import DEFAULT
from sim.scenario import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
# a small town over a short run: every household's page in seconds
TINY_SCENARIO = ('extends = "{base}"\nname = "tiny-{tag}"\n[region]\ninhabitants = 8000\n'
                 "[run]\nyears = 1.0\nwarmup_years = 0.25\nstock_years = 0.25\n")


def tiny(tmp_path: Path, base: str = "rijswijk", extra: str = "") -> Path:
    f = tmp_path / f"tiny-{base}.toml"
    f.write_text(TINY_SCENARIO.format(base=ROOT / "scenarios" / f"{base}.toml", tag=base) + extra,
                 encoding="utf-8")
    return f


def run_cli(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- the phase table ----------------------------------------------------------------------------

def test_the_phase_table_covers_every_event_kind_of_the_log():
    missing = [k for k in KINDS if k not in KIND_TABLE]
    assert not missing, f"event kinds without a phase in journey_text.KIND_TABLE: {missing}"
    stale = [k for k in KIND_TABLE if k not in KINDS]
    assert not stale, f"KIND_TABLE names kinds the event log does not have: {stale}"
    for kind, (phase, mark) in KIND_TABLE.items():
        assert phase is None or phase in PHASES, kind
        assert mark in MARKS, kind
    # every phase of 000's frame is used by some kind
    assert {p for p, _ in KIND_TABLE.values()} - {None} == set(PHASES)


@pytest.mark.parametrize("kind, phase, mark", [
    ("hidden_need_found", "vraagverheldering", "step"), ("take_up_no", "hulp", "dead_end"),
    ("household_unreachable", "afronding", "lost_contact"), ("participation_job_found", "vraagverheldering", "step"),
    ("own_job", "hulp", "help"), ("school_signal", "aanmelding", "signal"),
    ("something_new", *DEFAULT_STYLE)])
def test_an_unknown_event_kind_gets_a_sensible_default(kind, phase, mark):
    assert kind not in KIND_TABLE
    assert kind_style(kind) == (phase, mark)


def _frame(rows):
    df = pd.DataFrame(rows, columns=["day", "event", "organisation", "detail", "value"])
    df["household"] = 1
    df["month"] = df["day"] / 30.4
    return df


def test_an_unknown_kind_and_organisation_render_as_a_step_in_words(tmp_path):
    from sim.analysis.journey import draw

    ev = _frame([(0, "onset", "", "housing", 0), (40, "no_claim_yet", "school", "shame", 0),
                 (80, "mystery_kind", "", "", 0), (100, "disengaged", "", "", 0)])
    lines = draw(ev, "Test", tmp_path / "p.png", 12.0, "en", lambda o: o)
    assert any("no claim yet (school): shame" in line for line in lines)
    assert any("mystery kind" in line for line in lines)
    assert any("loses touch" in line for line in lines)
    assert (tmp_path / "p.png").stat().st_size > 10_000


def test_the_newer_event_kinds_are_said_in_words_of_their_own(tmp_path):
    """A hidden need joins the onset; a non-claim, a slip, a signal, a loss of contact by cause
    and a participation step have words of their own, a signal's detail its own meaning."""
    from sim.analysis.journey import draw

    ev = _frame([(0, "onset", "", "housing", 0), (0, "hidden_need", "", "debts", 0),
                 (40, "non_claim", "", "wmo", 1), (80, "signal", "", "landlord", 1),
                 (120, "doenvermogen", "", "no_show", 0),
                 (160, "hidden_found", "", "signal", 6),
                 (200, "participation", "", "own_job", 0),
                 (240, "contact_lost", "", "detention", 0)])
    for lang, said in (("en", ("hidden problem nobody sees yet: debts", "entitled to Wmo support",
                               "a signal from the landlord", "misses the appointment",
                               "comes to light through a signal from outside", "finds a job",
                               "is detained")),
                       ("nl", ("verborgen probleem, nog door niemand gezien: schulden",
                               "heeft recht op Wmo-ondersteuning", "signaal van de verhuurder",
                               "komt niet op de afspraak", "door een signaal van buiten",
                               "vindt zelf werk", "wordt gedetineerd"))):
        lines = draw(ev, "Test", tmp_path / f"p_{lang}.png", 12.0, lang, lambda o: o)
        text = "\n".join(lines)
        for words in said:
            assert words in text, (lang, words, text)
        assert "huurachterstand" not in text and "arrears" not in text


def test_a_long_journey_is_a_few_dated_steps_with_waits_dead_ends_and_retellings():
    rows = [(0, "onset", "", "housing", 0), (0, "onset", "", "income", 0)]
    for k in range(40):  # forty visits, each refused, each a retelling
        d = 20 + 30 * k
        rows += [(d, "seek_help", "work_income", "self", 0), (d + 3, "contact", "work_income", "income", 0),
                 (d + 3, "retelling", "", "", 0), (d + 3, "denial", "work_income", "no_id", 0)]
    rows += [(30, "queue_join", "night_shelter", "", 0), (182, "placed", "night_shelter", "", 0),
             (1300, "stable", "", "", 0)]
    chosen, hidden = steps(_frame(rows), "en", lambda o: o.replace("_", " "), 45.0)
    assert len(chosen) <= 14 and hidden > 0
    assert chosen[0].parts[0] == "problems begin: housing, income"
    wait = next(s for s in chosen if s.mark == "wait")
    assert "waits 5 months for night shelter, then gets a place" in wait.parts
    assert any(s.mark == "dead_end" and "refused: no valid ID" in s.parts for s in chosen)
    assert any("tells the story again" in s.parts for s in chosen)
    assert chosen[-1].mark == "closure"
    assert [s.month for s in chosen] == sorted(s.month for s in chosen)


def test_a_long_wait_for_a_decision_is_said_in_words():
    rows = [(0, "onset", "", "care", 0), (10, "seek_help", "wmo", "self", 0),
            (12, "contact", "wmo", "care", 0), (162, "grant", "wmo", "care", 0)]
    for lang, text in (("en", "waits 5 months for a decision; granted: help with care (Wmo)"),
                       ("nl", "wacht 5 maanden op een besluit; toegekend: hulp bij zorg (Wmo)")):
        chosen, _ = steps(_frame(rows), lang, lambda o: o, 10.0)
        assert any(text in s.parts for s in chosen), [s.parts for s in chosen]


def test_both_languages_have_every_label():
    for table in (PHASE_LABELS, UI, PHRASES):
        assert set(table) == set(LANGS)
        assert set(table["nl"]) == set(table["en"])
    assert PHASE_LABELS["nl"]["informatie_advies"] == "informatie en advies"


# --- the [names] table of a scenario ---------------------------------------------------------------

def test_the_rijswijk_scenario_names_its_organisations_as_000_does():
    s = load_scenario("rijswijk")
    assert s.changed() == {}  # the baseline's numbers
    assert s.names["debt_help"] == {"nl": "Financieel Servicepunt Rijswijk (FSP)",
                                    "en": "Financieel Servicepunt Rijswijk (FSP)"}
    assert s.names["neighbourhood_team"]["nl"] == "Sociaal wijkteam Rijswijk"
    nl, en = org_namer(s, DEFAULT, "nl"), org_namer(s, DEFAULT, "en")
    assert nl("wmo") == "Gemeente Rijswijk, team Wmo" and en("wmo") == "Rijswijk municipality, Wmo team"
    base = load_scenario("baseline")
    assert base.names == {}
    assert org_namer(base, DEFAULT, "nl")("wmo") == "Wmo-loket"
    assert org_namer(base, DEFAULT, "en")("wmo") == "Wmo desk"
    assert s.with_overrides({"run.years": 2.0}).names == s.names


def test_a_scenario_extending_rijswijk_keeps_its_names_and_may_change_one(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text(f'extends = "{ROOT / "scenarios" / "rijswijk.toml"}"\n[names]\n'
                 'debt_help = { nl = "Geldloket", en = "Money desk" }\n', encoding="utf-8")
    s = load_scenario(f)
    assert s.names["debt_help"] == {"nl": "Geldloket", "en": "Money desk"}
    assert s.names["shelter_intake"]["en"] == "Daklozenloket Den Haag"


@pytest.mark.parametrize("table, key, allowed", [
    ('wmoo = "Loket"\n', "names.wmoo", "did you mean 'wmo'?"),
    ('wmo = 3\n', "names.wmo", "a name in quotes"),
    ('wmo = { nl = "Loket", fr = "Guichet" }\n', "names.wmo", "nl, en"),
    ('wmo = ""\n', "names.wmo", "1 to 120 characters"),
])
def test_a_bad_names_table_gets_one_clear_message(tmp_path, capsys, table, key, allowed):
    f = tmp_path / "bad-names.toml"
    f.write_text('extends = "baseline"\n[names]\n' + table, encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(f)
    message = str(exc.value)
    assert str(f) in message and key in message and allowed in message
    assert len(message.splitlines()) == 1
    if "wmoo" in table:
        assert "Allowed organisations in [names]: " + ", ".join(DEFAULT.names) in message
    code, _, err = run_cli(capsys, "journey", f, "--household", "Hans", "--out", tmp_path / "o")
    assert code == 2 and key in err and not (tmp_path / "o").exists()


def test_names_must_be_a_table(tmp_path):
    f = tmp_path / "flat.toml"
    f.write_text('extends = "baseline"\nnames = "FSP"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"'names' must be a table \[names\]"):
        load_scenario(f)


# --- the command ---------------------------------------------------------------------------------

def test_all_writes_a_journey_book_with_a_page_per_named_household(tmp_path, capsys):
    out = tmp_path / "book"
    code, _, err = run_cli(capsys, "journey", tiny(tmp_path), "--all", "--lang", "nl",
                           "--workers", "2", "--pdf", "--out", out, "--quiet")
    assert code == 0, err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<!DOCTYPE html>") and 'lang="nl"' in index
    for name in ARCHETYPES:
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        assert (out / f"{slug}.png").stat().st_size > 10_000, name
        assert f'id="{slug}"' in index and f'<img src="{slug}.png"' in index
        data = json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))
        assert data["household"] == name and data["lang"] == "nl" and data["steps"]
        assert all(re.match(r"\d+\. maand \d+ · ", line) for line in data["steps"]
                   if not line.startswith("en nog"))
    assert index.count("<section") == len(ARCHETYPES)
    pdf = (out / "journeys.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(ARCHETYPES)
    assert "Klantreizen" in index and "Inhoud" in index
    # a page of the book is the same journey as the household's own picture (parallel-safe)
    code, _, err = run_cli(capsys, "journey", tiny(tmp_path), "--household", "Hans", "--lang", "nl",
                           "--out", tmp_path / "hans", "--quiet")
    assert code == 0, err
    alone = json.loads((tmp_path / "hans" / "journey.json").read_text(encoding="utf-8"))
    assert alone["steps"] == json.loads((out / "hans.json").read_text(encoding="utf-8"))["steps"]
    # the scenario's local names are in the words of the journeys
    assert re.search("Daklozenloket Den Haag|Financieel Servicepunt Rijswijk|Sociaal wijkteam Rijswijk|"
                     "Gemeente Rijswijk, team Wmo|Sociale Zaken", index)


def test_one_household_in_english_and_dutch(tmp_path, capsys):
    f = tiny(tmp_path)
    texts = {}
    for lang in LANGS:
        out = tmp_path / lang
        code, stdout, err = run_cli(capsys, "journey", f, "--household", "hans", "--lang", lang,
                                    "--out", out)
        assert code == 0, err and "Hans" in stdout
        data = json.loads((out / "journey.json").read_text(encoding="utf-8"))
        texts[lang] = "\n".join(data["steps"])
        assert (out / "journey.png").stat().st_size > 10_000 and (out / "journey.csv").exists()
    assert "month 0" in texts["en"] and "problems begin" in texts["en"]
    assert "maand 0" in texts["nl"] and "problemen beginnen" in texts["nl"]
    assert "wonen" in texts["nl"] and "housing" in texts["en"]


def test_household_and_all_exclude_each_other(tmp_path, capsys):
    for args in (["--all", "--household", "Hans"], []):
        code, _, err = run_cli(capsys, "journey", "baseline", *args, "--out", tmp_path / "o")
        assert code == 2 and "--household NAME or --all" in err
    code, _, err = run_cli(capsys, "journey", "baseline", "--household", "Hans", "--lang", "de",
                           "--out", tmp_path / "o")
    assert code == 2 and "--lang" in err
    code, _, err = run_cli(capsys, "journey", "baseline", "--household", "Hans", "--pdf",
                           "--out", tmp_path / "o")
    assert code == 2 and "--pdf: only with --all" in err
    assert not (tmp_path / "o").exists()
