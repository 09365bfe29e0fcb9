"""Transform: the reports' recommendations -> checklist items (``report.recommendations``).

Input: the model as read (headings, paragraphs with their items) and the English
translations attached by ``transforms.translations``. Output: one ``Recommendation``
per item of every *recommendations paragraph*, in document order.

A recommendations paragraph is found by structure, never by number:

* it stands under a heading (section, sub-section or sub-heading) whose title
  contains 建议 ("结论和建议", "挑战和建议" › "建议");
* it has items, and the last sentence of its lead ends with a colon;
* that sentence names who is asked to act, in one of the two forms the reports use:
  the actor as subject ("所有会员国均可：", "联合国将：") or the actor asked by the
  Secretary-General ("我呼吁各会员国：", "我建议各国考虑以下五项…举措：").

The addressee phrase is kept as written; its group (for the combined checklist) comes
from the words of the phrase, and from the rest of the lead when States are asked to
act together on international action (A/71/1016, para. 45). The English addressee is
taken from our translation of the same lead by the same two forms; when that is
missing or in another form, a fixed English name of the group is used.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import MARKER
from ..model import Corpus, Paragraph, Recommendation, Report

RECOMMENDATIONS_TITLE = "建议"

# The lead is the paragraph's last sentence; the addressee stands in its last clause
# ("更具体而言，我呼吁各会员国：").
_SENTENCES = re.compile(r"(?<=[。！？])")
_CLAUSES = re.compile(r"(?<=[，；])")
_COLON = ("：", ":")

_WHO = r"(?P<who>[^，；。：:]{1,24}?)"
# "我呼吁各会员国：", "我建议各国考虑以下五项…举措：", "我们敦促安全理事会继续…："
_ASKED = re.compile(r"^我们?(?:呼吁|吁请|促请|敦促|建议|鼓励|邀请|请)" + _WHO + r"(?=考虑|采取|继续|努力|[：:])")
# "所有会员国均可：", "联合国将：", "各国应当："
_ACTING = re.compile(r"^" + _WHO + r"(?=均可|都可|也可|可以|可|将会|将|应当|应该|应|必须|须|需要)")

# Who belongs to which group; first match wins (联合国 before 国, 政府间 before 政府).
_GROUPS: list[tuple[str, re.Pattern[str]]] = [
    ("united_nations", re.compile("联合国|秘书处|秘书长")),
    ("intergovernmental", re.compile("政府间|区域|安全理事会|安理会|大会|人权理事会|国际社会|国际组织")),
    ("member_states", re.compile("会员国|国家|各国|政府")),
    ("other", re.compile("组织|机构|民间社会|行为体|各方|伙伴")),
]
# States asked to act *together* ("加强国际行动问责的举措") act through intergovernmental bodies.
_COLLECTIVE = re.compile("国际行动|政府间|区域安排|区域和次区域|集体行动")

# English lead: "I call upon Member States:", "I recommend that States consider …:",
# "All Member States can:", "The United Nations will:".
_EN_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_EN_ASKED = re.compile(
    r"\bI (?:call upon|call on|urge|encourage|invite|recommend that|ask) (?P<who>[^,;:]{1,60}?)"
    r"(?= to\b| consider\b| should\b|:)")
_EN_ACTING = re.compile(r"^(?:[^,]*,\s*)?(?P<who>[^,;:]{1,60}?) (?:can|could|will|shall|should|must|may)\b")
# Used when the English lead is missing or not in a recognised form.
GROUP_EN = {
    "member_states": "Member States",
    "intergovernmental": "States acting through intergovernmental mechanisms",
    "united_nations": "The United Nations",
    "other": "Other actors",
}


def extract_recommendations(corpus: Corpus, source_dir: Path) -> None:
    for report in corpus.reports:
        report.recommendations = list(_recommendations(report))


def _recommendations(report: Report):
    titles = {h.id: h.text for h in report.headings}
    for paragraph in report.paragraphs:
        if not paragraph.items or not _under_recommendations(paragraph, titles):
            continue
        lead = _lead(paragraph.text)
        found = _addressee(lead) if lead else None
        if found is None:
            continue
        who, group = found
        addressee = {"zh": who, "en": _english_addressee(report, paragraph, group)}
        for item in paragraph.items:
            yield Recommendation(
                id=f"{report.slug}:{item.id}",
                report=report.slug,
                paragraph=paragraph.number,
                anchor=item.id,
                label=item.label,
                addressee=dict(addressee),
                group=group,  # type: ignore[arg-type]
                lead=lead,
                text=item.text,
                location=item.location,
            )


def _under_recommendations(paragraph: Paragraph, titles: dict[str, str]) -> bool:
    owners = (paragraph.section, paragraph.subsection, paragraph.heading)
    return any(owner and RECOMMENDATIONS_TITLE in titles.get(owner, "") for owner in owners)


def _lead(text: str) -> str:
    """The last sentence of a paragraph's lead if it introduces a list (ends with a colon), else ""."""
    text = text.strip()
    if not text.endswith(_COLON):
        return ""
    return [s for s in _SENTENCES.split(text) if s.strip()][-1].strip()


def _addressee(lead: str) -> tuple[str, str] | None:
    """(who, group) from a lead sentence, or None when it names no actor."""
    clause = [c for c in _CLAUSES.split(lead) if c.strip()][-1].strip()
    match = _ASKED.match(clause) or _ACTING.match(clause)
    if match is None:
        return None
    who = match.group("who").strip()
    for group, words in _GROUPS:
        if words.search(who):
            if group == "member_states" and _COLLECTIVE.search(clause[match.end():]):
                return who, "intergovernmental"
            return who, group
    return None


def _english_addressee(report: Report, paragraph: Paragraph, group: str) -> str:
    found = report.translations.get("en", {}).get(paragraph.id)
    if found is None or found.status != "translated":
        return GROUP_EN[group]
    sentence = _EN_SENTENCES.split(MARKER.sub("", found.text).strip())[-1]
    match = _EN_ASKED.search(sentence) or _EN_ACTING.match(sentence)
    return match.group("who").strip() if match else GROUP_EN[group]


__all__ = ["GROUP_EN", "extract_recommendations"]
