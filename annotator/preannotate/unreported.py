"""Trigger words that name no new act on unseen web news (issue 14, the ewttune errors).

The decider (decide.py) asks `unreported_verdict` about each candidate right after
background.py's `background_verdict`. Each rule names one general class of English in which an
event word reports no act of its own, and returns the class's name as the verdict
(benchmarks/trace_events.py counts them):

- "talk as rumour": "there has been talk that ...", "some talk of a curfew": what people say
  may happen, not talks between parties;
- "speaking, not consulting": "the leader talks during his first campaign speech": a person
  speaking (plural "talks with/between" is a meeting);
- "purpose phrase": "killed him in retaliation for the attack": the reason of the act told,
  not an act of its own; "as opposed to": a fixed expression;
- "noun 'standing'": "bad for US standing with local people": a reputation, not support;
- "act told before (demonstrative)": "this kidnapping makes him look weak": a
  demonstrative noun refers back to an act already told;
- "device found, not set off": "two car bombs were discovered/defused";
- "failed act": "the failure of the army to disarm the rebels";
- "figurative 'kill'": "will kill the peace talks", "killed the bill";
- "content of a suggestion": "people suggesting that we go out and fight";
- "act seen as something": "many see the air strikes as a response";
- "reason for another act": "punishing the leaders for cooperating with the elections";
- "topic of a discussion": "the implications of the assault";
- "a risk, not a threat": "this movement is threatening to collapse the peace process": a
  thing, not a party, "threatens";
- "a state of the act": "the peace talks are stalemated";
- "committed (a stance)": "had been absolutely committed to getting out the vote";
- "act judged": "said the attack was 'criminal'";
- "scare quotes": "Lone 'confessed' his involvement": a word quoted on its own is doubted;
- "participle adjective (-ing)": 'the group's "striking arm"';
- "prepared or rumoured act": "rumours about preparations ... for another looting spree";
- "same protest, participle clause": "demonstrated in Baghdad, protesting the killing";
- "appeal for donations": "mosques are calling for donating blood" (ruling 14);
- "conditional prediction": "If Abbas keeps up this talk he will ...": the writer's forecast;
- "a fact admitted": "he admitted that the economy was weak", "critics concede that the plan has
  merit": admitting a fact is no concession (PLOVER CONCEDE: admitting a wrong, apologising,
  giving ground); "admitted that its forces had made mistakes / shot down the jet" is one;
- "a warning of danger": "experts warn that the region could slide into war", "the UN warned of
  famine", "the embassy warned its citizens": a warning about what may happen, or advice to the
  public (ruling 14), is no threat (PLOVER THREATEN: the speaker's side announces harm); "warned
  that it would retaliate", "warned Russia of serious consequences" are threats.

Tokens only (lower-case forms, `is_title`, entity types, POS tags and the dependency head
when present); each rule reads a few tokens around the trigger.
"""

from __future__ import annotations

from typing import Any

from .affiliation import FINITE_VERB_TAGS
from .background import BE, NATURAL_FORCES, OPINIONS, WEATHER, Window, public_advice
from .gazetteer import ACTOR_LABELS
from .modality import is_modal
from .statements import FAULT_NOUNS
from .statements import QUOTES as QUOTATION_MARKS  # double quotes only: they open and close a quotation

QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
DEMONSTRATIVES = frozenset({"this", "these", "those", "that"})
PERSON_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})


def unreported_verdict(doc: Any, s0: int, s1: int, c0: int, start: int, end: int, etype: str, lemma: str,
                       nominal: bool, kept_types: list[tuple[int, str]]) -> str | None:
    """The name of the class of no-act doc[start:end] belongs to, or None. `c0` is where its
    clause starts; `kept_types` the (end, type) of the acts kept before it."""
    words = Window(doc, s0, s1, start, end)
    head = lemma.split()[0]
    token = doc[start].lower_
    nominal = nominal or (end - start == 1 and doc[start].pos_ in ("NOUN", "PROPN"))
    for name, rule in RULES:
        if rule(doc, words, c0, etype, head, token, nominal, kept_types):
            return name
    return None


RUMOUR_QUANTIFIERS = frozenset({"some", "much", "loose", "idle", "tough", "macho", "big", "more", "little", "wild"})


def _rumour_talk(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                 kept: list) -> bool:
    """Singular "talk" with a content clause or a rumour's quantifier: "there has been talk
    that ...", "some talk of a curfew" (talks between parties are plural)."""
    if head != "talk" or token != "talk":
        return False
    after = words.after(1)
    before = words.before(4)
    prev = before[-1] if before else ""
    if prev in RUMOUR_QUANTIFIERS:
        return True
    # "there has been talk that", "the talk of a curfew" (not the verb: "let's talk about it")
    return after[:1] in (["that"], ["of"], ["about"]) \
        and prev in ("is", "was", "been", "are", "were", "the", "no", "any", "all")


CONSULT_PREPOSITIONS = frozenset({"with", "to", "between", "among", "amongst"})


def _speaking(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
              kept: list) -> bool:
    """"Abbas talks during his campaign speech": "talks" as the verb of a person speaking, with
    nobody talked with (not "talks with Israel", not "the Geneva talks")."""
    if head != "talk" or token not in ("talks", "talked", "talking"):
        return False
    i = words.start - 1
    if i < words.s0:
        return False
    prev = doc[i]
    person = prev.ent_type_ == "PERSON" or prev.lower_ in ("he", "she")
    if not person or (i - 1 >= words.s0 and doc[i - 1].lower_ in ("the", "a", "an")):
        return False
    own = [doc[i].lower_ for i in range(words.start + 1, words.end)]  # the lexicon's "talk with"
    return not any(w in CONSULT_PREPOSITIONS for w in own + words.after(4))


PURPOSE_NOUNS = frozenset({"retaliation", "reprisal", "reprisals", "revenge", "retribution", "response", "reaction",
                           "vengeance"})


def _purpose_phrase(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                    kept: list) -> bool:
    """"in retaliation for the attack", "in response to the raid", "as opposed to the north"."""
    before, after = words.before(1), words.after(1)
    if token == "opposed" and before == ["as"] and after == ["to"]:
        return True
    return token in PURPOSE_NOUNS and before == ["in"] and after[:1] in (["for"], ["to"], ["against"])


def _standing_noun(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                   kept: list) -> bool:
    """"US standing with local Iraqis", "the country's standing": a reputation (a noun after a
    noun, name, adjective or possessive), not "is standing with Ukraine"."""
    if token != "standing" or words.start <= words.s0:
        return False
    prev = doc[words.start - 1]
    return prev.lower_ in ("'s", "’s", "its", "their", "his", "her", "our") \
        or (prev.lower_ not in BE and (prev.tag_ in ("NN", "NNP", "JJ") or prev.pos_ == "PROPN"))


def _demonstrative(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                   kept: list) -> bool:
    """"this kidnapping makes him look weak", "those attacks": a demonstrative noun phrase
    refers to an act told before (in an earlier sentence), not a new report. "that" counts
    only as a determiner ("said that protests erupted" is a complementiser)."""
    if not nominal:
        return False
    i = words.start - 1
    while i >= words.s0 and words.start - i <= 3 and doc[i].pos_ in ("ADJ", "NOUN") \
            and doc[i].lower_ not in DEMONSTRATIVES:
        i -= 1
    if i < words.s0 or doc[i].lower_ not in DEMONSTRATIVES:
        return False
    if doc[i].lower_ == "those" and i == words.start - 1 and doc[words.start].lower_.endswith(("ed", "en")):
        return False  # "Those convicted by the court included ...": those who were convicted
    if doc[i].lower_ == "that" and (doc[i].tag_ != "DT" or (i > words.s0 and doc[i - 1].pos_ in ("VERB", "AUX"))):
        return False  # "the argument was that prorogation is ...": a complementiser
    return not (i > words.s0 and doc[i - 1].lower_ in ("after", "before", "since"))  # a time phrase: its own rule


DEVICES = frozenset({"bomb", "bombs", "explosive", "explosives", "device", "devices", "ied", "ieds", "mine", "mines",
                     "grenade", "grenades"})
FOUND = frozenset({"found", "discovered", "defused", "dismantled", "detected", "uncovered", "seized", "recovered",
                   "neutralised", "neutralized", "disarmed", "defusing", "finding", "discovering", "intercepted"})


def _found_device(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                  kept: list) -> bool:
    """"two car bombs were discovered before they could be detonated", "police defused a bomb":
    a device found is an attack that did not happen."""
    if etype != "ASSAULT" or doc[words.end - 1].lower_ not in DEVICES:
        return False
    return any(w in FOUND for w in words.after(4) + words.before(4))


FAILURES = frozenset({"failure", "failures", "inability", "unwillingness", "reluctance"})


def _failed_act(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                kept: list) -> bool:
    """"the failure of the Indian army to disarm the rebels": an act that did not happen."""
    before = words.before(12, c0)
    if "to" not in before:
        return False
    k = len(before) - 1 - before[::-1].index("to")
    between = before[k + 1:]  # "to disarm or even subdue the rebels": the failed acts coordinated
    if between and not (len(between) <= 6 and any(w in ("or", "and") for w in between)):
        return False
    return any(w in FAILURES for w in before[max(0, k - 6):k])


KILLABLE = frozenset({"talks", "deal", "bill", "agreement", "process", "plan", "hopes", "chances", "negotiations",
                      "proposal", "measure", "legislation", "idea", "initiative", "momentum", "accord", "treaty",
                      "reform", "reforms", "story", "project"})


def _figurative_kill(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                     kept: list) -> bool:
    """"he will kill potential peace talks", "killed the bill": to end a plan, not a person."""
    return head == "kill" and not nominal and any(w in KILLABLE for w in words.after(4))


SUGGESTING = frozenset({"suggest", "suggests", "suggesting", "suggested", "propose", "proposes", "proposing",
                        "proposed", "recommend", "recommends", "recommending", "recommended", "advocate",
                        "advocates", "advocating", "advocated"})


def _suggested(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
               kept: list) -> bool:
    """"people who are suggesting that we go out and fight them": a verb in the base form in
    what someone suggests (not "reports suggested that the rebels attacked": a past act)."""
    if nominal or doc[words.start].tag_ not in ("VB", "VBP"):
        return False
    before = words.before(10, c0)
    return any(w in SUGGESTING and nxt == "that" for w, nxt in zip(before, before[1:]))


SEEING = frozenset({"see", "sees", "saw", "seen", "seeing", "view", "views", "viewed", "viewing", "regard",
                    "regards", "regarded", "perceive", "perceives", "perceived", "interpret", "interprets",
                    "interpreted"})  # (not "described the attack as": the statement rules read that)
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"})


def _seen_as(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
             kept: list) -> bool:
    """"many see the Israeli air strikes as a response": the act is what a view is about."""
    if not nominal:
        return False
    before = words.before(5)
    k = next((k for k in range(len(before) - 1, -1, -1) if before[k] in DETERMINERS), None)
    if k is None or k == 0 or before[k - 1] not in SEEING:
        return False
    return "as" in words.after(3)


JUDGING_ACTS = frozenset({"punish", "punishes", "punished", "punishing", "blame", "blames", "blamed", "blaming",
                          "thank", "thanks", "thanked", "thanking", "praise", "praises", "praised", "praising",
                          "reward", "rewards", "rewarded", "rewarding", "fault", "faulted", "criticise",
                          "criticised", "criticising", "criticize", "criticized", "criticizing", "target",
                          "targeted", "targeting", "targets"})


def _reason_for(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                kept: list) -> bool:
    """"punishing the leaders for cooperating with the elections": the reason for the act of
    punishing, thanking or blaming, told as that act's cause."""
    if not token.endswith("ing"):
        return False
    before = words.before(10, c0)
    return bool(before) and before[-1] == "for" and any(w in JUDGING_ACTS for w in before[:-1])


TOPICS = frozenset({"implications", "implication", "consequences", "impact", "effects", "significance", "lessons",
                    "legacy", "meaning", "ramifications", "repercussions", "anniversary", "memory", "memories",
                    "coverage", "analysis"})


def _topic(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
           kept: list) -> bool:
    """"has more on the political implications of the Fallujah assault", "the anniversary of
    the massacre": the act is the topic of what is said, told elsewhere."""
    if not nominal:
        return False
    before = words.before(6)
    if "of" not in before:
        return False
    k = len(before) - 1 - before[::-1].index("of")
    return k > 0 and before[k - 1] in TOPICS


RISKS = frozenset({"collapse", "derail", "undermine", "unravel", "overshadow", "destabilise", "destabilize", "wreck",
                   "scuttle", "jeopardise", "jeopardize", "torpedo", "spill", "engulf", "overwhelm", "tear", "split",
                   "plunge", "sink", "erode", "reverse", "paralyse", "paralyze", "disrupt", "escalate", "spiral",
                   "eclipse", "doom", "upend", "halt", "stall", "cripple", "divide", "complicate"})


# Subjects that can endanger but not threaten: "the scandal threatens to subsume ...".
THREATENING_THINGS = frozenset({
    "scandal", "crisis", "conflict", "violence", "war", "fighting", "disease", "epidemic", "pandemic", "virus",
    "unrest", "situation", "dispute", "row", "shortage", "drought", "famine", "inflation", "recession", "debt",
    "deficit", "move", "decision", "plan", "policy", "law", "measure", "bill", "change", "changes", "development",
    "developments", "problem", "problems", "issue", "case", "tensions", "standoff", "stalemate", "deadlock", "rise",
    "spread", "affair", "controversy", "outbreak", "collapse", "rain", "rains", "water", "waters", "levels", "prices",
    "cuts", "strike",
    # from wire news outside the development sets: "the disputed vote threatens to further destabilize",
    # "clashes threatened to throw the country back into chaos"
    "vote", "clash", "clashes", "escalation", "tension", "measures", "tariff", "tariffs", "shutdown", "impasse",
    "crash", "shortages", "storm", "hurricane", "cyclone", "flooding", "floods", "fire", "fires"}) | NATURAL_FORCES


def _risk(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
          kept: list) -> bool:
    """"this new political voice is threatening to collapse the peace process", "the scandal
    threatens to subsume the party's gains": a danger told of a thing; a party's threat has a
    person, group or country as its subject."""
    if head != "threaten" or nominal:
        return False
    if doc.has_annotation("DEP"):
        root = doc[words.start:words.end].root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.lower_ in THREATENING_THINGS and not subject.ent_type_:
            return True
    after = words.after(3)
    if after[:1] != ["to"] or len(after) < 2 or after[1] not in RISKS:
        return False
    lo = max(c0, words.start - 8)
    return not any(doc[i].ent_type_ in ACTOR_LABELS or doc[i].lower_ in PERSON_PRONOUNS
                   for i in range(lo, words.start))


STALLED = frozenset({"stalled", "stalemated", "deadlocked", "stuck", "frozen", "moribund", "dead", "dormant",
                     "stagnant", "stagnating", "floundering", "faltering"})


def _stalled(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
             kept: list) -> bool:
    """"the two-year peace talks between A and B are stalemated": the state talks are in."""
    if not nominal:
        return False
    root = doc[words.start:words.end].root
    if root.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and root.head.lower_ in STALLED:
        return True
    after = [w for w in words.after(4) if w not in ("still", "now", "currently", "largely")]
    return len(after) >= 2 and after[0] in BE and after[1] in STALLED


def _committed(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
               kept: list) -> bool:
    """"which had earlier been absolutely committed to getting out the vote": "committed"
    after "be" and adverbs is a stance (the decider drops "is committed to" itself)."""
    if etype != "AGREE" or head != "commit" or token != "committed":
        return False
    i = words.start - 1
    adverbs = 0
    while i >= words.s0 and (doc[i].pos_ == "ADV" or doc[i].lower_.endswith("ly")) and adverbs < 3:
        i -= 1
        adverbs += 1
    return adverbs > 0 and i >= words.s0 and doc[i].lower_ in BE


JUDGEMENTS = OPINIONS | frozenset({"criminal", "cowardly", "barbaric", "heinous", "shameful", "outrageous",
                                   "unforgivable", "despicable", "terrorism", "atrocity", "massacre", "aggression"})


def _judged(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
            kept: list) -> bool:
    """"said the attack was 'criminal'", "this bombing is cowardly": a definite act judged,
    the judgement is the statement (typed on the speech verb), the act told elsewhere."""
    if not nominal:
        return False
    before = words.before(3)
    if not before or before[-1] not in DETERMINERS:
        return False
    after = [w for w in words.after(6) if w not in QUOTES and w not in ("not", "also", "a", "an", "very", "simply")]
    return len(after) >= 2 and after[0] in BE and after[1] in JUDGEMENTS


def _scare_quotes(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                  kept: list) -> bool:
    """"Lone 'confessed' his involvement", "this sudden false 'solidarity'": a word put in
    quotation marks on its own is the writer doubting it, not a report of the act."""
    if words.end - words.start != 1 or words.start <= words.s0 or words.end >= words.s1:
        return False
    prev, nxt = doc[words.start - 1].text, doc[words.end].text
    return prev in QUOTES and nxt in QUOTES and (words.start - 1 == words.s0 or doc[words.start - 2].text not in QUOTES)


EVENT_HEADS = frozenset({"campaign", "campaigns", "spree", "sprees", "raid", "raids", "attack", "attacks", "operation",
                         "operations", "mission", "missions", "rampage", "incident", "incidents", "war", "wars"})


def _ing_adjective(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                   kept: list) -> bool:
    """"the group's 'striking arm'", "a fighting force": an -ing form between a determiner or
    possessive and a noun describes the noun (not "a bombing campaign", "a looting spree")."""
    if nominal or words.end - words.start != 1 or not token.endswith("ing"):
        return False
    i = words.start - 1
    while i >= words.s0 and doc[i].text in QUOTES:
        i -= 1
    j = words.end
    while j < words.s1 and doc[j].text in QUOTES:
        j += 1
    if i < words.s0 or j >= words.s1:
        return False
    if doc[i].lower_ not in ("a", "an", "the", "its", "his", "her", "their", "our", "'s", "’s"):
        return False
    nxt = doc[j]
    return nxt.tag_ in ("NN", "NNS") and nxt.is_lower and nxt.lower_ not in EVENT_HEADS


PREPARATIONS = frozenset({"preparations", "preparation", "plotting", "rehearsals", "rehearsal"})
RUMOURS = frozenset({"rumours", "rumors", "rumour", "rumor", "speculation", "gossip", "hearsay"})


def _rumoured(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
              kept: list) -> bool:
    """"rumours about preparations by slum dwellers for another looting spree", "rumours of a
    coup": an act prepared or rumoured, not one that happened."""
    before = words.before(10, c0)
    pairs = list(zip(before, before[1:]))
    if any(a in RUMOURS and b in ("of", "about", "that") for a, b in pairs):
        return True
    if "for" not in before:
        return False
    k = len(before) - 1 - before[::-1].index("for")  # "preparations (by X) for another attack"
    return len(before) - k <= 4 and any(w in PREPARATIONS for w in before[max(0, k - 5):k])


def _protest_participle(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                        kept: list) -> bool:
    """"demonstrated in Baghdad on Friday, protesting the killing of ...", "marched through the
    streets chanting songs and carrying placards expressing frustration": a participle clause
    restating the protest just kept (one act, one event), after a comma or straight after the
    protest's own phrase; the frustration its placards express is its message (ruling 2)."""
    if not (etype == "PROTEST" or (etype == "ACCUSE" and head == "express")) or nominal or not token.endswith("ing"):
        return False
    if words.start - 1 < words.s0:
        return False
    for end, kept_type in reversed(kept):
        if kept_type == "PROTEST" and words.start - 14 <= end < words.start:
            between = range(end, words.start)
            if any(doc[k].lower_ in (";", ".", "but", "while", "whereas") or doc[k].tag_ in FINITE_VERB_TAGS
                   for k in between):
                return False
            if doc[words.start - 1].text == ",":
                return not any(doc[k].lower_ == "and" for k in between)
            # no comma: only participles and the phrases they govern since the protest
            # ("and" only joining one participle to the next; "with protesters blocking roads"
            # gives the participle a subject of its own, an act of its own; after a comma,
            # "gathered outside, chanting slogans and blocking the avenue" blocks apart)
            return all((doc[k].pos_ not in ("VERB", "AUX") or doc[k].tag_ == "VBG") and doc[k].lower_ != "with"
                       and not doc[k].is_punct for k in between) and (
                doc[words.start - 1].lower_ != "and" or any(doc[k].lower_.endswith("ing") for k in between))
    return False


CONDITIONS = frozenset({"if", "unless"})
MODAL_WORDS = frozenset({"will", "would", "could", "may", "might", "shall", "'ll", "can"})


def _conditional_prediction(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                            kept: list) -> bool:
    """"If Abbas keeps up this talk he will kill ...": the writer's prediction on a condition
    opening the sentence, about a third party (a threat is made by its speaker: "we will
    strike", in a quotation)."""
    if nominal or doc[words.s0].lower_ not in CONDITIONS:
        return False
    if sum(doc[k].text in QUOTATION_MARKS for k in range(words.s0, words.start)) % 2:
        return False  # inside a quotation: the speaker's own words
    before = range(max(words.s0, words.start - 4), words.start)
    return any(is_modal(doc[k], MODAL_WORDS) for k in before) \
        and not any(doc[k].lower_ in ("i", "we") for k in before)


# (not "money", "funds", "donors": a state asking for funds makes a political request)
DONATIONS = frozenset({"donating", "donations", "donation", "donate", "blood"})


def _donation_appeal(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                     kept: list) -> bool:
    """"Mosques are calling for donating blood, food, and medicine": an appeal to the public
    for gifts (dev-set ruling 14: no political request), not a call on a party."""
    return etype == "REQUEST" and any(w in DONATIONS for w in words.after(3))


ADMITTING = frozenset({"admit", "concede", "acknowledge"})
# what makes an admission a concession: a wrong or a harm done by the admitting side
ADMITTED_WRONGS = FAULT_NOUNS | frozenset({
    "responsibility", "wrongdoing", "guilt", "guilty", "fault", "blame", "abuse", "abuses", "misconduct",
    "negligence", "lapse", "lapses", "unintentionally", "mistakenly", "wrongly", "illegal", "illegally",
    "killed", "shot", "attacked", "bombed", "tortured", "abused", "detained", "misled", "lied", "failed",
    "violated", "broke", "broken", "defeat", "lost"})


def _fact_admitted(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                   kept: list) -> bool:
    """Admitting, conceding or acknowledging *that* something is so, with no wrong or harm in
    what is admitted: "he admitted that the economy was weak"."""
    if etype != "CONCEDE" or head not in ADMITTING or nominal:
        return False
    trigger = doc[words.start]
    clause = words.after(1) == ["that"] or any(c.dep_ == "ccomp" for c in trigger.children)
    if not clause:
        return False  # "conceded defeat", "admitted responsibility": the object is the concession
    said = [doc[i].lower_ for i in range(words.end, min(words.s1, words.end + 15))]
    return not any(w in ADMITTED_WRONGS for w in said)


# what turns a warning into a threat: harm the warning side will do
THREATENED_HARM = frozenset({
    "retaliate", "retaliation", "retaliatory", "respond", "response", "strike", "strikes", "attack", "attacks",
    "punish", "punishment", "consequences", "consequence", "force", "action", "measures", "sanctions",
    "destroy", "crush", "price", "regret", "we", "our", "us", "i", "ourselves", "countermeasures",
    "counter-measures", "countermeasure", "reprisal", "reprisals", "retribution"})
# "warned of all-out war if the insurgents spurned the peace initiative": war on a condition the
# other side may meet is the warning side's threat (not an observer's forecast of war).
WAR_WORDS = frozenset({"war", "wars", "conflict", "fighting", "bloodshed"})
OBSERVERS = frozenset({"experts", "analysts", "economists", "observers", "scientists", "researchers", "report",
                       "study", "diplomats", "commentators", "historians"})


def _danger_warning(doc: Any, words: Window, c0: int, etype: str, head: str, token: str, nominal: bool,
                    kept: list) -> bool:
    """A warning about what may happen ("warned that millions could face famine", "warned of a
    collapse") or to the public ("warned its citizens to leave"), with no harm the warning side
    announces."""
    if etype != "THREATEN" or head != "warn" or nominal:
        return False
    if public_advice(doc, words):
        return True  # "warned its citizens to avoid the area": ruling 14, as for a request
    if any(doc[i].lower_ in WEATHER for i in range(words.s0, words.s1)):
        return True  # "heavy rain could cause flooding, the Met Office warned": a forecast
    after = words.after(25)  # (a condition may come first: "warned that if provoked by ..., Belarus would respond")
    k = next((i for i, w in enumerate(after[:5]) if w in ("that", "of", "about")), None)
    if k is None and not POSSIBLE & set(after[1:5]):
        return False  # "warned the rebels to lay down their arms", "we warn you": left to the threat
    said = after if k is None else after[k + 1:]  # "warned water levels could still rise": "that" left out
    own_side = any(w in OWNERS and n in OWN_SIDES and _own_act_announced(said[k + 2:k + 4])
                   for k, (w, n) in enumerate(zip(said, said[1:]))) or any(
        w in WARNERS and READY & set(said[k + 1:k + 4]) for k, w in enumerate(said[:3]))
    war_on_condition = bool(WAR_WORDS & set(said[:6])) and bool({"if", "unless"} & set(said)) \
        and not OBSERVERS & set(words.before(6))
    return not own_side and not war_on_condition and not any(w in THREATENED_HARM for w in said)


def _own_act_announced(after_side: list[str]) -> bool:
    """After "his country": "would challenge", "will respond", or "may"/"could" with force."""
    return bool(WILL & set(after_side)) or (len(after_side) == 2 and after_side[0] in POSSIBLE
                                             and after_side[1] in FORCE_VERBS)


# "warned water levels could still rise": a possibility told, as after "warned that"
POSSIBLE = frozenset({"could", "may", "might"})
# "warned that his country would challenge ...": the warning side's own act is the harm announced
# (not "warned that their country could face famine"); "may"/"could" only before force ("his
# country may target TTP hideouts").
FORCE_VERBS = frozenset({"target", "strike", "attack", "hit", "retaliate", "bomb", "invade", "respond"})
WILL = frozenset({"will", "would", "'ll", "shall"})
OWNERS = frozenset({"his", "her", "its", "their"})
# "warned that it was prepared to impose further costs": the warning side ready to act
WARNERS = frozenset({"it", "they", "we", "he", "she"})
READY = frozenset({"prepared", "ready", "willing", "determined"})
OWN_SIDES = frozenset({"country", "government", "forces", "army", "military", "troops", "side", "administration",
                       "nation", "state", "group", "movement", "party", "organisation", "organization"})


RULES = (
    ("talk as rumour", _rumour_talk),
    ("speaking, not consulting", _speaking),
    ("purpose phrase", _purpose_phrase),
    ("noun 'standing'", _standing_noun),
    ("act told before (demonstrative)", _demonstrative),
    ("device found, not set off", _found_device),
    ("failed act", _failed_act),
    ("figurative 'kill'", _figurative_kill),
    ("content of a suggestion", _suggested),
    ("act seen as something", _seen_as),
    ("reason for another act", _reason_for),
    ("topic of a discussion", _topic),
    ("a risk, not a threat", _risk),
    ("a state of the act", _stalled),
    ("committed (a stance)", _committed),
    ("act judged", _judged),
    ("scare quotes", _scare_quotes),
    ("participle adjective (-ing)", _ing_adjective),
    ("prepared or rumoured act", _rumoured),
    ("same protest, participle clause", _protest_participle),
    ("appeal for donations", _donation_appeal),
    ("conditional prediction", _conditional_prediction),
    ("a fact admitted", _fact_admitted),
    ("a warning of danger", _danger_warning),
)
