"""Who chaired the meeting the article reports.

Rules, strongest first (each names who chaired: a named official, a post resolved to the official
holding it, or a pronoun resolved to the official named last before it):

* ``ru_pod_predsedatelstvom`` -- "под председательством акима области Асхата Шахарова";
* ``kk_toragalygymen`` -- "облыс әкімі Берік Уәлидің төрағалығымен";
* ``ru_predsedatelstvoval`` / ``kk_toragalyq_etti`` -- "председательствовал аким", "төрағалық етті";
* ``ru_v_roli_predsedatelya`` -- "инициировано акимом … Он же выступил в роли председателя";
* ``ru_izbran_predsedatelem`` -- "председателем собрания был избран Серик Ахметов";
* ``ru_provel`` / ``ru_vel`` -- "совещание провел аким области", "заседание вела Ольга Кравченко";
* ``kk_otkizdi`` / ``kk_zhurgizdi`` -- "жиынды облыс әкімі … өткізді / жүргізді", "Оны … жүргізді";
* ``ru_vo_glave_s`` / ``kk_bastagan`` -- "группа во главе с акимом района", "әкім бастаған топ";
* ``ru_vstretilsya`` / ``ru_vstrecha_s`` / ``kk_kezdesti`` -- the host of a meeting with the public
  ("аким района встретился с жителями", "встреча заместителя акима … с молодежью");
* ``ru_pod_rukovodstvom`` / ``kk_basshylygymen`` -- "под руководством", "басшылығымен" (weaker);
* ``ru_otkryl`` / ``kk_ashty`` -- "открыл заседание", "Открывая заседание, …", "жиынды ашты" (weaker).

Weaker cues need a meeting word nearby and never make a national figure the chair ("Глава
государства провел заседание Совбеза" is background). "с участием" / "қатысуымен" (with the participation of) never names a chair. Nothing found → None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zholdau.extractors.base import Match
from zholdau.extractors.names import Sentence, any_of, detect_lang, fold_letters, rx, sentences
from zholdau.extractors.officials import POST_PHRASE_KK, POST_PHRASE_RU, PRONOUNS, official_for_post, ru_tag

_MEETING_RU = (
    r"(?:совещани|заседани|встреч|собрани|сесси|актив|планерк|брифинг|кругл\w* стол|форум|"
    r"сход|диалог|коллеги|слушани|семинар|прием|приём|отчет|отчёт)"
)
_MEETING_KK = (
    r"(?:жиын|отырыс|кеңес|кездесу|мәжіліс|сессия|алқа|басқосу|жиналыс|форум|семинар|дөңгелек үстел|есеп)"
)


_MEETING_RU_RX = rx(_MEETING_RU)
_MEETING_KK_RX = rx(_MEETING_KK)


@dataclass(frozen=True)
class ChairRule:
    """A cue for who chaired: ``where`` the person stands relative to the cue ("after", "before", "any")."""

    name: str
    lang: str
    pattern: re.Pattern[str]
    where: str
    score: float
    needs_meeting: bool = False


RULES: tuple[ChairRule, ...] = (
    ChairRule("ru_pod_predsedatelstvom", "ru", rx(r"\bпод\s+председательством\b"), "after", 1.0),
    ChairRule("kk_toragalygymen", "kk", rx(r"\bтөрағалығ(?:ымен|ында|ы\s+бойынша)"), "before", 1.0),
    ChairRule("ru_predsedatelstvoval", "ru", rx(r"\bпредседательствовал[аи]?\b"), "any", 0.95),
    ChairRule(
        "kk_toragalyq_etti",
        "kk",
        rx(r"\bтөрағалық\s+(?:етті|еткен|етіп|етуімен|жасады|етуде)"),
        "before",
        0.95,
    ),
    ChairRule(
        "ru_v_roli_predsedatelya",
        "ru",
        rx(
            r"\b(?:в\s+роли|в\s+качестве)\s+председател\w*|\bвыступил[аи]?\s+председател\w*|"
            r"\bбыл[аи]?\s+председател\w*\s+(?:собрани|заседани|совещани|сесси)"
        ),
        "before",
        0.95,
    ),
    ChairRule("ru_provel", "ru", rx(r"\b(?:провел[аи]?|провёл|проводил[аи]?)\b"), "any", 0.85, True),
    ChairRule("ru_vel", "ru", rx(r"\b(?:вел[аи]?|вёл|модерировал[аи]?)\b"), "any", 0.8, True),
    ChairRule("kk_otkizdi", "kk", rx(r"\bөткізді\b|\bөткізген\b|\bөткізіп\b"), "before", 0.85, True),
    ChairRule("kk_zhurgizdi", "kk", rx(r"\bжүргізді\b|\bжүргізген\b|\bжүргізіп\b"), "before", 0.85, True),
    ChairRule("ru_vo_glave_s", "ru", rx(r"\bво\s+главе\s+с\b"), "after", 0.8),
    ChairRule("kk_bastagan", "kk", rx(r"\bбастаған\b|\bбасқарған\b|\bжетекшілігімен\b"), "before", 0.8),
    ChairRule(
        "ru_vstretilsya",
        "ru",
        rx(
            r"\bвстретил(?:ся|ась|ись)\s+с\s+(?:\w+\s+){0,2}?(?:жител|населени|актив|коллектив|сельчан|горожан|"
            r"аграри|предпринимател|молод|студент|ветеран|представител|общественност|избирател|педагог|"
            r"учител|врач|работник|трудов|фермер)"
        ),
        "before",
        0.75,
    ),
    ChairRule("ru_vstrecha_s", "ru", rx(r"\bвстреч[аиуе]\b(?=[^.]{0,160}?\sс\s)"), "after", 0.75),
    ChairRule(
        "kk_kezdesti",
        "kk",
        rx(
            r"\b(?:тұрғындарымен|тұрғындармен|халықпен|жұртшылықпен|активімен|ұжымымен|жастармен|"
            r"кәсіпкерлермен|ардагерлермен|зиялы\w*|шаруалармен|сайлаушылармен)\s+(?:\w+\s+){0,1}?"
            r"(?:кездесті|кездесу\s+өткізді|жүздесті)"
        ),
        "before",
        0.75,
    ),
    ChairRule("ru_pod_rukovodstvom", "ru", rx(r"\bпод\s+руководством\b"), "after", 0.7),
    ChairRule("kk_basshylygymen", "kk", rx(r"\bбасшылығ(?:ымен|ында)\b"), "before", 0.7),
    ChairRule("ru_otkryl", "ru", rx(r"\bоткрыл[аи]?\b|\bоткрывая\b"), "any", 0.7, True),
    ChairRule(
        "ru_izbran_predsedatelem",
        "ru",
        rx(r"\bпредседател\w+\s+(?:собрания|заседания|сессии|схода)\s+(?:был[аи]?\s+)?избран[аы]?\b"),
        "after",
        0.9,
    ),
    ChairRule("kk_ashty", "kk", rx(r"\bашты\b|\bашып\b"), "before", 0.7, True),
)

_PARTICIPATION = rx(r"с\s+участием|қатысуымен")
# per language, one pattern that matches where any cue would: most sentences hold none
_ANY_RULE = {lang: any_of(r.pattern for r in RULES if r.lang == lang) for lang in ("kk", "ru")}


def extract_chair(text: str, lang: str | None, officials: Sequence[Match]) -> Match | None:
    """The person who chaired the meeting (value: nominative name), or None."""
    if not text.strip():
        return None
    lang = lang if lang in ("kk", "ru") else detect_lang(text)
    best: Match | None = None
    previous: Sentence | None = None
    quick = _ANY_RULE.get(lang)
    for sent in sentences(text):
        folded = fold_letters(sent.text)
        if quick is None or quick.search(folded):
            for rule in RULES:
                if rule.lang != lang:
                    continue
                for cue in rule.pattern.finditer(folded):
                    found = _chair_for(text, sent, cue, rule, lang, officials, previous)
                    if found is not None and (best is None or found.score > best.score):
                        best = found
        if best is not None and best.score >= 1.0:
            break
        previous = sent
    return best


def _meeting_in(text: str, lang: str) -> bool:
    return bool((_MEETING_KK_RX if lang == "kk" else _MEETING_RU_RX).search(fold_letters(text)))


def _chair_for(
    text: str,
    sent: Sentence,
    cue: re.Match[str],
    rule: ChairRule,
    lang: str,
    officials: Sequence[Match],
    previous: Sentence | None,
) -> Match | None:
    s_text = sent.text
    # "Оны қала әкімі … жүргізді" / "Его провел …": the meeting may be named in the sentence before
    pronoun_meeting = (
        re.match(r"\s*(?:оны|его|ее)\b", fold_letters(s_text), re.IGNORECASE) is not None
        and previous is not None
        and _meeting_in(previous.text, lang)
    )
    if rule.needs_meeting and not _meeting_in(s_text, lang) and not pronoun_meeting:
        return None
    c_start, c_end = sent.start + cue.start(), sent.start + cue.end()
    inside = [m for m in officials if m.start >= sent.start and m.end <= sent.end]
    name: str | None = None
    where = rule.where
    if where == "any":
        # "Совещание провел аким …" (the person after the verb) or "Аким … провел совещание" (before)
        where = "after" if _meeting_in(s_text[: cue.start()], lang) else "before"
    if rule.score < 1.0:
        # a weak cue never makes a national figure the chair ("Глава государства провел заседание
        # Совбеза" is background, not the meeting reported)
        inside = [m for m in inside if m.value.get("level") != "national"]
    directions = [where] if rule.where != "any" else [where, "before" if where == "after" else "after"]
    for direction in directions:
        if direction == "after":
            after = [
                m for m in inside if m.start >= c_end and not _participation_between(text, c_end, m.start)
            ]
            if after and after[0].start - c_end < 160 and not _other_verb(text[c_end : after[0].start], lang):
                name = str(after[0].value["name"])
        else:
            before = [
                m for m in inside if m.end <= c_start and not _participation_between(text, m.end, c_start)
            ]
            if before:
                name = str(before[-1].value["name"])
        if name is not None:
            break
    if name is None:
        people = [m for m in officials if rule.score >= 1.0 or m.value.get("level") != "national"]
        name = _by_post_or_pronoun(text, sent, cue, rule, lang, people)
    if name is None:
        return None
    return Match(name, c_start, c_end, rule.name, rule.score)


def _other_verb(between: str, lang: str) -> bool:
    """A finite verb between the cue and a person: the person belongs to another clause ("провела
    семинар, рассказал руководитель ...")."""
    if lang != "ru":
        return False
    return any(ru_tag(w.lower())[0] == "VERB" for w in re.findall(r"[^\W\d_]+", between))


def _participation_between(text: str, a: int, b: int) -> bool:
    return bool(_PARTICIPATION.search(fold_letters(text[min(a, b) : max(a, b)])))


def _by_post_or_pronoun(
    text: str, sent: Sentence, cue: re.Match[str], rule: ChairRule, lang: str, officials: Sequence[Match]
) -> str | None:
    """No named official at the cue: a post ("акима области") or a pronoun ("Он же") in the sentence."""
    s_text = sent.text
    window = s_text[cue.end() : cue.end() + 80] if rule.where == "after" else s_text[: cue.start()]
    if rule.where == "any":
        window = s_text[cue.end() :] if _meeting_in(s_text[: cue.start()], lang) else s_text[: cue.start()]
    pattern = POST_PHRASE_KK if lang == "kk" else POST_PHRASE_RU
    for m in pattern.finditer(window):
        name = official_for_post(m.group(0), lang, officials)
        if name is not None:
            return name
    words = re.findall(r"\w+", s_text[: cue.start()].lower())
    if words and words[0] in PRONOUNS:
        earlier = [m for m in officials if m.end <= sent.start]
        if earlier:
            return str(earlier[-1].value["name"])
    return None
