"""LanguageTool end to end, against a real server that mtqa fetches and starts.

Needs `mtqa languagetool fetch` (Maven) and Java. Without them these tests
skip with the reason, and fail instead under MTQA_REQUIRE_SHARED=1 or
MTQA_REQUIRE_LANGUAGETOOL=1 (which .ci/run sets).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mtqa.audit import read_audit, reference_documents, word_count
from mtqa.cli import main
from mtqa.config import Config
from mtqa.document import Document
from mtqa.engine import check_document, select_rules
from mtqa.finding import Kind, Severity
from mtqa.languagetool import LanguageToolError, server
from mtqa.languagetool.client import ResultCache, Stats, check_paragraphs
from mtqa.languagetool.session import check_documents
from mtqa.rule import Rule
from mtqa.rulefile import RuleSet
from tests.shared_data import REPO, SEED, SEED_GOLD, WMT, need

AUDIT = REPO / "tests" / "audit" / "refs-languagetool.tsv"


def _required() -> bool:
    return os.environ.get("MTQA_REQUIRE_SHARED") == "1" or os.environ.get("MTQA_REQUIRE_LANGUAGETOOL") == "1"


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(reason + " (MTQA_REQUIRE_SHARED / MTQA_REQUIRE_LANGUAGETOOL is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lt_server() -> Iterator[server.ServerInfo]:
    version = server.pinned_version()
    if not server.is_fetched(version):
        _unavailable(f"LanguageTool {version} is not fetched into {server.cache_dir()}: run `mtqa languagetool fetch`")
    try:
        server.java_binary()
    except LanguageToolError as exc:
        _unavailable(str(exc))
    info = server.start(record=False)
    yield info
    server.stop(info)


@pytest.fixture(scope="session")
def lt_rules(ruleset: RuleSet) -> list[Rule]:
    return [r for r in select_rules(ruleset.rules, Config()) if r.kind == "languagetool"]


def findings(texts: list[str], rules: list[Rule], url: str, **kw: Any) -> list[list[tuple[str, Kind, int, int, str]]]:
    docs = [Document(f"t{i}", t) for i, t in enumerate(texts)]
    found = check_documents(docs, rules, url=url, cache=ResultCache(None), **kw)
    return [[(f.rule, f.kind, f.start, f.end, f.text) for f in fs] for fs in found]


def test_clear_grammar_errors_come_back_with_exact_offsets(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    got = findings(["He go to school.", "This is a apple.", "I has a dog.", "He goes to school. This is an apple."],
                   lt_rules, lt_server.url)
    assert got == [
        [("languagetool.HE_VERB_AGR", Kind.GRAMMAR, 3, 5, "go")],
        [("languagetool.EN_A_VS_AN", Kind.GRAMMAR, 8, 9, "a")],
        [("languagetool.BASE_FORM", Kind.GRAMMAR, 2, 5, "has")],
        [],
    ]


def test_suggestions_severity_and_message_are_kept(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    (found,) = check_documents([Document("t", "He go to school.")], lt_rules, url=lt_server.url, cache=ResultCache(None))
    (f,) = found
    assert f.suggestion == "goes"
    assert f.severity is Severity.WARNING
    assert "also: went" in f.message


def test_offsets_after_emoji_and_across_lines_are_code_points(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    text = "😀 He go to school.\n\n😀😀 I has a dog.\nThis is a apple 🙂 indeed."
    (got,) = findings([text], lt_rules, lt_server.url)
    assert got == [
        ("languagetool.HE_VERB_AGR", Kind.GRAMMAR, 5, 7, "go"),
        ("languagetool.NON3PRS_VERB", Kind.GRAMMAR, 25, 28, "has"),
        ("languagetool.EN_A_VS_AN", Kind.GRAMMAR, 44, 45, "a"),
    ]
    assert [text[s:e] for _, _, s, e, _ in got] == ["go", "has", "a"]


def test_a_spelling_slip_is_reported_and_a_surname_is_not(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    (got,) = findings(["The governor Vasilyevsky will recieve the delegation."], lt_rules, lt_server.url)
    assert got == [("languagetool.MORFOLOGIK_RULE_EN_US", Kind.SPELLING, 30, 37, "recieve")]


def test_the_settings_rule_examples_hold(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    (rule,) = lt_rules
    for example in rule.fail:
        (got,) = findings([example.text], lt_rules, lt_server.url)
        assert [t for *_, t in got] == list(example.expect), example.text
    for example in rule.passes:
        assert findings([example.text], lt_rules, lt_server.url) == [[]], example.text


def test_big_batches_and_a_warm_run_sends_nothing(lt_server: server.ServerInfo, lt_rules: list[Rule],
                                                   tmp_path: Path) -> None:
    paragraphs = [f"He go to school on day {i}." for i in range(300)]
    options = lt_rules[0].options
    cache = ResultCache(tmp_path / "r.sqlite3")
    cold = Stats()
    first = check_paragraphs(paragraphs, options, "6.8", lambda: lt_server.url, cache, cold)
    assert cold.requests == 1 and cold.cached == 0
    assert all([(m.rule, m.start, m.end) for m in p] == [("HE_VERB_AGR", 3, 5)] for p in first)

    def no_server() -> str:
        raise AssertionError("a warm run must not look for a server")

    warm = Stats()
    assert check_paragraphs(paragraphs, options, "6.8", no_server, cache, warm) == first
    assert (warm.requests, warm.cached) == (0, 300)


def test_the_seed_findings(lt_server: server.ServerInfo, lt_rules: list[Rule], ruleset: RuleSet) -> None:
    """What LanguageTool says about the seed article, raw and after mtqa's filtering.

    Raw: 13 unknown-word matches, all names, a name written in lower case,
    or the garbled token, and two "unpaired" quotes around a nested quotation. "Moscow allow" is not among
    them: LanguageTool 6.8 checks agreement of a sentence-initial proper noun
    ("Moscow allow the coordination." is flagged) but not inside "said that
    Moscow allow ...". After filtering nothing is left: every name is mtqa's
    own business, and the garbled token and the lower-case name are already
    mtqa findings.
    """
    text = need(SEED).read_text(encoding="utf-8")
    doc = Document("seed", text)
    bare = [replace(r, options=replace(r.options, disabled_rules=(), disabled_categories=())) for r in lt_rules]
    (raw,) = check_documents([doc], bare, url=lt_server.url, cache=ResultCache(None), explain=False)
    speller, quotes = "languagetool.MORFOLOGIK_RULE_EN_US", "languagetool.EN_UNPAIRED_QUOTES"
    assert [(f.rule, f.start, f.end) for f in raw] == [
        (speller, 64, 69), (speller, 212, 217), (speller, 372, 383), (speller, 555, 564), (speller, 663, 668),
        (speller, 975, 980), (speller, 1100, 1103), (quotes, 1109, 1110), (speller, 1123, 1127),
        (speller, 1379, 1384), (quotes, 1385, 1386), (speller, 1608, 1613), (speller, 1752, 1760),
        (speller, 1864, 1875), (speller, 1880, 1885),
    ]
    gold = json.loads(need(SEED_GOLD).read_text(encoding="utf-8"))
    gold_words = {e["text"] for e in gold["errors"]}
    # every unknown word is a capitalised name or a gold error (the lower-case spelling of a name)
    assert all(f.text[0].isupper() or f.text in gold_words for f in raw if f.rule == speller)
    allow = text.index("Moscow allow")
    assert not [f for f in raw if f.start <= allow + 7 < f.end]
    (initial,) = findings(["Moscow allow the coordination."], lt_rules, lt_server.url)
    assert initial == [("languagetool.HE_VERB_AGR", Kind.GRAMMAR, 7, 12, "allow")]
    own = [r for r in select_rules(ruleset.rules, Config()) if r.kind != "languagetool"]
    others = [check_document(doc, own)]
    assert check_documents([doc], lt_rules, others, url=lt_server.url, cache=ResultCache(None)) == [()]


def test_reference_findings_are_audited_and_false_positives_rare(
    lt_server: server.ServerInfo, lt_rules: list[Rule], ruleset: RuleSet
) -> None:
    """Every LanguageTool finding on the WMT human references has a verdict in the audit.

    Targets: under 5 false positives per 10,000 words at warning or above, and
    under 5 at info. Cold this takes a few minutes (100,000 words); the answers
    are cached in MTQA_CACHE, so later runs take seconds.
    """
    need(WMT)
    named = reference_documents(Path(WMT))
    words = word_count(named)
    docs = [d for _, d in named]
    own = [r for r in select_rules(ruleset.rules, Config()) if r.kind != "languagetool"]
    others = [check_document(d, own) for d in docs]
    found = check_documents(docs, lt_rules, others, url=lt_server.url)
    audit = read_audit([AUDIT])
    keys = [(name, f.rule, f.start, f.end, f.text.replace("\t", "\\t").replace("\n", "\\n"), f.severity)
            for (name, _), fs in zip(named, found, strict=True) for f in fs]
    missing = [k[:5] for k in keys if k[:5] not in audit]
    assert missing == [], f"{len(missing)} findings are not in {AUDIT.name}; run bench/languagetool_refs.py --write"
    fp_warning = sum(1 for k in keys if audit[k[:5]].verdict == "fp" and k[5] is not Severity.INFO)
    fp_info = sum(1 for k in keys if audit[k[:5]].verdict == "fp" and k[5] is Severity.INFO)
    assert fp_warning * 10_000 / words < 5.0
    assert fp_info * 10_000 / words < 5.0


def test_a_request_time_out_is_one_clear_line(lt_server: server.ServerInfo, lt_rules: list[Rule]) -> None:
    options = replace(lt_rules[0].options, timeout=0.001)
    with pytest.raises(LanguageToolError) as caught:
        check_paragraphs(["He go to school. " * 400], options, "6.8", lambda: lt_server.url, ResultCache(None))
    message = str(caught.value)
    assert "did not answer within 0 s" in message and "\n" not in message


# --- starting and stopping: each test gets its own cache folder, sharing the fetched jars


@pytest.fixture()
def own_cache(lt_server: server.ServerInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    version = server.pinned_version()
    real = server.lib_dir(version)
    folder = tmp_path / "languagetool" / version
    folder.mkdir(parents=True)
    (folder / "lib").symlink_to(real)
    (folder / "fetched").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    monkeypatch.delenv("MTQA_LANGUAGETOOL_URL", raising=False)
    return tmp_path


def _servers_under(folder: Path) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if server.MAIN_CLASS.encode() in cmdline and str(folder).encode() in cmdline:
                out.append(int(proc.name))
    return out


def test_check_starts_a_server_for_the_run_and_stops_it(own_cache: Path, lt_rules: list[Rule]) -> None:
    docs = [Document("a", "He go to school.")]
    stats = Stats()
    found = check_documents(docs, lt_rules, stats=stats)
    assert [(f.rule, f.start, f.end) for f in found[0]] == [("languagetool.HE_VERB_AGR", 3, 5)]
    assert stats.requests == 1
    assert _servers_under(own_cache) == []
    # warm: answered from the cache in MTQA_CACHE, no server started
    again = Stats()
    assert check_documents(docs, lt_rules, stats=again) == found
    assert again.requests == 0


def test_cli_start_status_stop(own_cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languagetool", "status"]) == 1
    assert "no LanguageTool server running" in capsys.readouterr().out
    assert main(["languagetool", "start"]) == 0
    assert "answers at http://127.0.0.1:" in capsys.readouterr().out
    try:
        assert main(["languagetool", "status"]) == 0
        info = server.status()
        assert info is not None and server.answers(info.url)
    finally:
        assert main(["languagetool", "stop"]) == 0
    assert "stopped" in capsys.readouterr().out
    assert main(["languagetool", "status"]) == 1
    assert _servers_under(own_cache) == []


def test_not_fetched_is_one_clear_line_and_a_warm_cache_still_answers(
    own_cache: Path, lt_server: server.ServerInfo, lt_rules: list[Rule], capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [Document("a", "I has a dog.")]
    first = check_documents(docs, lt_rules, url=lt_server.url)  # fills the cache in MTQA_CACHE
    (own_cache / "languagetool" / server.pinned_version() / "fetched").unlink()
    assert check_documents(docs, lt_rules) == first
    with pytest.raises(LanguageToolError, match=r"^LanguageTool 6\.8 is not fetched yet: run `mtqa languagetool fetch`"):
        check_documents([Document("b", "She go home.")], lt_rules)
    assert main(["languagetool", "start"]) == 2
    assert capsys.readouterr().err.startswith("mtqa: LanguageTool 6.8 is not fetched yet")


def test_no_java_is_one_clear_line(own_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(LanguageToolError, match=r"^Java not found: install Java 17 or newer"):
        server.start(record=False)


def test_a_server_that_cannot_start_says_why(own_cache: Path) -> None:
    lib = own_cache / "languagetool" / server.pinned_version() / "lib"
    lib.unlink()
    lib.mkdir()
    with pytest.raises(LanguageToolError) as caught:
        server.start(record=False)
    message = str(caught.value)
    assert message.startswith("LanguageTool server exited at start-up (code 1): ")
    assert "org.languagetool.server.HTTPServer" in message and "\n" not in message


def test_a_start_time_out_ends_the_process(own_cache: Path) -> None:
    with pytest.raises(LanguageToolError, match=r"did not answer within 0\.05 s"):
        server.start(timeout=0.05, record=False)
    assert _servers_under(own_cache) == []


def test_check_grammar_through_the_cli(lt_server: server.ServerInfo, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`mtqa check --grammar` merges LanguageTool's findings with mtqa's own, sorted, in the JSON report."""
    import json

    from mtqa.cli import main

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "g.txt"
    path.write_text("He go to school.\nLater the US and the U.S. Army met.\n", encoding="utf-8")
    code = main(["check", "--grammar", "--languagetool-url", lt_server.url, "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr()[0])["files"][0]["findings"]
    assert code == 1
    assert [(f["rule"], f["kind"], f["start"], f["end"], f["text"]) for f in findings] == [
        ("languagetool.HE_VERB_AGR", "grammar", 3, 5, "go"),
        ("abbreviations.us", "abbreviation_variant", 27, 29, "US"),
    ]


def test_check_grammar_with_an_unreachable_server_still_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtqa.cli import main

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path / "lt"))
    path = tmp_path / "g.txt"
    path.write_text("Later the US and the U.S. Army met.\n", encoding="utf-8")
    code = main(["check", "--grammar", "--languagetool-url", "http://127.0.0.1:9", "--format", "json", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "LanguageTool" in err
    assert '"abbreviations.us"' in out
