"""LanguageTool matches -> findings, minus what mtqa already explains.

A match becomes a finding with rule id ``languagetool.<LanguageTool rule id>``;
its kind and severity come from the settings rule's ``classify`` list (else the
rule file's ``finding_kind`` and ``severity``); the first replacement is the
suggestion and the next ones are named in the message.

Dropped, so nothing is reported twice:

- a spelling match on a capitalised word (``skip_name_spelling``): LanguageTool's
  dictionary lacks most surnames and places; names are mtqa's own business
  (name variants, garbled tokens, casing);
- a speller match on a lower-case word that does not read as a typo
  (``typo_max_edits``): a word mtqa's lexicon knows (British spellings, rare
  words), or one whose first suggestion is not a common word a few edits away
  (compounds such as "superyachts", transliterations such as "ulitsa");
- a spelling match that overlaps any other mtqa finding (the token is already
  explained), and any match that overlaps another finding of the same MQM
  category ("the the" is a ``doubled_word`` already);
- a second match on the same span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mtqa import lexicon
from mtqa.document import Document
from mtqa.finding import Finding, Kind
from mtqa.kinds.languagetool import Options, classify
from mtqa.languagetool.client import LtMatch
from mtqa.rule import Rule

PREFIX = "languagetool."
#: LanguageTool names its dictionary spell checkers MORFOLOGIK_RULE_<LANG>.
SPELLER = PREFIX + "MORFOLOGIK_RULE_"
_MORE_SUGGESTIONS = 3


def to_finding(rule: Rule, doc: Document, offset: int, match: LtMatch) -> Finding:
    """The finding for one match of a paragraph that starts at ``offset`` in ``doc``."""
    options: Options = rule.options
    kind, severity = classify(options, match.rule, match.category, match.issue_type)
    start, end = offset + match.start, offset + match.end
    text = doc.text[start:end]
    suggestion = match.replacements[0] if match.replacements else None
    lt_message = match.message
    more = [r for r in match.replacements[1 : 1 + _MORE_SUGGESTIONS] if r]
    if more:
        lt_message += f" (also: {', '.join(more)})"
    fields = {"found": text, "expected": suggestion or "", "lt_message": lt_message, "lt_rule": match.rule}
    return Finding(
        rule=PREFIX + match.rule,
        kind=kind or rule.finding_kind,
        severity=severity or rule.severity,
        start=start,
        end=end,
        text=text,
        message=rule.message.format_map(fields),
        suggestion=suggestion,
    )


def is_name_like(text: str) -> bool:
    """A capitalised word (or words): "Syromolotov", "Deir-ez-Zor", "REN"."""
    return bool(text) and text[0].isupper()


def is_typo(options: Options, word: str, suggestion: str | None) -> bool:
    """The word reads as a slip for its first suggestion, a common lower-case word.

    Not a typo: a word mtqa's lexicon knows (British spellings, rare words), a
    short word, a hyphenated coinage ("alco-duel"), a compound whose suggestion
    only adds a space or hyphen ("anticorruption"), or a word too many edits
    from its suggestion (transliterations: "ulitsa" -> "units").
    """
    if options.typo_max_edits is None:
        return True
    if len(word) < options.typo_min_length or "-" in word or lexicon.is_known(word):
        return False
    if not suggestion or suggestion != suggestion.lower() or " " in suggestion:
        return False
    if suggestion.replace("-", "") == word:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    if DamerauLevenshtein.distance(word, suggestion) > options.typo_max_edits:
        return False
    return lexicon.zipf(suggestion) >= options.typo_min_zipf


def drop_explained(
    options: Options, findings: Iterable[Finding], others: Sequence[Finding]
) -> tuple[Finding, ...]:
    """The LanguageTool findings that say something mtqa's own findings do not."""
    kept: dict[tuple[int, int], Finding] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.kind is Kind.SPELLING:
            if options.skip_name_spelling and is_name_like(finding.text):
                continue
            if finding.rule.startswith(SPELLER) and not is_typo(options, finding.text, finding.suggestion):
                continue
            if any(_overlaps(finding, other) for other in others):
                continue
        if any(_overlaps(finding, o) and o.kind.mqm == finding.kind.mqm for o in others):
            continue
        kept.setdefault((finding.start, finding.end), finding)
    return tuple(sorted(kept.values(), key=Finding.sort_key))


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end
