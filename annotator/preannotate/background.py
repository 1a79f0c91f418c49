"""Trigger words a sentence uses without reporting an act: background, reputation, danger.

The decider (decide.py) asks `background_verdict` about each candidate before it looks at
embedding and modality. Each rule below names one linguistic class of mention that the coding
guidelines (dev-set rulings 4, 7, 9, 10, 14) do not code, and returns its name as the verdict
(benchmarks/trace_events.py counts them):

- "reputation": "was known for mediating", "became known for his violent treatment" (ruling 10);
- "danger, not a threat": "a new threat to Mugabe's rule", "poses a threat": the noun names a
  danger, not a warning made by someone;
- "content of a request": "demands for a new investigation", "calls for sanctions": what is
  asked for has not happened (the request itself is typed by its own trigger);
- "campaign promise": "as part of his election campaign, pledged ...", "his campaign promises"
  (ruling 4: election acts);
- "stance on a cause": "openly supported independence", "supported education and healthcare":
  a standing position on a cause (ruling 7), not support given to an actor or a proposal;
- "a state": "The PKK is banned in Turkey", "Northern Cyprus, which is recognized only by
  Turkey", "It is host to a coalition": a present-tense state, not an act;
- "same act told again": "Police arrested five protesters, and the arrests sparked anger", "met
  his counterpart; the meeting lasted two hours" (a definite noun restating a kept act of the
  sentence, ruling 7), "A bombing at a mosque, which killed 20 people, ..." (the toll of the
  attack noun in a relative clause, ruling 1);
- "possible act": "a possible attack", "fears of renewed protests", "in the event of an
  invasion", "prepared for an attack", "foiled attacks": an act feared, expected, prevented;
- "did not happen": "Protests are not reported in Mosul", "the talks did not take place",
  "They have conceded nothing";
- "still to come": "a full-scale clampdown is on the way", "sanctions loom";
- "advice to the public": "advised U.S. citizens to leave", "asked for patience", "asking voters
  to vote" (rulings 9 and 14);
- "appointment": "designated Wiranto as the nation's security minister" (a designation that is
  not a terrorist listing);
- "injury": "suffered two deep wounds" (the noun "wound" names the injury);
- "political rally": "in a rally on Friday" where a politician speaks, "campaign rallies": a
  meeting of supporters, not a protest against someone;
- "background clause": "Wiranto, who was visiting the town", "the group, which has been fighting
  the army since 2015": a relative clause in the progressive or perfect describes the actor;
- "characterised act": "shot him dead ... in what the police declared a terrorist attack", "the
  overthrow of his father was a bloodless coup": the noun labels the act just told;
- "opinion about the act": "found the air strike justified", "the attack was a mistake": the act
  is what an opinion is about, told elsewhere;
- "expected, not announced": "was due to stand down in August", "is expected to resign": a
  schedule or others' expectation, not the actor's announced concession;
- "attendance": "around 18,250 to 63,000 visitors attended the rally" (ruling 10: a tally of an
  event told elsewhere).

Tokens only (lower-case forms, `is_title`, entity types, a few POS tags when present); no
spaCy import. Each rule reads a few tokens around the trigger: cheap per sentence.
"""

from __future__ import annotations

from typing import Any

from .frames import RELATIVE_DEPS
from .gazetteer import ACTOR_LABELS, GENERIC_ACTORS
from .lexicon import closed_compound

BREAKS = frozenset({".", ";", ":", "but", "while", "whereas", "although", "though", "because"})
# Articles and possessives that make a noun phrase point at something already known.
DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their"})
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"})
# Fires, floods and storms destroy, kill and endanger, but they are no party to an event.
NATURAL_FORCES = frozenset({"fire", "fires", "blaze", "flood", "floods", "flooding", "storm", "earthquake", "quake",
                            "hurricane", "typhoon", "cyclone", "tornado", "landslide", "wildfire", "wildfires",
                            "lightning", "tsunami", "avalanche"})
# Accidents and natural hazards: harm told with one of these and no assailant was done by no party
# (decide.py), and a report of it blames no one (statements.py).
MISHAPS = (NATURAL_FORCES - {"fire", "fires"}) | frozenset({  # "cease fire", "fire extinguisher", "opened fire"
    "crash", "crashed", "accident", "collision", "collided", "stampede", "plunged", "plunge", "capsized",
    "overturned", "derailed", "derailment", "collapsed", "collapse", "sank", "skidded", "mudslide", "mudslides",
    "landslides", "floodwaters", "quakes", "earthquakes", "storms", "heatwave", "blizzard", "eruption",
    "volcano", "aftershock", "aftershocks", "magnitude"})
# The weather and natural hazards: a warning of them is a forecast (unreported.py), what they do
# or make people do ("the rains cut off power", "evacuated after flash floods") no party did
# (decide.py).
WEATHER = MISHAPS | frozenset({"rain", "rains", "rainfall", "downpours", "snowfall", "thunderstorm", "thunderstorms",
                               "gales", "winds", "temperatures", "drought", "forecast", "forecasters",
                               "meteorological"})


def background_verdict(doc: Any, s0: int, s1: int, c0: int, start: int, end: int, etype: str, lemma: str,
                       nominal: bool, kept_types: list[tuple[int, str]]) -> str | None:
    """The name of the class of mention doc[start:end] belongs to, or None (a report).
    `c0` is where its clause starts; `kept_types` the (end, type) of the acts kept before it."""
    words = Window(doc, s0, s1, start, end)
    head = lemma.split()[0]
    # a word the lexicon has as verb and noun ("attack", "protest") is a noun where the tagger says so
    nominal = nominal or (end - start == 1 and doc[start].pos_ in ("NOUN", "PROPN"))
    if _reputation(words, c0):
        return "reputation"
    if _track_record(words):
        return "a record of acts"
    if nominal and _campaigned_against(words):
        return "a cause campaigned against"
    if _as_done_before(words, c0):
        return "pointed back to"  # "As we have pledged, we will not allow ...": the pledge made before
    if lemma == "call in" and not DIPLOMATS & set(words.after(6)):
        return "other sense"  # "called in sick", "called in to the show" (an envoy called in is summoned)
    if nominal and head == "threat" and _danger(doc, words):
        return "danger, not a threat"
    if (nominal and _asked_for(words)) or (not nominal and _asked_to(words)):
        return "content of a request"
    if etype == "AGREE" and _campaign(words):
        return "campaign promise"
    if etype == "SUPPORT" and _cause(doc, words):  # "supported" is a literal (nominal) lexicon form
        return "stance on a cause"
    if _did_not_happen(words, nominal or _subject_form(doc, words, c0)):
        return "did not happen"
    if nominal and _to_come(words):
        return "still to come"
    if etype == "REQUEST" and public_advice(doc, words):
        return "advice to the public"
    if etype == "REQUEST" and not nominal and _protest_demanding(words):
        return "demand of the protest"  # ruling 2, whether or not the protest itself is told here
    if head == "designate" and not _near_word(words, TERROR_WORDS, 12):
        return "appointment"
    if doc[start].lower_ in ("wound", "wounds") and start > s0 and (
            nominal or doc[start - 1].like_num or doc[start - 1].pos_ == "ADJ" or doc[start - 1].lower_ in NOUN_START):
        return "injury"
    if etype == "PROTEST" and head == "rally" and _political_rally(words, c0):
        return "political rally"
    if etype == "PROTEST" and (lemma in GATHERING or lemma.startswith("burst into")) and not nominal \
            and not _protesters_subject(words, c0) and not _gathered_in_protest(words) \
            and not SUPPORTERS & set(words.before(3, c0)):
        return "others gathering"  # "officials gathered in Geneva", "gunmen burst into a school"
    if (not nominal or doc[start].lower_.endswith(("ed", "ing", "en"))) and _background_clause(words, c0):
        return "background clause"
    if nominal and _characterised(words, etype, kept_types):
        return "characterised act"
    if nominal and _opinion_about(doc, words):
        return "opinion about the act"
    if nominal and _judged_or_label(words):
        return "act judged or label given"
    if etype in ("RETREAT", "CONCEDE") and not nominal and _expected(words, c0):
        return "expected, not announced"
    if nominal and _attendance(doc, words, c0):
        return "attendance"
    if not nominal and _tally(doc, words, c0, etype):
        return "tally"
    if _habitual(words, c0) or (nominal and (_generic_subject(doc, words) or _common_issue(words))):
        return "generic statement"
    if nominal and _policy_of(words):
        return "a policy, not an act"
    if _present_state(doc, words, nominal, etype):
        return "a state"
    if etype == "ACCUSE" and nominal and words.before(1) == ["under"]:
        return "a state"  # "a person under investigation by the court": a standing condition
    if (nominal or _subject_form(doc, words, c0)) and _judged(doc, words):
        return "opinion about the act"
    sense = next((w for w in lemma.split() if w in OTHER_SENSES), None)
    if sense is not None and _other_sense(doc, words, OTHER_SENSES[sense]):
        return "other sense"
    if _word_sense_not_an_act(doc, words, etype, head, nominal):
        return "other sense"
    if nominal and head == "talk" and doc[start].lower_ == "talk" and _a_talk(words):
        return "a talk (speech)"
    if nominal and (_appositive_label(doc, words, etype, kept_types) or _predicate_label(doc, words, etype, kept_types)):
        return "characterised act"
    if etype in ("REJECT", "SUPPORT") and head in VOTE_POSITIONS and _vote(words):
        return "a vote"
    if etype == "REQUEST" and _personal_advice(words):
        return "personal advice"
    if head in ("allege", "alleged") and doc[start].lower_ == "alleged" and words.word(start - 1) in ADJ_PREPS:
        return "adjective 'alleged'"
    if head in ("allege", "alleged") and words.word(start - 1) in REPORTS:
        return "a report, not an accusation"
    if _participle_adjective(doc, words):
        return "participle adjective"
    if nominal and _told_again(doc, words, etype, kept_types):
        return "same act told again"
    if not nominal and etype == "ASSAULT" and _toll_clause(doc, words, kept_types):
        return "same act told again"
    if nominal and _unreal(doc, words):
        return "possible act"
    if nominal and etype == "ASSAULT" and _definite_setting(words, kept_types):
        return "setting of an act told before"
    if etype == "REQUEST" and _election_appeal(words):
        return "election appeal"
    if not nominal and _listed_again(doc, words, etype, kept_types):
        return "same act listed"
    if _proposed_content(doc, words):
        return "content of a proposal"
    return None


def retype(doc: Any, s0: int, s1: int, c0: int, start: int, end: int, etype: str, lemma: str, nominal: bool,
           kept_types: list[tuple[int, str]]) -> tuple[str, str | None, str] | None:
    """(type, mode, reason) when PLOVER types the act otherwise than its trigger word does:
    - protesters' demands are part of the protest (dev-set ruling 2): "Protesters called for
      his resignation" -> PROTEST (dropped by the decider when the protest is already kept);
    - protesters clashing with police, or burning, looting or throwing stones -> PROTEST/riot;
      protesters surrounding a building, a party's supporters storming a compound -> PROTEST;
    - troops deployed to rescue or help -> AID (PLOVER: deploying forces for relief is AID);
    - withdrawing from a treaty, agreement or body, or withdrawing one's diplomats ->
      SANCTION/withdraw (PLOVER: "pulling one's own non-military resources or membership out");
    - a state protesting ("China protested to Japan", "the foreign ministry protested the
      decision") -> ACCUSE/disapprove: a diplomatic protest is a complaint, not a demonstration
      (as "lodged a protest with");
    - a foreign diplomat summoned, a protest lodged -> ACCUSE/disapprove; summoned for
      questioning -> ACCUSE/investigate;
    - a missile fired into the sea or in a test -> MOBILIZE/weapons;
    - military exercises with another country's forces -> COOPERATE;
    - foreign diplomats or forces ordered to leave, diplomats ousted -> SANCTION/expel;
    - a vow to fight, to take revenge or to bring to justice, or one on a condition -> THREATEN;
    - retaliation with tariffs or by expelling -> SANCTION; sanctions that target -> SANCTION;
    - jailed for a term -> SANCTION/convict; captives handed over -> RETREAT/release;
    - aid frozen, suspended or cut -> SANCTION/discontinue; an act done opposed -> ACCUSE/disapprove;
    - armed men looting -> COERCE/seize; a vow to defy -> REJECT; another's decision regretted
      -> ACCUSE/disapprove; a request or demand agreed to -> CONCEDE."""
    words = Window(doc, s0, s1, start, end)
    head = lemma.split()[0]
    if etype == "REQUEST" and not nominal and _protesters_subject(words, c0):
        return "PROTEST", "demo", "protesters' demand"
    if etype == "ASSAULT" and head in ("clash", "clashes", "scuffle", "scuffled") and _protesters_subject(words, c0) \
            and not _with_another_crowd(words):
        return "PROTEST", "riot", "protesters clashing"
    if etype == "ASSAULT" and head in ("clash", "clashes") and nominal and _clash_between_protesters(words):
        return "PROTEST", "riot", "protesters clashing"
    if etype == "ASSAULT" and (head in RIOT_ACTS or _attack_and_riot(words) or _police_attacked(words)) \
            and not nominal \
            and not _with_another_crowd(words) and (_protesters_subject(words, c0) or _protesters_agent(words)):
        return "PROTEST", "riot", "protesters rioting"
    if etype == "ASSAULT" and head in ("storm", "stormed") and not nominal \
            and _protesters_subject(words, c0, SUPPORTERS):
        # "Supporters of ... Muqtada al-Sadr stormed Baghdad's Green Zone": a party's crowd
        # breaking in riots as protesters do
        return "PROTEST", "riot", "supporters storming"
    if etype == "COERCE" and head in CROWDING and _protesters_subject(words, c0):
        return "PROTEST", "demo", "protesters surrounding"
    if etype == "COERCE" and head in ("occupy", "occupied") and not nominal and _protesters_subject(words, c0):
        # "Protesters have occupied universities across Serbia": a sit-in that blocks the place
        # (PLOVER PROTEST/obstruct), not a force seizing ground
        return "PROTEST", "obstruct", "protesters occupying"
    if etype == "PROTEST" and head in ("barricade", "barricades") and _security_subject(words, c0) \
            and not any(w.startswith(CLEARING_STEMS) for w in words.before(4)):
        # "Police and para-military forces put up barricades in various parts of Srinagar": a
        # cordon the police set (the coding guide's COERCE/restrict), not protesters' blockade
        # (the barricades the police clear are the protesters', told by the clearing)
        return "COERCE", "restrict", "police barricades"
    if etype == "PROTEST" and head == "protest" and not nominal and _state_protest(doc, words):
        return "ACCUSE", "disapprove", "diplomatic protest"
    if etype == "MOBILIZE" and _deployed_to_help(words):
        return "AID", None, "deployed to help"
    if etype == "RETREAT" and head in ("withdraw", "withdrawal", "pull") and _from_agreement(words):
        return "SANCTION", "withdraw", "withdrawal from an agreement"
    if etype == "RETREAT" and head == "withdraw" and not nominal and DIPLOMATS & set(words.after(4)):
        return "SANCTION", "withdraw", "diplomats recalled"  # "decided to withdraw all its diplomats in Tel Aviv"
    if etype == "REQUEST" and (head == "summon" or lemma == "call in") and ((DIPLOMATS | {"embassy", "representations"}) & set(
            words.before(6) + words.after(12)) or _high_commissioner(words.after(6))):
        # "summoned X, deputy chief of the Japanese Embassy, to make stern representations"
        return "ACCUSE", "disapprove", "diplomat summoned"
    if etype == "REQUEST" and head == "summon" and INQUIRY & set(words.after(12)):
        return "ACCUSE", "investigate", "summoned for questioning"  # "was summoned by a judge ... for questioning"
    if etype == "AGREE" and head == "invite" and DIPLOMATS & set(words.after(5)) and "ministry" in words.after(12):
        return "ACCUSE", "disapprove", "diplomat summoned"  # "we invited the Ambassador of Ukraine to the Ministry"
    if etype == "PROTEST" and nominal and (LODGING & set(words.before(3)) or words.before(2) == ["letter", "of"]
                                           or _protest_made_by_state(doc, words)
                                           or (words.after(2)[:1] in (["was"], ["were"]) and LODGING & set(words.after(2)))):
        return "ACCUSE", "disapprove", "diplomatic protest"  # "lodged a protest", "a letter of protest"
    if etype == "ASSAULT" and head in ("fire", "launch") and _test_firing(words):
        return "MOBILIZE", "weapons", "weapons test"
    if etype == "MOBILIZE" and EXERCISES & set(lemma.split()) and _with_partner(doc, words):
        return "COOPERATE", None, "exercise with a partner"
    if etype == "REQUEST" and head in ("order", "ordered", "ask", "tell", "told") and "leave" in words.after(12) \
            and (DIPLOMATS | FOREIGN_PRESENCE) & set(words.after(12)):
        return "SANCTION", "expel", "diplomats ordered out"  # "ordering six Canadian diplomats to leave"
    if etype == "COERCE" and head in ("oust", "expel") and (DIPLOMATS | {"staff", "staffers"}) & set(words.after(4)):
        return "SANCTION", "expel", "diplomats ousted"  # "the US ousted Russian staff at the United Nations"
    if etype == "AGREE" and head in VOWING and _hostile_vow(words.after(15)):
        justice = "justice" in words.after(15)  # "vowed to bring those responsible to justice"
        return "THREATEN", "arrest" if justice else None, "a vow to fight"
    if etype == "ASSAULT" and head in ("retaliate", "retaliation") and _with_measures(words):
        return "SANCTION", None, "retaliation by measures"
    if etype == "ASSAULT" and head.startswith("target") and not nominal and MEASURES & set(words.before(4)):
        return "SANCTION", "discontinue", "sanctions targeting"  # "these sanctions also targeted two firms"
    if etype == "COERCE" and head == "topple" and MONUMENTS & set(words.after(6)):
        return "PROTEST", "vandalize", "monument toppled"  # "protesters toppled and set fire to the statue"
    if etype == "COERCE" and doc[start].lower_ == "barred" and words.after(1) == ["from"] \
            and TRAVEL & set(words.after(3)):
        return "SANCTION", "discontinue", "travel ban"  # "are barred from traveling to the U.S."
    if etype == "COERCE" and head in ("jail", "imprison") and _prison_term(words):
        return "SANCTION", "convict", "prison term"  # "jailed Sannikov for five years": a sentence
    if etype == "PROTEST" and head == "loot" and ARMED_MEN & set(words.before(4, c0) + words.after(4)):
        return "COERCE", "seize", "looted by armed men"  # "trucks carrying food aid were looted by gunmen"
    if etype == "AGREE" and lemma == "agree to" and ASKING_NOUNS & set(words.after(3)):
        # "agreed to a request by Kuwait to extend the deadline": another's demand met (PLOVER
        # CONCEDE), beside the request itself
        return "CONCEDE", None, "a request agreed to"
    if etype == "AGREE" and head in VOWING and "defy" in words.after(3):
        return "REJECT", None, "a vow to defy"  # "vowed to defy U.N. calls"
    if etype == "CONCEDE" and head == "regret" and (DECISIONS & set(words.before(4) + words.after(6))
                                                     or _done_by_a_party(doc, words)):
        # "this decision which it deeply regrets", "regrets over the remarks by the Japanese government"
        return "ACCUSE", "disapprove", "another's decision regretted"
    if etype == "REJECT" and head == "oppose" and not nominal and DONE_ACTS & set(words.after(5)):
        return "ACCUSE", "disapprove", "an act opposed"  # "resolutely opposed the test": no proposal refused
    if etype == "AID" and (nominal or doc[start].tag_.startswith("NN")) and AID_STOPPED & set(words.before(3)):
        return "SANCTION", "discontinue", "aid frozen"  # "Japan froze new grant aid to New Delhi"
    if etype == "COOPERATE" and head == "hand" and CAPTIVES & set(words.before(6) + words.after(4)):
        return "RETREAT", "release", "captives handed over"  # "the prisoners were handed over to a delegation"
    return None


def _done_by_a_party(doc: Any, words: Window) -> bool:
    """What is regretted was done "by" a named party: "strong regrets over the distorted
    understanding of history and anachronistic remarks by the Japanese government"."""
    after = words.after(14)
    return any(w == "by" and any(doc[words.end + k + j].ent_type_ in ACTOR_LABELS
                                 for j in range(1, min(4, len(after) - k)))
               for k, w in enumerate(after))


# What protesters topple is no government: "toppled the statue of industrialist John Cockerill".
MONUMENTS = frozenset({"statue", "statues", "monument", "monuments", "bust", "memorial", "effigy", "cross"})
# What a travel ban bars: "barred from traveling to the U.S.", "barred from entering the country".
TRAVEL = frozenset({"traveling", "travelling", "travel", "entering", "entry", "visiting"})
# "a long history of the North detaining US citizens": a record of acts, none told
# (not "a pattern of arrests and seizures indicate ...": those acts are reported, as an aggregate)
RECORD_NOUNS = frozenset({"history", "habit", "tradition"})


def _as_done_before(words: Window, c0: int) -> bool:
    """"As we have pledged", "as promised", "as he had threatened": a clause that points back to
    an act made before, to say the one now told keeps it."""
    before = words.before(4)
    k = max((k for k, w in enumerate(before) if w == "as"), default=None)
    if k is None or not all(w in SUBJECT_AND_AUX for w in before[k + 1:]) or len(before) - k > 3:
        return False
    opening = words.start - (len(before) - k)  # where "as" stands: at the clause's or quotation's start
    return (opening <= c0 or words.word(opening - 1) in ('"', "“", ",")) and words.after(1)[:1] in ([","], [])


SUBJECT_AND_AUX = frozenset({"we", "i", "he", "she", "they", "it", "have", "has", "had", "was", "were", "already"})


def _campaigned_against(words: Window) -> bool:
    """"a coalition campaigning against forced evictions and demolitions": the kind of act a
    campaign opposes, none reported."""
    before = words.before(6)
    k = max((k for k, w in enumerate(before) if w == "against"), default=None)
    return k is not None and k > 0 and before[k - 1].startswith("campaign")


def _track_record(words: Window) -> bool:
    before = words.before(6)
    return any(before[k] in RECORD_NOUNS and before[k + 1] == "of" for k in range(len(before) - 1))


# A vow to fight or one made on a condition is a threat (PLOVER THREATEN), not a promise to
# cooperate: "vowed that its forces would defend their homeland", "vowing to 'take over' the
# capital if police tried to detain him".
VOWING = frozenset({"vow", "pledge", "swear", "promise"})
HOSTILE_PROMISES = frozenset({"if", "unless", "defend", "fight", "resist", "retaliate", "crush", "destroy", "punish",
                              "avenge", "retake", "recapture", "liberate", "eliminate", "annihilate", "wipe", "target",
                              "eradicate", "exterminate",
                              "attack", "strike", "bomb", "kill", "war", "revenge", "retaliation", "justice", "hunt"})
# "vowed to end the war", "pledged justice for the victims": peace, or justice with no one brought to it
PEACE_VERBS = frozenset({"end", "ending", "stop", "halt", "avoid", "prevent", "resolve"})


def _hostile_vow(after: list[str]) -> bool:
    """What is vowed harms another side: "vowed a 'long war'", "vowed to bring those responsible to
    justice", "vowed revenge" (not "vowed to end the war", "pledged justice for the victims")."""
    hostile = HOSTILE_PROMISES & set(after)
    if "war" in hostile and PEACE_VERBS & set(after[:after.index("war")]):
        hostile -= {"war"}
    if "justice" in hostile and not {"bring", "brought", "bringing"} & set(after):
        hostile -= {"justice"}
    return bool(hostile)


# Who else is ordered out of a country as its diplomats are: its forces or missions (SANCTION/expel).
FOREIGN_PRESENCE = frozenset({"base", "bases", "troops", "forces", "peacekeepers", "mission", "monitors", "observers"})
# "China retaliated with tariffs": the answer is economic, not a blow.
MEASURES = frozenset({"tariffs", "tariff", "sanctions", "duties", "levies", "measures", "restrictions", "curbs",
                      "bans", "ban", "expulsions", "countermeasures", "counter-measures"})


MEASURING = frozenset({"ordering", "expelling", "imposing", "banning", "suspending", "recalling", "closing", "cutting",
                       "freezing", "revoking", "raising", "blocking", "restricting", "halting"})


def _with_measures(words: Window) -> bool:
    """"retaliated with tariffs", "retaliated by expelling six diplomats"."""
    after = words.after(6)
    if "by" in after[:2] and after.index("by") + 1 < len(after) and after[after.index("by") + 1] in MEASURING:
        return True
    return "with" in after and bool(MEASURES & set(after[after.index("with"):]))


# Military exercises held with another country's forces are COOPERATE (PLOVER: joint exercises),
# not a show of force ("launched its largest military exercises with Philippine forces").
EXERCISES = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "wargame"})
PARTNER_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})
FORCE_NOUNS = frozenset({"forces", "troops", "navy", "navies", "army", "armies", "military", "militaries", "counterparts",
                         "allies", "partners", "marines", "soldiers"})


# Exercises of an alliance, or held jointly, have partners of their own ("NATO exercises",
# "an exercise jointly with Belarus").
ALLIANCE_WORDS = frozenset({"nato", "allied", "alliance", "coalition"})


def _with_partner(doc: Any, words: Window) -> bool:
    if (PARTNER_WORDS | ALLIANCE_WORDS) & set(words.before(4)):
        return True
    after = words.after(8)
    if {"jointly", "together"} & set(after[:3]):
        return True
    if _two_countries_before(doc, words):
        return True
    if "with" not in after:
        return False
    k = words.end + after.index("with") + 1
    return any(doc[i].lower_ in FORCE_NOUNS or doc[i].ent_type_ in ("GPE", "NORP")
               for i in range(k, min(words.s1, k + 4)))


def _two_countries_before(doc: Any, words: Window) -> bool:
    """"U.S. and South Korean forces launched maritime exercises": two sides named, joined by "and",
    hold them."""
    before = range(max(words.s0, words.start - 8), words.start)
    if not any(doc[i].lower_ == "and" for i in before):
        return False
    sides = [i for i in before if doc[i].ent_type_ in ("GPE", "NORP", "ORG") and doc[i].ent_iob_ == "B"]
    return len(sides) >= 2 and any(doc[i].lower_ == "and" for i in range(sides[0], sides[-1]))


# Protesters surrounding a building besiege no one: it is their demonstration ("protesters who
# surrounded the parliament building").
CROWDING = frozenset({"surround", "encircle", "besiege", "blockade"})
# Crowd verbs that are a protest only when protesters (or a side's supporters) do them:
# "protesters gathered in Tahrir Square", "opposition supporters burst into parliament".
GATHERING = frozenset({"gather", "converge on"})  # (not "gathered outside" a seat of power)
SUPPORTERS = frozenset({"supporters", "followers", "loyalists", "opponents"})
# A crowd gathered "to oppose a new law", "chanting slogans", "waving placards" is protesting
# whoever it is made of.
PROTEST_PURPOSES = frozenset({"protest", "oppose", "demand", "denounce", "condemn", "demonstrate", "decry"})
PROTEST_MANNERS = frozenset({"chanting", "shouting", "brandishing", "waving", "slogans", "placards", "banners"})


def _gathered_in_protest(words: Window) -> bool:
    doc = words.doc
    for i in range(words.end, min(words.s1, words.end + 12)):
        word = doc[i].lower_
        if word in (";", ".", "but", "while", "as", "after", "before", "when"):
            return False
        if word in PROTEST_MANNERS or (word == "to" and words.word(i + 1) in PROTEST_PURPOSES):
            return True
    return False


# Summoning a foreign diplomat is a rebuke (PLOVER ACCUSE/disapprove), whatever stands between
# ("summoned a senior Afghan diplomat", "the envoy was summoned"); a summons for questioning is an
# inquiry (ACCUSE/investigate), a court's summons to appear a demand.
DIPLOMATS = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "chargé", "charge",
                       "attaché", "attache", "consul", "emissary"})
def _high_commissioner(words: list[str]) -> bool:
    """A Commonwealth country's envoy: "summoned the Indian High Commissioner"."""
    return any(a == "high" and b == "commissioner" for a, b in zip(words, words[1:]))


# What a summons is for when it is an inquiry: to answer questions (a summons to appear in court
# stays a demand, tests/test_preannotate_unseen_wire2.py).
INQUIRY = frozenset({"questioning", "interrogation", "investigators", "testify", "interrogated", "questioned"})
# A protest lodged with someone is a complaint, not a demonstration ("registered a strong protest").
LODGING = frozenset({"lodge", "lodged", "lodges", "lodging", "register", "registered", "registers", "registering",
                     "file", "filed", "files", "filing"})


# Where a missile fired at no one lands, and what says it was a test ("fired a ballistic missile
# into the sea", "test-fired"): PLOVER's MOBILIZE/weapons, a show of force, not an attack.
OPEN_WATERS = frozenset({"sea", "ocean", "waters", "pacific", "atlantic"})
TEST_WORDS = frozenset({"test", "tests", "testing", "trial", "demonstration", "drill", "drills", "exercise",
                        "exercises"})


def _test_firing(words: Window) -> bool:
    after = words.after(12)
    if any(w == "at" and after[k + 1:k + 2] not in (["least"], ["most"]) for k, w in enumerate(after)) \
            or "on" in after[:3]:
        return False  # "fired rockets at Israeli towns", "fired on the convoy": aimed at someone
    landing = any(w in ("into", "off", "over", "toward", "towards") and OPEN_WATERS & set(after[k + 1:k + 4])
                  for k, w in enumerate(after))
    # "is believed to have fallen outside of Japan's exclusive economic zone"
    in_the_zone = {"economic", "zone"} <= {words.doc[i].lower_ for i in range(words.end, words.s1)}
    if landing or in_the_zone or TEST_WORDS & set(after + words.before(3)):
        return True
    # a long-range missile fired with no destination named shows strength ("North Korea fired at
    # least one ballistic missile early Friday"); one fired into or toward a place is aimed
    return bool(STRATEGIC_MISSILES & set(after[:6])) and not AIMING & set(after)


STRATEGIC_MISSILES = frozenset({"ballistic", "icbm", "icbms", "intercontinental", "hypersonic"})
AIMING = frozenset({"into", "toward", "towards", "against", "targeting", "targeted", "hitting", "hit", "striking",
                    "struck", "killing", "killed", "over", "across"})


OFFICES = frozenset({"government", "ministry", "embassy", "minister", "ambassador", "president", "department",
                     "spokesman", "spokeswoman", "spokesperson", "cabinet", "kremlin", "envoy", "consulate"})


def _state_protest(doc: Any, words: Window) -> bool:
    """"China protested to Japan", "Beijing protested the visit", "the foreign ministry protested":
    the one protesting is a state or its office (its parsed subject), or the protest is made to one."""
    if words.word(words.end) == "to" and words.end + 1 < words.s1 and doc[words.end + 1].ent_type_ in ("GPE", "ORG"):
        return True
    subjects = [c for c in doc[words.start].children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    subject = subjects[0]
    return subject.ent_type_ == "GPE" or subject.lower_ in OFFICES


def _protest_made_by_state(doc: Any, words: Window) -> bool:
    """"Argentina made a similar protest": a protest a state or its office makes is a complaint;
    so is one made "with China", "to Beijing" (a crowd protests at or against a place)."""
    k = next((k for k in range(max(words.s0, words.start - 3), words.start) if doc[k].lower_ in MAKING), None)
    if k is None:
        return False
    if words.after(1) in (["with"], ["to"]) and words.end + 1 < words.s1 and doc[words.end + 1].ent_type_ == "GPE":
        return True  # "We made a strong protest with China through a diplomatic channel"
    return _state_protest(doc, Window(doc, words.s0, words.s1, k, k + 1))


MAKING = frozenset({"make", "makes", "made", "making"})


PROTESTERS = frozenset({"protesters", "protestors", "demonstrators", "marchers", "strikers", "rioters", "crowd",
                        "crowds", "protester", "protestor", "demonstrator", "looters", "rioter"})


def _protesters_subject(words: Window, c0: int, crowd: frozenset[str] = PROTESTERS) -> bool:
    """Whether the verb's subject is a crowd of `crowd` (protesters unless told otherwise)."""
    if _others_of_the_crowd(words):
        return True
    before = words.before(4, c0)
    k = next((k for k in range(len(before) - 1, max(-1, len(before) - 4), -1) if before[k] in crowd), None)
    if k is not None and not any(w in ("against", "on", "at", "with", "to", "by", "'", "'s", "’", "’s", "of")
                                 for w in before[k + 1:]):
        return True
    return _protesters_heading_clause(words, c0, crowd) or (
        words.doc.has_annotation("DEP") and _protesters_by_parse(words.doc[words.start], crowd))


PROTEST_NOUNS = frozenset({"protest", "protests", "march", "marches", "rally", "rallies", "demonstration",
                           "demonstrations", "sit-in", "blockade", "blockades", "strike", "vigil"})


def _protest_demanding(words: Window) -> bool:
    """"a protest march on Saturday demanding the release of ...", "road blockades demanding an
    interim government": the demand a protest makes is part of it (ruling 2)."""
    doc = words.doc
    if not doc[words.start].lower_.endswith("ing"):
        return False
    return any(doc[i].lower_ in PROTEST_NOUNS or closed_compound(doc, i) in PROTEST_NOUNS
               for i in range(max(words.s0, words.start - 5), words.start))


def _others_of_the_crowd(words: Window) -> bool:
    """"Protesters were dispersed with tear gas, while others threw rocks": "others" (or
    "some") right before the verb, with protesters told earlier in the sentence, are protesters."""
    before = words.before(2)
    if not before or before[-1] not in ("others", "some", "many"):
        return False
    doc = words.doc
    return any(doc[i].lower_ in PROTESTERS for i in range(words.s0, words.start - 1))


def _protesters_heading_clause(words: Window, c0: int, crowd: frozenset[str] = PROTESTERS) -> bool:
    """"hundreds of protesters in the capital's Mirihana district threw stones": protesters head
    the noun phrase right before the verb (no verb between; not the object of "against", "on",
    "with" ...)."""
    doc = words.doc
    for k in range(words.start - 1, max(c0, words.start - 10) - 1, -1):
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (",", ";", ":"):
            return False
        if doc[k].lower_ in crowd:
            return k == c0 or doc[k - 1].lower_ not in ("against", "on", "at", "with", "to", "by", "for")
    return False


def _protesters_agent(words: Window) -> bool:
    """The agent of a passive is protesters: "a factory was torched by protesters", "set ablaze
    by looters"."""
    after = words.after(4)
    return bool(after) and after[0] == "by" and any(w in PROTESTERS for w in after[1:])


def _protesters_by_parse(verb: Any, crowd: frozenset[str] = PROTESTERS) -> bool:
    """The verb's subject is protesters, told further back: "hundreds of protesters clashed on
    Thursday with police ... as they called for his ouster and torched several police vehicles"
    (a "they" or a coordinated verb without a subject takes the governing clause's)."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if verb.pos_ in ("NOUN", "PROPN"):
            # the parser's other slip: a verb conjoined to the subject phrase itself ("Hundreds of
            # angry demonstrators gathered ... and targeted the embassies": "targeted" hangs on "Hundreds")
            subjects = [verb]
        if verb.dep_ == "acl" or (verb.dep_ in RELATIVE_DEPS and any(s.lower_ in ("who", "that") for s in subjects)):
            # the parser's slip: "Hundreds of protesters [clashed ...]"; a relative clause: "the
            # shouting crowds who threw bottles"
            subjects.append(verb.head)
        for s in subjects:
            if s.lower_ in crowd or any(t.lower_ in crowd for t in s.subtree if t.dep_ == "pobj"
                                                and t.head.lower_ == "of" and t.head.head == s):
                return True  # "protesters", "hundreds of protesters"
        if subjects and not all(s.lower_ == "they" for s in subjects):
            return False
        if verb.dep_ not in ("conj", "advcl") or verb.head == verb:
            return False
        verb = verb.head
    return False


# Violence protesters do is their riot (PLOVER PROTEST/riot): "protesters torched police vehicles",
# "demonstrators hurled stones", "protesters stormed the parliament" (not "gunmen torched a police
# station").
RIOT_ACTS = frozenset({"torch", "burn", "set", "smash", "loot", "vandalise", "vandalize", "ransack", "pelt", "hurl",
                       "throw", "clash", "storm", "strike",
                       "targeted"})  # the lexicon's literal form ("demonstrators ... targeted the embassies")


RIVAL_CROWDS = SUPPORTERS | {"counter-protesters", "counterprotesters", "rival", "rivals"}


def _with_another_crowd(words: Window) -> bool:
    """"protesters clashed with supporters of the President": two crowds fighting is an assault
    (the dev gold codes it so), not a riot against the state."""
    after = words.after(4)
    return after[:1] == ["with"] and bool(RIVAL_CROWDS & set(after[1:]))


def _attack_and_riot(words: Window) -> bool:
    """"Demonstrators attacked and set on fire the headquarters": the attack is the riot named
    next (ruling 1: one act)."""
    doc = words.doc
    return doc[words.start].lower_.startswith("attack") and words.after(1) == ["and"] \
        and words.end + 1 < words.s1 and doc[words.end + 1].lemma_ in RIOT_ACTS


SECURITY_FORCES = frozenset({"police", "security", "forces", "troops", "soldiers", "army", "military", "officers",
                             "gendarmes", "riot"})


# Verbs that take barricades away ("cleared the burning barricades", "tore down barricades").
CLEARING_STEMS = ("clear", "remov", "dismantl", "tore", "torn", "tearing")


def _security_subject(words: Window, c0: int) -> bool:
    """The police or troops, and no crowd, as the subject of the verb whose object the trigger
    is ("Police erected barricades"; not "protesters clashed with police and set up barricades")."""
    before = words.before(5, c0)
    k = next((k for k in range(len(before) - 1, -1, -1) if before[k] in SECURITY_FORCES), None)
    return k is not None and not (k > 0 and before[k - 1] in ("with", "against", "at", "by", "on")) \
        and not any(w in ("with", "against", "at", "by", "'s", "’s", "and") for w in before[k + 1:]) \
        and not _protesters_subject(words, c0)


def _police_attacked(words: Window) -> bool:
    """"Some demonstrators attacked the ESMAD riot police force": a crowd's violence against the
    police is its riot (PLOVER PROTEST/riot), as burning or throwing stones is."""
    doc = words.doc
    return doc[words.start].lower_.startswith(("attack", "assault")) \
        and any(w in SECURITY_FORCES for w in words.after(5))


def _clash_between_protesters(words: Window) -> bool:
    """"Clashes between demonstrators and police": a riot (not "clashes with counter-protesters"
    or "between students and protesters", two crowds: the dev gold codes those as an assault)."""
    after = words.after(7)
    return after[:1] == ["between"] and bool(PROTESTERS & set(after[1:4])) and bool(SECURITY_FORCES & set(after[2:7]))


HELP_ACTS = frozenset({"rescue", "retrieve", "evacuate", "help", "assist", "search", "deliver", "distribute",
                       "provide", "support", "aid", "save", "recover", "treat", "feed", "fight"})


# Who is deployed to give relief: "deployed more than 700 disaster relief experts".
RELIEF_WORDS = frozenset({"relief", "rescue", "rescuers", "humanitarian", "disaster", "medics", "doctors",
                          "medical", "aid"})


def _deployed_to_help(words: Window) -> bool:
    after = words.after(6)
    if bool(after) and after[0] == "to" and len(after) > 1 and after[1] in HELP_ACTS - {"fight", "support"}:
        return True
    return bool(RELIEF_WORDS & set(after[:5]))


# Armed men looting seize (COERCE/seize); protesters looting riot.
ARMED_MEN = frozenset({"gunmen", "militants", "rebels", "soldiers", "troops", "fighters", "militiamen", "insurgents",
                       "bandits", "militia", "militias", "jihadists"})
# Regretting another's decision is disapproval, not an apology.
DECISIONS = frozenset({"decision", "decisions", "move", "step", "measure", "measures", "announcement", "refusal",
                       "choice", "ruling", "verdict", "expulsion"})
# Acts already done: opposing one is disapproval (PLOVER ACCUSE), not refusing a proposal (REJECT).
DONE_ACTS = frozenset({"test", "tests", "attack", "attacks", "strike", "strikes", "invasion", "killing", "killings",
                       "annexation", "occupation", "crackdown", "arrest", "arrests", "detention", "execution",
                       "executions", "bombing", "bombings", "launch", "incursion", "raid", "raids"})
# aid stopped is a sanction, not aid
AID_STOPPED = frozenset({"froze", "freeze", "freezes", "freezing", "frozen", "suspended", "suspend", "suspends",
                         "suspending", "halted", "halt", "halts", "withheld", "withhold", "withholding", "cut", "cuts",
                         "cutting", "cancelled", "canceled"})
# "jailed for five years", "imprisoned for 18 months": a term the court gave.
TERMS = frozenset({"years", "year", "months", "month", "life", "decades", "weeks", "days"})
CAPTIVES = frozenset({"prisoners", "hostages", "captives", "detainees", "pows", "abductees"})


def _prison_term(words: Window) -> bool:
    """(Not "had been imprisoned for three years": how long, not the term a court gave.)"""
    if "been" in words.before(3):  # "had been (wrongfully) imprisoned"
        return False
    after = words.after(10)
    return "for" in after and bool(TERMS & set(after[after.index("for"):after.index("for") + 4]))


AGREEMENTS = frozenset({"treaty", "agreement", "deal", "accord", "pact", "convention", "organisation",
                        "organization", "alliance", "union", "council", "body", "membership", "talks", "protocol",
                        "framework", "partnership", "coalition", "court", "commission", "bloc", "forum"})


def _from_agreement(words: Window) -> bool:
    after = words.after(10)
    if "from" not in after:
        return False
    k = after.index("from")
    return any(w in AGREEMENTS for w in after[k + 1:k + 8])


def _subject_form(doc: Any, words: Window, c0: int) -> bool:
    """A trigger word opening its clause ("Protests are not reported", "Proroguing Parliament
    is ..."): a noun or gerund subject, whatever the lexicon's verb/noun reading."""
    return words.start == c0 or (words.start == words.s0 + 1 and not doc[words.s0].is_alpha)


NOUN_START = frozenset({"a", "an", "the", "this", "his", "her", "their", "its", "our", "two", "three", "several"})


class Window:
    """Lower-case words around a trigger, clipped to its sentence."""

    def __init__(self, doc: Any, s0: int, s1: int, start: int, end: int) -> None:
        self.doc, self.s0, self.s1, self.start, self.end = doc, s0, s1, start, end

    def word(self, i: int) -> str:
        return self.doc[i].lower_ if self.s0 <= i < self.s1 else ""

    def before(self, n: int, floor: int | None = None) -> list[str]:
        """Up to n words before the trigger, nearest last, not across a clause break."""
        lo = max(self.s0 if floor is None else floor, self.start - n)
        out: list[str] = []
        for i in range(self.start - 1, lo - 1, -1):
            w = self.doc[i].lower_
            if w in BREAKS:
                break
            out.append(w)
        return out[::-1]

    def after(self, n: int) -> list[str]:
        """Up to n words after the trigger, not across a clause break."""
        out: list[str] = []
        for i in range(self.end, min(self.s1, self.end + n)):
            w = self.doc[i].lower_
            if w in BREAKS:
                break
            out.append(w)
        return out


def _near_word(words: Window, vocabulary: frozenset[str], n: int) -> bool:
    return any(w in vocabulary or w.startswith("terror") for w in words.before(n) + words.after(n))


TERROR_WORDS = frozenset({"terrorist", "terrorists", "terror", "terrorism", "sanctions", "blacklist", "list"})

# -- reputation ---------------------------------------------------------------------------

REPUTE = frozenset({"known", "famous", "notorious", "renowned", "remembered", "noted", "reputation", "infamous",
                    "celebrated"})


def _reputation(words: Window, c0: int) -> bool:
    """"was known for pursuing ... and mediating", "a reputation as a mediator"."""
    before = words.before(12, c0)
    # ("what became known as the palace coup" names the act: not a reputation)
    return any(a in REPUTE and b == "for" or a == "reputation" and b == "as" for a, b in zip(before, before[1:])) \
        and not any(w in ("after", "when") for w in before)


# -- a danger ----------------------------------------------------------------------------

POSE = frozenset({"pose", "poses", "posed", "posing", "constitute", "constitutes", "constituted", "represent",
                  "represents", "represented", "remain", "remains", "considered", "seen", "viewed", "regarded"})
DANGER_TARGETS = frozenset({"security", "peace", "stability", "democracy", "health", "safety", "rule", "order",
                            "existence", "sovereignty", "future", "economy", "life", "lives", "survival", "power",
                            "region", "world", "country", "nation", "society", "freedom", "interests"})


CALAMITIES = frozenset({"war", "wars", "conflict", "violence", "terrorism", "terror", "invasion", "escalation",
                        "famine", "unrest", "civil", "nuclear", "genocide", "instability", "chaos", "bloodshed"})
OWNERS = frozenset({"'s", "’s", "his", "her", "their", "its", "our", "my", "your"})


def _danger(doc: Any, words: Window) -> bool:
    """"a threat to national security", "posed a threat", "the biggest threat": a danger; "a
    threat to attack", "threats against the mayor" are acts of threatening."""
    before = words.before(4)
    after = words.after(6)
    if after[:1] == ["to"] and len(after) > 1 and doc[words.end + 1].pos_ in ("VERB", "AUX"):
        return False  # "a threat to attack": a threat made
    if any(w in POSE for w in before) or any(w in ("biggest", "greatest", "main", "major", "serious", "real",
                                                   "potential", "existential", "grave", "growing", "immediate",
                                                   "gravest", "direct", "primary", "top", "rising", "mounting",
                                                   "increasing", "escalating") for w in before):
        return True
    if after[:1] == ["of"] and any(w in CALAMITIES for w in after[1:4]) and not any(w in OWNERS for w in before) \
            and not any(w in ("by", "from") for w in after) \
            and not (words.start > words.s0 and doc[words.start - 1].pos_ == "PROPN"):
        return True  # "even the threat of nuclear war": a danger; "Iran's threat of war", "the threat of war by" are made
    if after[:1] == ["to"] and len(after) > 1:
        nxt = doc[words.end + 1]
        return any(w in DANGER_TARGETS for w in after[1:]) or nxt.lower_ in ("'s",) or doc[words.end + 1].is_title \
            or nxt.lower_ in ("his", "her", "their", "its", "our", "the")
    return False


# -- what a request asks for ---------------------------------------------------------------

REQUEST_NOUNS = frozenset({"demand", "demands", "call", "calls", "request", "requests", "appeal", "appeals", "plea",
                           "pleas", "push", "pressure", "petition", "petitions", "proposal", "proposals", "bid",
                           "demanding", "calling", "asking", "pressing", "pushing", "lobbying", "clamour",
                           "clamor", "campaigned", "campaigning", "called", "demanded", "asked", "pressed",
                           "pushed", "lobbied", "appealed"})


# what others ask of someone: "agreed to a request", "defied calls to step down"
ASKING_NOUNS = frozenset({"request", "requests", "demand", "demands", "call", "calls", "appeal", "appeals", "plea",
                          "pleas", "pressure", "petition", "petitions"})
# verbs whose object is the thing asked for ("demanding her resignation", "sought the release")
DEMANDING_VERBS = frozenset({"demanding", "demanded", "seeking", "sought"})
# and those that take a party and a bare verb ("demanding the president resign", "insisted he go")
SUBJUNCTIVE_DEMANDS = DEMANDING_VERBS | {"demand", "demands", "insist", "insisted", "insisting"}


def _asked_to(words: Window) -> bool:
    """"defied calls to step down", "mounting pressure to resign": the verb is what is asked;
    "are demanding Prime Minister Hasina step down": the bare verb after a demand and its party."""
    before = words.before(2)
    if len(before) == 2 and before[1] == "to" and before[0] in ASKING_NOUNS:
        return True
    tag = words.doc[words.start].tag_
    if not (tag in ("VB", "VBP") or (tag == "NN" and words.end - words.start > 1)):
        return False  # (the tagger reads "Hasina step down" as a noun's)
    before = words.before(7)
    for k in range(len(before) - 1, -1, -1):
        if before[k] in SUBJUNCTIVE_DEMANDS:
            return k < len(before) - 1  # (a party named between: "demanding [the president] resign")
        if not before[k].isalpha() or before[k] in ("and", "or", "but", "who", "which"):
            return False
    return False


def _asked_for(words: Window) -> bool:
    """"demands for a new judge-led investigation", "calls for a ceasefire", "asked for talks",
    "demanding the resignation of ...": the noun is what is asked for (a noun phrase of at most
    six words after "for", or the object of a verb of demanding)."""
    before = words.before(8)
    for k in range(len(before) - 1, -1, -1):
        w = before[k]
        if w == "for":
            return k > 0 and before[k - 1] in REQUEST_NOUNS
        if w in DEMANDING_VERBS:
            return True
        if not (w.isalpha() or w in ("-", "'s", "’s", "'", "’")) or w in ("and", "or", "of", "to", "by", "in", "on"):
            return False
    return False


# -- campaign promises ----------------------------------------------------------------------

CAMPAIGN_OWNERS = frozenset({"his", "her", "their", "election", "electoral", "presidential", "pre", "-", "pre-election",
                             "re", "reelection", "re-election", "primary", "leadership"})


def _campaign(words: Window) -> bool:
    """A promise made in an election campaign: "his campaign promises", "as part of his
    pre-election campaign, pledged ...", "promised voters", "if elected"."""
    around = words.before(14) + ["<trigger>"] + words.after(4)
    for i, w in enumerate(around):
        if w in ("campaign", "campaigns", "campaigning") and i > 0 and (around[i - 1] in CAMPAIGN_OWNERS):
            return True
        if w == "campaign" and i + 1 < len(around) and around[i + 1] in ("trail", "promise", "promises", "pledge",
                                                                        "pledges", "<trigger>"):
            return True
        if w == "elected" and i > 0 and around[i - 1] == "if":
            return True
    return "voters" in words.after(2)


# -- a stance on a cause -------------------------------------------------------------------

def _cause(doc: Any, words: Window) -> bool:
    """"supported independence for South Yemen", "supported education, healthcare, and ...":
    the object is a bare common noun (no determiner, no name): a cause, not an actor or a
    proposal ("supported the resolution", "supported Trump", "supported Ukraine")."""
    if doc[words.start].lower_ not in ("supported", "supports", "support", "backed", "backs", "favoured", "favored",
                                       "championed", "champions", "advocated", "advocates"):
        return False
    i = words.end
    if i >= words.s1:
        return False
    tok = doc[i]
    if not (tok.is_alpha and tok.is_lower) or tok.ent_type_ or tok.lower_ in NOT_CAUSE or tok.lower_.endswith("s"):
        return False
    if tok.pos_ and tok.pos_ not in ("NOUN", "ADJ"):
        return False
    return not (i + 1 < words.s1 and doc[i + 1].lower_ in ("'s", "’s"))


NOT_CAUSE = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
                       "your", "him", "them", "us", "me", "it", "both", "all", "each", "every", "any", "some",
                       "such", "one", "two", "three", "several", "many", "most", "efforts", "plans", "calls",
                       "proposals", "measures", "legislation", "bills", "candidates", "protesters", "rebels",
                       "forces", "troops", "government", "governments", "groups", "parties", "fighters"})


# -- did not happen, still to come -----------------------------------------------------------

OCCUR = frozenset({"reported", "happen", "happened", "occur", "occurred", "take", "took", "materialise",
                   "materialised", "materialize", "materialized", "held", "go", "went", "seen", "recorded",
                   "begin", "began", "start", "started", "come", "came", "follow", "followed", "ensue", "ensued"})
NEGATIVE_OBJECTS = frozenset({"nothing", "nobody", "none", "noone"})


def _did_not_happen(words: Window, nominal: bool) -> bool:
    """"Protests are not reported in Mosul", "the talks did not take place" (a noun subject of a
    negated verb of occurrence); "They have conceded nothing", "killed no one" (a negative
    object)."""
    if nominal and words.before(1) and words.before(1)[0] in EVADING:
        return True  # "others, who had evaded detention", "escaped arrest": no one was held
    after = words.after(5)
    if nominal:
        for k, w in enumerate(after):
            if w in ("not", "n't", "never") and 0 < k <= 3 and after[k - 1] in BE | {"did", "do", "does", "have",
                                                                                     "has", "had"}:
                return any(x in OCCUR for x in after[k + 1:k + 3])
        return False
    nxt = after[:2]
    return bool(nxt) and (nxt[0] in NEGATIVE_OBJECTS or nxt == ["no", "one"])


EVADING = frozenset({"evade", "evades", "evaded", "evading", "escape", "escapes", "escaped", "escaping", "avoid",
                     "avoids", "avoided", "avoiding", "eluded", "eluding", "dodged"})


FUTURE_PREDICATES = (("is", "on", "the", "way"), ("are", "on", "the", "way"), ("is", "imminent"),
                     ("are", "imminent"), ("looms",), ("loom",), ("is", "looming"), ("are", "looming"),
                     ("is", "coming"), ("are", "coming"), ("is", "in", "the", "offing"),
                     ("are", "in", "the", "offing"), ("is", "on", "the", "horizon"), ("are", "on", "the", "horizon"),
                     ("is", "in", "the", "works"), ("are", "in", "the", "works"))


def _to_come(words: Window) -> bool:
    after = tuple(words.after(5))
    return any(after[:len(p)] == p for p in FUTURE_PREDICATES)


# -- advice to the public --------------------------------------------------------------------

# (not "people" or "residents": an army telling residents to leave a city is a political act)
PUBLIC = frozenset({"citizens", "nationals", "voters", "public", "travellers", "travelers", "tourists",
                    "visitors", "patients", "parents", "motorists", "commuters"})
ADVICE_ACTS = frozenset({"vote", "leave", "avoid", "stay", "remain", "use", "approach", "travel", "shelter",
                         "evacuate", "return", "register", "wear", "follow", "keep", "contact", "check",
                         "donate", "monitor", "exercise", "reconsider", "heed", "limit"})


def public_advice(doc: Any, words: Window) -> bool:
    """A request addressed to the public about their own conduct: "advised U.S. citizens to leave
    the country", "asked citizens not approach the Embassy", "asking voters to vote", "asked for
    patience" (dev-set rulings 9 and 14). A political call to the public ("urged citizens to
    protest") is kept: the act asked for decides. unreported.py asks the same of a warning
    ("warned its citizens to avoid the area")."""
    after = words.after(8)
    if not after:
        return False
    if after[0] in ("patience", "understanding") or after[:2] in (["for", "patience"], ["for", "understanding"]):
        return True  # (a call for calm is a political request)
    addressee = next((k for k, w in enumerate(after[:4]) if w in PUBLIC), None)
    if addressee is None:
        return False
    rest = after[addressee + 1:]
    for k, w in enumerate(rest):
        if w in ("to", "not"):
            nxt = rest[k + 1] if k + 1 < len(rest) else ""
            if nxt in ("not", "to"):
                nxt = rest[k + 2] if k + 2 < len(rest) else ""
            return nxt in ADVICE_ACTS
    return False


# -- political rallies -------------------------------------------------------------------------

SPEECH_WORDS = frozenset({"said", "says", "told", "announced", "announces", "touts", "touted", "spoke", "speaks",
                          "speaking", "addressed", "addressing", "declared", "vowed", "promised", "pledged",
                          "repeated", "reiterated", "claimed", "boasted", "mocked", "verbally", "speech",
                          "remarks"})
POLITICAL = frozenset({"political", "campaign", "election", "electoral", "presidential", "party", "pre", "victory",
                       "re-election", "reelection", "maga", "primary"})


def _political_rally(words: Window, c0: int) -> bool:
    """"announced this change ... again verbally in a rally", "touts these operations in political
    rallies", "a campaign rally": a politician's meeting with supporters, not a protest."""
    before = words.before(14, c0)
    if before and before[-1] in POLITICAL or len(before) > 1 and before[-2] in POLITICAL:
        return True
    if words.after(1)[:1] and words.after(1)[0] in ("of", "for") and "supporters" in words.after(3):
        return True
    if any(w in PROTESTERS or w in ("against", "protest", "protests", "opposition") for w in before + words.after(6)):
        return False  # "protesters at a rally", "a rally against the reform": a protest
    return any(w in ("at", "in") for w in before[-3:]) and any(w in SPEECH_WORDS for w in before)


# -- background relative clauses -------------------------------------------------------------

def _background_clause(words: Window, c0: int) -> bool:
    """A verb in a relative clause that describes its noun by a lasting activity: "Wiranto, who
    was visiting the town", "the SDF, which has been fighting ISIS", "who had long opposed".
    A relative clause in the simple past ("the men, who attacked police, ...") reports an act."""
    if words.word(words.start - 1) == "," and words.word(words.start).endswith(("ed", "en")) \
            and "since" in words.after(6):
        return True  # "the group, banned since 2015,": an apposition describing a lasting state
    before = words.before(6, c0)
    rel = max((k for k, w in enumerate(before) if w in ("who", "which", "whom")), default=None)
    if rel is None:
        return False
    between = before[rel + 1:]
    if len(between) > 4 or any(w in ("said", "says", "told") for w in between):
        return False
    # "who was visiting", "which has been fighting" (progressive); "who had been accused" (pluperfect
    # passive); "who had long opposed" (a lasting or past habit)
    progressive = bool(between) and between[-1] in BE and words.word(words.start).endswith("ing")
    pluperfect = between[-2:] == ["had", "been"]
    return progressive or pluperfect \
        or any(w in ("long", "always", "often", "usually", "previously", "once") for w in between)


# -- characterised acts, opinions, expectations, attendance ----------------------------------

LABELS = frozenset({"declared", "called", "described", "termed", "labelled", "labeled", "branded", "dubbed",
                    "deemed", "considered", "characterised", "characterized", "classified", "treated", "investigating"})


def _characterised(words: Window, etype: str, kept_types: list[tuple[int, str]]) -> bool:
    """"shot him dead ... in what the police declared a 'terrorist-related' attack": the noun
    is a label put on the act kept just before it."""
    before = words.before(10)
    if "what" not in before:
        return False
    k = len(before) - 1 - before[::-1].index("what")
    if not any(w in LABELS or w in ("was", "is", "has", "appeared", "appears", "seemed") for w in before[k + 1:]):
        return False
    return any(t == etype and e <= words.start for e, t in kept_types)


OPINION_VERBS = frozenset({"found", "finds", "find", "considered", "considers", "consider", "deemed", "deems",
                           "thought", "thinks", "believed", "believes", "called", "calls", "judged", "judges"})
OPINIONS = frozenset({"justified", "unjustified", "legitimate", "illegitimate", "mistake", "error", "necessary",
                      "unnecessary", "right", "wrong", "legal", "illegal", "lawful", "unlawful", "proportionate",
                      "disproportionate", "appropriate", "inappropriate", "reasonable", "unreasonable", "warranted",
                      "unwarranted", "acceptable", "unacceptable", "justifiable", "defensible", "excessive",
                      "premature", "pointless", "success", "failure", "victory", "blunder", "crime"})


def _opinion_about(doc: Any, words: Window) -> bool:
    """"Netanyahu found the air strike justified", "the attack was a mistake": a definite act
    that an opinion is about (told where it happened, not here)."""
    before = words.before(4)
    if not before or not any(w in DEFINITE_WORDS for w in before[-3:]):
        return False
    after = words.after(5)
    if before[-1] in OPINION_VERBS or (len(before) > 1 and before[-2] in OPINION_VERBS) \
            or (len(before) > 2 and before[-3] in OPINION_VERBS):
        return any(w in OPINIONS for w in after[:3])
    if after[:1] and after[0] in BE:
        rest = after[1:4]
        return any(w in OPINIONS for w in rest)
    return False


EXPECTATION = frozenset({"expected", "due", "scheduled", "likely", "rumoured", "rumored", "tipped", "slated",
                         "poised", "supposed", "unlikely"})


def _expected(words: Window, c0: int) -> bool:
    """"was due to stand down in August", "is expected to resign": others' expectation or a
    schedule (the end of a term), not a concession the actor announced."""
    before = words.before(4, c0)
    return any(a in EXPECTATION and b == "to" for a, b in zip(before, before[1:]))


ATTEND = frozenset({"attended", "attend", "attends", "attending", "joined", "filled", "packed"})


def _attendance(doc: Any, words: Window, c0: int) -> bool:
    """"around 18,250 to 63,000 visitors attended the rally": how many came to an event told
    elsewhere (a definite noun after a verb of attending with a counted subject)."""
    before = words.before(8, c0)
    if len(before) < 3 or before[-1] not in ("the", "this", "that") or before[-2] not in ATTEND:
        return False
    lo = max(c0, words.start - 9)
    return any(doc[i].like_num for i in range(lo, words.start - 2))


# -- tallies, habits, states -------------------------------------------------------------------

def _tally(doc: Any, words: Window, c0: int, etype: str) -> bool:
    """"only 27 have ratified the agreement", "54 nations have signed", "The House has only
    impeached two other Presidents": a count of who has done an act so far (ruling 10), not
    the act. ("More than 1000 people have been arrested" is an aggregate report and stays.)"""
    before = words.before(5, c0)
    if not before or not any(w in ("has", "have") for w in before[-3:]):
        return False
    if "been" in before[-2:]:
        return False
    aux = max(k for k, w in enumerate(before) if w in ("has", "have"))
    if "only" in before[aux + 1:]:
        return True
    lo = max(c0, words.start - len(before) + aux - 3)
    subject = [doc[i] for i in range(lo, words.start - len(before) + aux)]
    if bool(subject) and subject[-1].lower_ == "only":
        return True
    # "54 nations have signed": the status of an agreement; "two gunmen have attacked" is news,
    # and so is a deal of two parties ("South Sudan's two rival leaders have signed")
    return etype in ("SUPPORT", "AGREE", "COOPERATE") and any(
        t.like_num and t.lower_ not in ("two", "2") for t in subject)


HABITUAL = frozenset({"usually", "typically", "generally", "normally", "traditionally", "routinely", "habitually",
                      "customarily", "regularly", "frequently", "often", "rarely", "seldom", "commonly",
                      "systematically"})


def _habitual(words: Window, c0: int) -> bool:
    """"G7 meetings usually center on politics", "officials are often removed after being
    impeached": a habit or a rule in the present, not an act that happened. In the past
    ("police regularly raided ...") it is an aggregate report of acts (ruling 10) and stays."""
    around = words.before(6, c0) + words.after(3)
    # "are usually freed", "are regularly organised ... and systematically banned"
    present_passive = any(w in ("is", "are") for w in words.before(10, c0))
    if (words.word(words.start).endswith("ed") and not present_passive) \
            or any(w in ("was", "were", "had", "did") for w in around):
        return False
    return any(w in HABITUAL for w in around)


def _common_issue(words: Window) -> bool:
    """"The illegal detention of Georgian citizens ... is a common issue": a kind of act described
    as frequent, no act reported."""
    after = words.after(14)
    k = next((k for k, w in enumerate(after) if w in ("is", "are", "remains", "remain")), None)
    return k is not None and any(w in COMMONNESS for w in after[k + 1:k + 4])


COMMONNESS = frozenset({"common", "commonplace", "routine", "frequent", "widespread", "rife", "endemic"})
DETERMINER_WORDS = DEFINITE_WORDS | {"our", "such"}
BECOME = frozenset({"become", "became", "becomes", "becoming"})


def _generic_subject(doc: Any, words: Window) -> bool:
    """"Suicide bombings have become a weapon of choice", "Israeli raids have become a daily
    occurrence": a bare plural act noun that has become a kind of thing, or common, is a habit
    described, no act reported (what happened is told elsewhere). "Protests have become more
    violent" tells the protests and stays."""
    if not doc[words.end - 1].lower_.endswith("s"):
        return False
    before = words.before(3)
    if before and before[-1] in DETERMINER_WORDS:
        return False  # "the raids have become ...": those raids, told before
    after = words.after(5)
    k = 1 if after[:1] and after[0] in ("have", "has", "had") else 0
    if after[k:k + 1] == [] or after[k] not in BECOME:
        return False
    rest = after[k + 1:]
    if rest[:1] == ["more"]:
        rest = rest[1:]
    return bool(rest) and rest[0] in KINDS_OF_THING


KINDS_OF_THING = frozenset({"a", "an", "part", "common", "commonplace", "routine", "rare", "frequent", "normal",
                            "widespread", "familiar", "everyday", "standard"})


# Nouns whose "of" phrase names a kind of act pursued, not one done: "the policy of targeted killings".
# (Feared or possible acts, "fears of renewed protests", are "possible act": `_unreal`.)
POLICY_NOUNS = frozenset({"policy", "policies", "practice", "practices", "strategy", "strategies", "tactic",
                          "tactics", "doctrine", "culture"})


def _policy_of(words: Window) -> bool:
    """"the policy of targeted killings", "the tactic of suicide bombings": a way of acting."""
    before = words.before(4)
    k = len(before) - 1
    while k >= 0 and before[k] not in ("of",) and k >= len(before) - 3:
        k -= 1
    return k >= 1 and before[k] == "of" and before[k - 1] in POLICY_NOUNS


WH_RELATIVES = frozenset({"who", "whom", "which"})


def _present_state(doc: Any, words: Window, nominal: bool, etype: str) -> bool:
    """"Northern Cyprus, which is recognized only by Turkey", "The PKK is banned in Turkey", "It
    is host to a coalition": a present-tense state. Not a progressive ("are protesting").
    Nor a relative clause in the simple present ("Guaido, who Washington recognizes as interim
    leader", "the rebels, which Rwanda backs"): it describes who someone is (dev-set ruling 7);
    a denial or accusation said so ("Najib, who denies any wrongdoing") is the statement still."""
    if not nominal and etype not in ("REJECT", "ACCUSE") and doc.has_annotation("DEP"):
        verb = doc[words.start]
        children = list(verb.children)
        if verb.tag_ in ("VBZ", "VBP") and any(
                c.lower_ in WH_RELATIVES or (c.lower_ == "that" and verb.dep_ in RELATIVE_DEPS)
                for c in children) and not any(c.lower_ in ("i", "we") for c in children):
            # (a "who"/"which" clause the parse hung elsewhere is still one; "your candidacy,
            # which I endorse" is the act made by saying so)
            return True
    prev = words.word(words.start - 1)
    if prev in ("only", "also", "still", "now", "currently", "widely", "officially", "internationally"):
        prev = words.word(words.start - 2)
    if prev not in ("is", "are", "remains", "remain"):
        return False
    word = doc[words.start].lower_
    if word.endswith("ing"):
        return False
    if word in ("host", "home"):
        return words.after(1) == ["to"]  # "It is host to a coalition"
    if nominal:
        return False
    return word.endswith(("ed", "en")) or word in ("held", "kept", "shut", "shot", "hit", "struck", "cut", "met")


JUDGING = frozenset({"called", "calls", "call", "calling", "described", "describes", "describing", "labelled",
                     "labeled", "branded", "termed", "dubbed", "deemed"})


def _judged(doc: Any, words: Window) -> bool:
    """The act an opinion is about: "called the stabbing 'an act of barbarity'", "prorogation was
    unlawful", "Proroguing Parliament is the legal and necessary way", "the ban on Mahan Air is
    not part of any broader plan" (a definite act told elsewhere, judged or characterised here)."""
    before = words.before(3)
    if len(before) >= 2 and before[-1] in ("the", "this", "that", "these", "those") and before[-2] in JUDGING:
        return True
    after = words.after(8)
    k = next((i for i, w in enumerate(after[:4]) if w in BE), None)
    if k is None or any(w in ("said", "says", ",") for w in after[:k]):
        return False
    rest = [w for w in after[k + 1:k + 5] if w not in ("not", "also", "the", "a", "an", "both", "and", "very")]
    if rest and rest[0] in OPINIONS:
        return True
    definite_np = bool(before) and before[-1] in ("the", "this", "that", "these", "those")
    return definite_np and (after[k + 1:k + 3] == ["part", "of"] or after[k + 1:k + 4] == ["not", "part", "of"])


# Other senses, by the words after (or around) the trigger: release of a film, recognition of a
# right, evidence that supports a finding, claims that clash.
OTHER_SENSES = {
    "release": frozenset({"documentary", "film", "movie", "video", "videos", "report", "album", "book", "footage",
                          "data", "figures", "document", "documents", "transcript", "transcripts", "details", "results",
                          "photos", "photographs", "images", "recording", "recordings", "song", "trailer", "statement",
                          "guidelines", "list", "emails", "memo", "findings", "version", "update", "app", "game",
                          "cartoon", "cartoons", "tape", "tapes", "films", "reports", "statements", "study"}),
    "recognize": frozenset({"unions", "union", "marriage", "marriages", "rights", "need", "importance", "heritage",
                            "efforts", "contribution", "contributions", "achievement", "achievements", "role",
                            "problem", "site", "sites", "degree", "degrees", "qualifications", "same-sex", "as"}),
    "recognise": frozenset({"unions", "union", "marriage", "marriages", "rights", "need", "importance", "heritage",
                            "efforts", "contribution", "contributions", "achievement", "achievements", "role",
                            "problem", "site", "sites", "degree", "degrees", "qualifications", "same-sex", "as"}),
    "support": frozenset({"evidence", "data", "findings", "facts", "results", "research", "studies", "figures",
                          "analysis", "polls", "poll", "survey", "surveys"}),
    "supported": frozenset({"evidence", "data", "findings", "facts", "results", "research", "studies", "figures",
                            "analysis", "polls", "poll", "survey", "surveys"}),
    # "Biden beat Trump in the election": a contest won, no blows
    "beat": frozenset({"election", "elections", "vote", "race", "poll", "polls", "runoff", "ballot", "primary",
                       "contest", "match", "game", "final", "tournament"}),
    "clash": frozenset({"claims", "interests", "views", "opinions", "visions", "ideas", "priorities", "narratives",
                        "accounts", "versions", "agendas", "schedules", "colours", "colors", "values", "cultures"}),
}


def _other_sense(doc: Any, words: Window, vocabulary: frozenset[str]) -> bool:
    head = doc[words.start].lower_
    if head.startswith("support"):
        return words.word(words.start - 1) in vocabulary  # "evidence supported his murder"
    if head.startswith("clash"):
        return any(w in vocabulary for w in words.after(5))  # "clashing exclusive economic zone claims"
    if doc[words.end - 1].lower_.startswith("releas") and doc.has_annotation("DEP"):  # "were released"
        return _thing_released(doc[words.end - 1], vocabulary)
    after = words.after(4)
    if head.startswith("recogni"):
        after = words.after(8)
        if after[:1] == ["that"]:
            return True  # "recognizes that the war was a mistake": knowing, not recognising a state
        if "as" in after[:5]:  # "recognized as a World Heritage Site", "recognized by UNESCO, as part of"
            k = after.index("as")
            return after[k + 1:k + 2] in (["part"], ["a"], ["an"], ["one"], ["the"]) and not any(
                w in ("state", "country", "government", "president", "leader", "representative", "legitimate")
                for w in after[k + 1:])
        return any(w in vocabulary for w in after[:3] if w != "as")
    before = words.before(6)
    return any(w in vocabulary for w in after[:4] + before[-4:])


# Verbs that judge what they name "as" something ("described Monday's arrests as a coup"; the
# statement rules type the verb by the words that judge).
AS_JUDGED = frozenset({"described", "describing", "branded", "branding", "labelled", "labeled", "termed",
                       "characterised", "characterized"})


def _judged_or_label(words: Window) -> bool:
    """"described Monday's arrests as a coup": the act judged (told where it happened) and the
    label given are no acts of their own; the judging verb is the statement."""
    before = words.before(5)
    verb = next((k for k in range(len(before) - 1, -1, -1) if before[k] in AS_JUDGED), None)
    if verb is not None and words.after(1) == ["as"] and "as" not in before[verb + 1:]:
        return True  # the act judged: up to four words (its determiner, date, owner) after the verb
    before = words.before(8)
    k = max((k for k, w in enumerate(before) if w == "as"), default=None)
    return k is not None and len(before) - k <= 3 and any(w in AS_JUDGED for w in before[:k])


NOT_NAMED = frozenset({"named", "identified", "quoted"})


def _word_sense_not_an_act(doc: Any, words: Window, etype: str, head: str, nominal: bool) -> bool:
    """Trigger words in a sense that is no political act: a source who "requested anonymity" or
    "asked not to be named"; "denied its people the peace" (deprived: two objects, not a
    denial); "a demonstration of the host country's dissatisfaction" (a show of something)."""
    after = words.after(4)
    if etype == "REQUEST" and not nominal and head in ("request", "ask"):  # (lemmas)
        return after[:1] == ["anonymity"] or (after[:3] == ["not", "to", "be"] and after[3:4] != []
                                              and after[3] in NOT_NAMED)
    if etype == "REJECT" and head == "deny" and not nominal and doc.has_annotation("DEP"):
        objects = [c for c in doc[words.start].children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
        return len(objects) >= 2
    if etype == "PROTEST" and nominal and doc[words.start].lower_.startswith("demonstration"):
        return after[:1] == ["of"] and any(w in SHOWN for w in words.after(6)[1:])
    if etype == "ASSAULT" and head in ("clash", "clashes"):
        return _dispute_with_a_leader(doc, words)
    if etype == "REJECT" and head == "decline":
        # "a senior police official, who declined to be identified": no party's demand refused
        rest = after[1:] if after[:1] == ["to"] else after  # (the lexicon's "declined to" holds the "to")
        return rest[:1] == ["be"] and rest[1:2] != [] and rest[1] in NOT_NAMED
    if etype in ("ASSAULT", "THREATEN") and head == "fight" and _for_a_cause(after):
        return True  # "I will continue to fight for peace and stability": a cause pursued, no fighting
    if etype == "THREATEN" and doc[words.start].lower_ == "threatened" and after[:1] == ["by"] \
            and not any(doc[k].ent_type_ in ACTOR_LABELS or doc[k].lower_ in GENERIC_ACTORS
                        for k in range(words.end + 1, min(words.s1, words.end + 4))):
        return True  # "lands increasingly threatened by agriculture": a danger, no threat made
    if etype == "COERCE" and head in ("prohibit", "ban", "forbid", "outlaw") and not nominal \
            and LAWS & set(words.before(3)):
        return True  # "the constitution has prohibited re-election since 1992": a rule in force, no act
    if etype == "CONSULT" and head == "visit":
        after = words.after(12)  # "visits by Japanese cabinet ministers and lawmakers to a controversial war shrine"
        return "to" in after and bool(SHRINES & set(after[after.index("to"):after.index("to") + 5]))
    if etype == "COERCE" and head == "force":
        return not ("from" in words.after(8) and {"power", "office"} & set(words.after(10)))
    return False


# What forbids by itself: a rule, not a party acting.
LAWS = frozenset({"constitution", "law", "laws", "rule", "rules", "regulation", "regulations", "treaty", "charter",
                  "legislation", "code", "statute"})
# What one fights for when the fight is a cause: "fight for peace", "fighting for their rights".
CAUSES = frozenset({"peace", "justice", "rights", "freedom", "freedoms", "democracy", "stability", "equality",
                    "independence", "survival", "dignity", "change", "reform", "reforms", "recognition", "truth"})


def _for_a_cause(after: list[str]) -> bool:
    """"for peace", "for their rights", "for indigenous rights" (not "for their country":
    soldiers fighting for it fight)."""
    rest = [w for w in after[1:4] if w not in ("their", "our", "his", "her", "its")]
    return after[:1] == ["for"] and any(w in CAUSES for w in rest[:2])


# Places one visits to pay respects, meeting no party.
SHRINES = frozenset({"shrine", "shrines", "temple", "temples", "memorial", "cemetery", "grave", "graves", "tomb",
                     "mausoleum", "monument"})


# Whom one clashes with in words, not blows: "has clashed with the president over his handling".
LEADERS = frozenset({"president", "prime", "premier", "minister", "chancellor", "speaker", "leader", "leadership",
                     "governor", "mayor", "senator", "chairman", "party", "cabinet", "pm"})


def _dispute_with_a_leader(doc: Any, words: Window) -> bool:
    """"clashed with the president over his handling of the scandals": a quarrel with a person or
    leader over a matter (not "clashed with police over the closure", "with rebels")."""
    after = words.after(10)
    if after[:1] != ["with"] or "over" not in after:
        return False
    k = after.index("over")
    party = [words.end + 1 + i for i in range(k - 1)]
    return any(doc[i].ent_type_ == "PERSON" or doc[i].lower_ in LEADERS for i in party)


# What "a demonstration of" shows when it is no protest ("a demonstration of strength").
SHOWN = frozenset({"strength", "force", "power", "resolve", "unity", "goodwill", "commitment", "intent", "will",
                   "dissatisfaction", "displeasure", "anger", "capability", "capabilities", "support", "solidarity"})


def _thing_released(verb: Any, vocabulary: frozenset[str]) -> bool:
    """With a parse, what is released is the verb's object or passive subject, or the noun its
    participle describes: "when their cartoons are released", "a video released by the group"
    (not "the report said the hostages were released", which the word window would drop)."""
    if verb.dep_ in ("acl", "amod") and verb.head.lower_ in vocabulary:
        return True
    return any(c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") and c.lower_ in vocabulary for c in verb.children)


def _a_talk(words: Window) -> bool:
    """"his live-streamed talk at the Atlantic Council": a singular "talk" is a lecture; talks
    between parties are plural ("held talks")."""
    before = words.before(6)
    return bool(before) and any(w in NOUN_START for w in before) and before[-1] != "to" \
        and "peace" not in before[-1:]


def _appositive_label(doc: Any, words: Window, etype: str, kept_types: list[tuple[int, str]]) -> bool:
    """"a Kabul car bombing killed five and wounded 110, another attack ascribed to the
    Taliban": a noun phrase after a comma that labels the act just told."""
    before = words.before(5)
    if "," not in before:
        return False
    k = len(before) - 1 - before[::-1].index(",")
    np = before[k + 1:]
    if not np or np[0] not in ("another", "the", "a", "an", "its", "their", "his", "her", "what"):
        return False
    if any(doc[i].pos_ == "VERB" for i in range(words.start - len(np), words.start)):
        return False
    return any(t == etype and e <= words.start - len(np) - 1 for e, t in kept_types)


def _predicate_label(doc: Any, words: Window, etype: str, kept_types: list[tuple[int, str]]) -> bool:
    """"Qaboos's overthrow of his father was a bloodless coup", "the killing was a premeditated
    murder": the noun after "was" labels the act its subject names (one act, one event: dev-set
    ruling 1), and the subject is no actor of it."""
    trigger = doc[words.start]
    if trigger.tag_ and not trigger.tag_.startswith("NN"):
        return False  # "gunmen were shooting at the stadium": a verb after "were" is an act of its own
    if doc.has_annotation("DEP"):
        # UD trees (the base model) hang the copula and subject on the noun; spaCy's English
        # models make the noun the "attr" of "was"
        copulas = [c for c in trigger.children if c.dep_ == "cop"]
        clause = trigger if copulas else trigger.head
        if not copulas and trigger.dep_ != "attr":
            return False
        copula = copulas[0] if copulas else clause
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if copula.lower_ not in BE or copula.lower_ in ("be", "been", "being") or not subjects:
            return False
        lo, k = subjects[0].left_edge.i, subjects[0].right_edge.i + 1
    else:  # no parse: back over the noun phrase's modifiers ("a bloodless British-backed")
        k = words.start - 1
        while k > words.s0 and doc[k].lower_ not in BE and words.start - k <= 6 and (
                doc[k].pos_ in ("ADJ", "ADV", "DET", "NUM", "PROPN", "NOUN", "PUNCT") or doc[k].tag_ == "VBN"):
            k -= 1
        if doc[k].lower_ not in BE or doc[k].lower_ in ("be", "been", "being"):
            return False
        lo = words.start - len(words.before(12))  # the subject: back to the clause's start
    return any(t == etype and lo < e <= k for e, t in kept_types)


# Positions taken in a vote; praise or welcome of a vote's result is an act of its own.
VOTE_POSITIONS = frozenset({"oppose", "opposed", "support", "supported", "back", "backed", "reject", "vote", "favour",
                            "favor", "approve", "approved"})
VOTE_WORDS = frozenset({"voted", "vote", "votes", "voting", "ballot", "ballots", "referendum"})


def _vote(words: Window) -> bool:
    """"opposed both articles of impeachment, and a third voted for the first article", "a protest
    vote against the government": a vote (the coding guidelines do not code votes)."""
    own = words.doc[words.start].lower_
    return own in VOTE_WORDS or any(w in VOTE_WORDS for w in words.before(8) + words.after(12))


STATES_OF_MIND = frozenset({"patient", "hopeful", "resilient", "strong", "positive", "optimistic", "safe", "careful",
                            "vigilant", "brave", "faithful", "healthy", "indoors", "home", "informed", "united"})


def _personal_advice(words: Window) -> bool:
    """"asking Cengiz to be patient and resilient", "encouraged supporters to remain hopeful"
    (ruling 14: personal advice is no political request)."""
    after = words.after(8)
    for k, w in enumerate(after):
        if w == "to" and k + 1 < len(after) and after[k + 1] in ("be", "remain", "stay", "keep", "feel"):
            rest = [x for x in after[k + 2:k + 4] if x not in ('"', "“", "”", "'")]
            return bool(rest) and rest[0] in STATES_OF_MIND
    return False


# "A report alleged fireworks were used": a neutral source reporting, not a party accusing.
REPORTS = frozenset({"report", "reports", "study", "studies", "article", "articles", "survey", "media"})
ADJ_PREPS = frozenset({"over", "about", "on", "against", "into", "after", "amid", "despite", "following", "of", "for",
                       "with", "from", "by", "in", "the", "an", "a", "his", "her", "their", "its", "any"})


def _participle_adjective(doc: Any, words: Window) -> bool:
    """"a convicted murderer", "the detained journalists": a participle used as an adjective
    before its noun, with a determiner before it."""
    if words.end - words.start != 1:
        return False
    word = doc[words.start].lower_
    if not word.endswith("ed") or words.word(words.start - 1) not in ("a", "an", "the", "this", "these", "those"):
        return False
    nxt = doc[words.end] if words.end < words.s1 else None
    return nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.pos_ in ("NOUN", "")


PROPOSALS = frozenset({"bill", "law", "proposal", "plan", "plans", "motion", "legislation", "amendment", "measure",
                       "draft", "initiative", "referendum", "petition", "resolution"})


def _proposed_content(doc: Any, words: Window) -> bool:
    """"a bill was proposed in 2016 for banning the niqab", "a plan for yesterday's march": what
    a proposal or plan is for has not (yet) happened."""
    before = words.before(10)
    if "for" not in before:
        return False
    k = len(before) - 1 - before[::-1].index("for")
    if len(before) - k > 4:
        return False
    return any(w in PROPOSALS for w in before[max(0, k - 6):k])


def _definite_setting(words: Window, kept_types: list[tuple[int, str]]) -> bool:
    """"Wiranto suffered two deep wounds in the attack", "during the attack, he hid": a definite
    attack as the setting of something else refers to the attack told before ("killed in the
    attack" is the attack's own report: the decider joins it to the killing)."""
    before = words.before(3)
    if len(before) < 2 or before[-1] not in ("the", "this", "that") or before[-2] not in ("in", "during", "at"):
        return False
    if any(w in CASUALTIES for w in words.before(8)):
        return False  # "Dozens died in the attack": the attack's own toll reports it
    return not any(t == "ASSAULT" for _e, t in kept_types)


CASUALTIES = frozenset({"died", "dead", "killed", "injured", "wounded", "hurt", "perished", "casualties", "deaths",
                        "dies", "die", "killing", "injuring"})


ELECTORATE = frozenset({"voters", "electors", "electorate", "supporters", "constituents"})


def _election_appeal(words: Window) -> bool:
    """"asked for support, asking voters to vote", "urged supporters to turn out": a candidate's
    appeal to the electorate (dev-set ruling 14), not a political request."""
    after = words.after(12)
    electoral = any(w in VOTE_WORDS or w in ("polls", "election", "elections", "turn", "turnout", "campaign",
                                             "candidate", "candidacy", "re-election", "reelection")
                    for w in words.before(10) + after)
    if any(w in ELECTORATE for w in after[:3]):
        return electoral or "voters" in after[:3]  # "urged supporters to take to the streets" is a call
    return after[:2] in (["for", "support"], ["for", "votes"], ["for", "their"]) and (
        electoral or any(w in ELECTORATE for w in after))


def _listed_again(doc: Any, words: Window, etype: str, kept_types: list[tuple[int, str]]) -> bool:
    """"two factions pushing, punching, and throwing projectiles": -ing forms listed after a
    kept act of the same type name one scuffle (dev-set ruling 1: one act, one event)."""
    if etype != "ASSAULT" or not doc[words.start].lower_.endswith("ing"):
        return False
    for e, t in kept_types:
        if t != etype or not words.start - 4 <= e < words.start or not doc[e - 1].lower_.endswith("ing"):
            continue
        between = [doc[i].lower_ for i in range(e, words.start)]
        if between and between[-1] in (",", "and") and all(w in (",", "and") or w.endswith("ing") for w in between):
            return True
    return False


UNREAL_MODIFIERS = frozenset({"possible", "potential", "planned", "proposed", "future", "imminent", "threatened",
                              "feared", "expected", "upcoming", "looming", "prospective", "hypothetical", "eventual",
                              "likely", "anticipated", "foiled", "thwarted", "averted"})
UNREAL_NOUNS = frozenset({"fear", "fears", "risk", "risks", "danger", "dangers", "prospect", "prospects",
                          "possibility", "possibilities", "likelihood", "chance", "chances", "spectre", "specter",
                          "event", "case", "anticipation", "eve", "ahead", "warning", "warnings", "rumours",
                          "rumors", "threat", "threats", "plot", "plots"})
UNREAL_VERBS = frozenset({"fear", "fears", "feared", "fearing", "prevent", "prevents", "prevented", "preventing",
                          "avoid", "avoids", "avoided", "avoiding", "prepare", "prepares", "prepared", "preparing",
                          "brace", "braced", "bracing", "await", "awaits", "awaited", "awaiting", "anticipate",
                          "anticipated", "deter", "deters", "deterred", "avert", "averted", "forestall", "foil",
                          "foiled", "thwart", "thwarted", "risk", "risks", "risked", "averting"})
NP_GLUE = frozenset({"a", "an", "the", "any", "further", "new", "renewed", "more", "fresh", "another", "more", "of",
                     "for", "against", "-"})


def _unreal(doc: Any, words: Window) -> bool:
    """An act feared, expected or prevented, not one that happened: "a possible attack by Iran",
    "fears of renewed protests", "in the event of an invasion", "prepared for an attack",
    "Residents fear an attack", "ahead of planned protests", "foiled attacks"."""
    before = words.before(6)
    for k in range(len(before) - 1, -1, -1):
        w = before[k]
        if w in UNREAL_MODIFIERS:
            return True
        if w == "of" and k > 0 and before[k - 1] in UNREAL_NOUNS:
            # "fears of", "risk of", "ahead of"; "in the event of", "in case of" (not "a case of assault")
            return before[k - 1] not in ("event", "case") or "in" in before[max(0, k - 3):k - 1]
        if w in UNREAL_VERBS:
            return True  # "fear an attack", "prepared for a possible attack", "to prevent attacks"
        if w in NP_GLUE or w in ("'s", "’s") or (doc[words.start - len(before) + k].pos_ in ("ADJ", "NOUN", "PROPN",
                                                                                         "NUM")):
            continue
        return False
    return False


def _told_again(doc: Any, words: Window, etype: str, kept_types: list[tuple[int, str]]) -> bool:
    """A definite noun ("the arrests", "this meeting") restating an act of its type kept before
    it in the sentence: a bare restatement (dev-set ruling 7)."""
    before = words.before(3)
    k = len(before) - 1
    while k >= 0 and (doc[words.start - len(before) + k].pos_ == "ADJ" or before[k] in ("-", "two", "three")):
        k -= 1
    if k < 0 or before[k] not in ("the", "this", "these", "those", "that"):
        return False
    if any(doc[i].ent_type_ for i in range(words.end, min(words.s1, words.end + 5))):
        return False  # "the attack on a school in Kabul on Monday": another act, with its own place or date
    return any(t == etype and e <= words.start - (len(before) - k) for e, t in kept_types)


def _toll_clause(doc: Any, words: Window, kept_types: list[tuple[int, str]]) -> bool:
    """"A bombing at a mosque, which killed 20 people, was claimed by ISIS": the casualties of
    the attack noun just before, in a relative clause on it (dev-set ruling 1)."""
    before = words.before(3)
    if not before or before[-1] not in ("which", "that") or (len(before) > 1 and before[-2] not in (",", "-", "—")
                                                              and before[-1] == "which"):
        return False
    rel = words.start - 1
    return any(t == "ASSAULT" and rel - 10 <= e <= rel and doc[e - 1].pos_ in ("NOUN", "PROPN")
               for e, t in kept_types)
