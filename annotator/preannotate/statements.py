"""What a statement does: the PLOVER type of an act made by speaking.

A sentence whose speech verb ("said", "told", "wrote", "claimed", "called it ...") carries the
act itself is coded on the speech verb (coding guidelines, "Decisions taken so far": criticism,
a threat, a call or a promise carried by a quotation is typed by what the quote does). The
type comes from the statement's *content* -- the words reported, not the speaker's name or the
frame around them -- by these rules, first match wins (docs/preannotation.md, "Statements
typed by what they do"):

1. an apology or an admitted mistake by the speaker's side ("we apologise", "I take full
   responsibility") -> CONCEDE;
2. a threat: force or a damaging measure announced for later ("we will retaliate", "they will
   pay a heavy price", "will not be tolerated", "serious consequences") -> THREATEN;
3. a refusal by the speaker's side ("we will never accept", "I will not resign", "we have no
   intention of ...") -> REJECT;
4. a promise to cooperate ("we will help", "we are ready to work with ...") -> AGREE;
5. a call: an obligation put on a party ("X must/should/needs to ...", "it is time to ...") or an
   imperative quotation ("Stop the violence") -> REQUEST;
6. an accusation frame ("X is responsible for / behind / to blame") or more words of blame than
   of praise -> ACCUSE (disapprove); more words of praise -> SUPPORT.

A statement is an interaction only when its content is about another party: rules 1-4 need the
speaker's side as the actor (a first-person subject), rules 2, 4, 5 and 6's accusation frame
need a party other than the speaker named in the content (an entity or a generic actor, "you",
"they"). Words of blame or praise alone do not: a quotation of dismay often names what it is
about only in the sentences around it ("I am deeply disturbed by what I saw"); requiring a
party there was measured on 2026-12-06 and lost more right suggestions than wrong ones.
Everything else -- facts, figures, one's own plans -- stays no event. Works on tokens; with a
parse, the subject of a modal is read from the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .affiliation import FINITE_VERB_TAGS
from .background import MISHAPS
from .gazetteer import ACTOR_LABELS

QUOTES = frozenset({'"', "“", "”"})
# After the reporting verb, words that belong to the frame, not to the content:
# '"...," said Sabrina Bennoui of Reporters Without Borders in a statement.'
FRAME_WORDS = frozenset({"in", "a", "an", "the", "statement", "on", "twitter", "interview", "with", "to", "of",
                         "at", "his", "her", "their", "its", "press", "conference", "speech", "news", "told",
                         "reporters", "journalists", "later", "also", "further", "then", "friday", "monday",
                         "tuesday", "wednesday", "thursday", "saturday", "sunday", "yesterday", "today", "letter",
                         "post", "posted", "tweet", "written", "televised", "address", "radio", "television",
                         "response", "reply", "remarks", "comments", "briefing", "broadcast", "message",
                         "website", "channel", "account",
                         # whom it was told to: '"...," the consul told local press'
                         "local", "media", "newspaper", "daily", "agency", "broadcaster", "outlet", "outlets",
                         "crowd", "supporters", "rally", "lawmakers", "parliament", "audience"})
FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me", "we're", "i'm", "we've", "i've", "we'll", "i'll"})
SELF_ONLY = frozenset({"i", "me", "my"})
SUBJECT_WORDS = frozenset({"we", "i", "you", "they", "he", "she", "it", "this", "that", "there", "who"})
ADVERBS = frozenset({"also", "always", "now", "still", "never", "not", "n't", "definitely", "certainly", "surely",
                     "then", "immediately", "urgently", "really", "clearly", "simply", "just", "all", "both",
                     "too", "again", "once", "first", "together", "absolutely", "fully", "firmly"})
FUTURE = frozenset({"will", "'ll", "shall", "would", "wo", "going"})
NEGATION = frozenset({"not", "n't", "never", "no"})

# rule 1: concessions made by speaking
APOLOGY = frozenset({"apologise", "apologize", "apologised", "apologized", "apologies", "apology", "apologising",
                     "apologizing"})
RESPONSIBILITY_VERBS = frozenset({"take", "accept", "bear", "takes", "accepts"})
ADMIT_VERBS = frozenset({"admit", "acknowledge", "admits", "acknowledges", "admitted", "acknowledged"})
FAULT_NOUNS = frozenset({"mistake", "mistakes", "error", "errors", "wrong", "failings", "failure", "failures"})

# rule 2: threats (PLOVER THREATEN: force or a damaging measure announced)
COERCIVE_VERBS = frozenset({"retaliate", "punish", "destroy", "crush", "annihilate", "eliminate", "obliterate",
                            "attack", "invade", "bomb", "strike", "hit", "respond", "react", "avenge", "wipe",
                            "sanction", "expel", "arrest", "prosecute", "regret", "pay", "suffer", "face", "retaliation",
                            "suspend", "impose"})
# "respond"/"react"/"hit"/"strike" alone are too wide: they need a manner or "back"
NEEDS_MANNER = frozenset({"respond", "react", "hit", "strike"})
MANNERS = frozenset({"back", "hard", "forcefully", "firmly", "decisively", "strongly", "harshly", "militarily",
                     "severely", "swiftly", "appropriately", "accordingly", "proportionately", "force",
                     "with", "in"})
# warnings that carry the threat by themselves ("any attack ... will not go unpunished")
WARNINGS = (
    ("will", "not", "be", "tolerated"), ("wo", "n't", "be", "tolerated"), ("will", "not", "tolerate"),
    ("wo", "n't", "tolerate"), ("will", "not", "go", "unpunished"), ("wo", "n't", "go", "unpunished"),
    ("pay", "a", "heavy", "price"), ("pay", "a", "high", "price"), ("serious", "consequences"),
    ("severe", "consequences"), ("grave", "consequences"), ("dire", "consequences"),
    ("all", "options", "are", "on", "the", "table"), ("or", "else"), ("red", "line"), ("not", "hesitate", "to"),
    ("not", "stand", "idly", "by"), ("full", "force", "of", "the", "law"), ("without", "a", "response"),
    ("not", "go", "unanswered"), ("not", "remain", "unanswered"), ("declaration", "of", "war"),
    ("befitting", "reply"), ("befitting", "response"), ("fitting", "reply"), ("fitting", "response"),
    ("reserves", "the", "right"), ("reserved", "the", "right"), ("reserve", "the", "right"),
    ("reserves", "its", "right"), ("reserve", "its", "right"), ("reserved", "its", "right"),
    ("response", "in", "kind"),
    ("resolute", "countermeasures"), ("firm", "countermeasures"), ("strong", "countermeasures"),
    ("measures", "in", "response"), ("be", "arrested", "if"), ("be", "prosecuted", "if"), ("be", "punished", "if"))
# threats that need a party named in the statement (not "this crime will be punished")
THREAT_PHRASES = (
    ("will", "be", "punished"), ("will", "be", "held", "accountable"), ("pay", "the", "price"), ("pay", "a", "price"),
    ("face", "consequences"), ("face", "the", "consequences"), ("will", "be", "consequences"),
    ("all", "necessary", "measures"), ("teach", "them", "a", "lesson"), ("last", "chance"), ("use", "force"),
    ("use", "of", "force"), ("decisive", "response"), ("adequate", "response"), ("mirror", "response"),
    ("retaliatory", "measures"), ("take", "relevant"), ("take", "appropriate", "measures"), ("take", "countermeasures"),
    ("use", "nuclear"), ("use", "the", "nuclear"), ("use", "its", "nuclear"), ("use", "our", "nuclear"),
    ("everything", "we", "have"),
    ("curtail", "threats"))

# rule 3: refusals by the speaker's side
REFUSED_VERBS = frozenset({"accept", "allow", "recognise", "recognize", "negotiate", "withdraw", "surrender",
                           "resign", "quit", "submit", "bow", "yield", "comply", "obey", "agree", "sign", "return",
                           "hand", "give", "back", "step", "retreat", "leave", "pull", "budge", "concede", "cooperate",
                           "talk", "meet", "apologise", "apologize", "change", "abandon", "extradite", "permit",
                           "let", "stop", "end", "lift", "reverse", "retract", "compromise", "bargain"})
REFUSAL_PHRASES = (("no", "intention", "of"), ("no", "intention", "to"), ("no", "plans", "to"),
                   ("refuse", "to"), ("refuses", "to"), ("we", "reject"), ("i", "reject"),
                   ("will", "be", "no", "negotiations"), ("will", "be", "no", "talks"),
                   ("will", "be", "no", "compromise"), ("there", "is", "no", "question", "of"),
                   ("out", "of", "the", "question"), ("not", "on", "the", "table"))

# rule 4: promises to cooperate (PLOVER AGREE: to cooperate, meet, help or sign later)
COMMITMENT = frozenset({"will", "'ll", "shall", "promise", "pledge", "vow", "guarantee", "commit", "committed",
                        "ready", "willing", "prepared", "determined", "going"})
COOPERATIVE_VERBS = frozenset({"help", "support", "assist", "cooperate", "work", "provide", "give", "send", "supply",
                               "stand", "join", "meet", "talk", "negotiate", "sign", "honour", "honor", "respect",
                               "protect", "rebuild", "restore", "release", "fund", "donate", "contribute", "invest",
                               "back", "host", "facilitate", "implement", "comply", "abide", "welcome", "offer",
                               "share", "continue", "resume", "strengthen", "deepen", "expand", "engage", "partner",
                               "reconcile", "unite", "guarantee", "ensure", "defend", "assist", "aid", "discuss",
                               "take"})
OBJECT_PARTIES = frozenset({"them", "you", "him", "her", "those", "everyone", "anyone", "all"})
# "take more positive steps towards those ...", "take your support for granted" need their object
TAKE_OBJECTS = frozenset({"steps", "step", "measures", "part"})

# rule 5: calls
DEONTIC = frozenset({"should", "must", "ought"})
NEED_WORDS = frozenset({"need", "needs", "have", "has"})  # + "to": "needs to", "has to"
EPISTEMIC_AFTER = frozenset({"have", "be", "'ve"})  # "must have known", "should be noted": not calls (see _deontic)
CALL_PHRASES = (("it", "is", "time", "to"), ("it", "'s", "time", "to"), ("it", "is", "time", "for"),
                ("it", "'s", "time", "for"), ("we", "call", "on"), ("we", "call", "upon"), ("we", "urge"),
                ("i", "urge"), ("we", "ask"), ("i", "ask"), ("we", "demand"), ("i", "demand"), ("we", "appeal"),
                ("i", "appeal"), ("we", "call", "for"), ("i", "call", "on"), ("i", "call", "for"))
IMPERATIVE_STARTS = frozenset({"do", "don't", "stop", "please", "end", "release", "free", "leave", "withdraw",
                               "respect", "return", "give", "get", "come", "take", "attack", "kill", "hold", "listen",
                               "go", "bring", "allow", "open", "halt", "cease", "put", "support", "join", "vote",
                               "resign", "step", "lift", "remove", "send", "help"})

PARTY_PRONOUNS = frozenset({"we", "you", "they", "he", "she", "everyone", "everybody", "nobody", "anyone"})
PARTY_NOUNS = frozenset({"powers", "countries", "nations", "states", "forces", "parties", "sides", "side", "leaders",
                         "people", "community", "government", "governments", "authorities", "officials", "world",
                         "troops", "militants", "rebels", "politicians", "lawmakers", "members", "regime",
                         "administration", "perpetrators", "those", "all", "both", "each", "citizens", "leadership"})

# rule 6: accusation frames; a claim about another party is an allegation
ALLEGING_VERBS = frozenset({"claimed", "claims", "claim", "claiming", "alleged", "alleges", "alleging"})
BE_WORDS = frozenset({"is", "are", "was", "were", "be", "been", "'s", "'re", "being"})
BLAME_AFTER_BE = frozenset({"responsible", "behind", "guilty", "culpable", "complicit", "accountable"})


# The verbs that report what a party said: the statement they open is typed by its content
# (decide), and "it said" names the organisation or country that speaks (actors).
SPEECH_VERBS = ("said", "says", "added", "wrote", "tweeted", "told", "stated", "noted", "commented", "insisted",
                "argued", "posted", "continued", "explained", "remarked", "replied", "responded", "asserted",
                "stressed", "emphasised", "emphasized", "claimed", "claims", "declared", "writes", "tweets", "adds")


# Verbs that judge their object by naming it: "called the border agreement 'null and void'",
# "described the attack as cowardly". Only the evaluation types them.
JUDGING_VERBS = ("called", "calling", "described", "describing", "branded", "branding", "labelled", "labeled",
                 "dubbed", "deemed", "termed",
                 # the present of wire copy's standing judgements ("Pakistani commanders describe the
                 # Indian firing as ..."); "calls" is left to judging_use ("calls for", "calls on")
                 "describe", "describes", "calls", "brands", "labels")
# words that open a judged object ("deemed it illegal", "called the deal ...")
OBJECT_STARTS = frozenset({"it", "them", "him", "her", "this", "that", "these", "those", "the", "his", "their",
                           "its", "a", "an", "such", "any", "all", "both"})
# "called on/for/off/up ...": another verb (a request, a cancellation), not a judgement
NOT_JUDGING_NEXT = frozenset({"on", "for", "upon", "off", "up", "in", "out", "back", "to", "at", "by", "into",
                              "from", "over", "after", "a", "an", "his", "her", "their", "its", "the", "him", "them",
                              "me", "us"})


def judging_use(doc: Any, i: int) -> bool:
    """Whether the judging verb at i names its object ("called it", "called the deal
    'a disgrace'") -- not "so-called", "was called" (a name), "called on", "called a strike"."""
    if i > 0 and (doc[i - 1].lower_ in BE_WORDS or doc[i - 1].lower_ in ("so", "-", "being")):
        return False
    if i + 1 >= len(doc):
        return False
    if doc[i].tag_ in ("NNS", "NNPS"):
        return False  # the plural noun of the same spelling: "phone calls the leaders made", "brands"
    nxt = doc[i + 1].lower_
    if i > 0 and doc[i - 1].text == "," and doc[i + 1].is_lower and doc[i + 1].is_alpha \
            and nxt not in OBJECT_STARTS and not any(doc[k].lower_ == "by" for k in range(i + 2, min(len(doc), i + 6))):
        # "protesters chanting slogans, deemed illegal under Jordanian law": a passive description
        # by no one ("..., described as genocide by two international courts" is judged by them)
        return False
    if nxt in ("the", "his", "her", "their", "its"):
        return True  # "called the decision ...": the evaluation decides, not a fixed list of nouns
    return nxt not in NOT_JUDGING_NEXT and not doc[i + 1].is_punct


# Words of blame that also name a kind of danger or of legal procedure: before such a noun they
# classify it and blame no one ("Tunisia is facing terrorist attacks, so every measure ... is
# understandable", "a criminal investigation has been opened"); "a terrorist", "criminal
# behaviour" still blame.
CLASSIFYING = frozenset({"terrorist", "criminal"})
CLASSIFIED_NOUNS = frozenset({"camps", "camp", "infrastructure", "hideouts", "hideout", "sites", "targets", "cells",
                              "attack", "attacks", "threat", "threats", "danger", "risk", "risks", "investigation",
                              "investigations", "probe", "inquiry", "charge", "charges", "case", "cases",
                              "proceedings", "prosecution", "code", "court", "courts", "law", "laws", "justice",
                              "offence", "offences", "offense", "offenses", "record", "records", "complaint",
                              "liability", "responsibility"})


# "offensive" is also the noun for a military campaign: "launching another offensive", "a
# ground offensive against ...", "the offensive," -- not "offensive remarks", "deeply offensive"
CAMPAIGN_BEFORE = frozenset({"military", "ground", "air", "counter", "spring", "major", "new", "final", "launch",
                             "launched", "launching", "launches", "began", "begin", "started", "start", "renewed"})
CAMPAIGN_AFTER = frozenset({"against", "on", "in", "into", "by", "to", "that", "which", "and", "was", "is", "has",
                            "had", "began", "would", "will"})


GOING = frozenset({"go", "goes", "went", "gone", "going", "something", "anything", "nothing"})
HIDING_PLACES = frozenset({"in", "at", "inside", "from", "out", "under", "behind", "near", "among"})


def blames(doc: Any, i: int) -> bool:
    """Whether the word of blame at i blames (not "terrorist attacks", "criminal charges": a kind
    of danger or procedure named, see CLASSIFYING; not the military "offensive")."""
    word = doc[i].lower_
    if word in CLASSIFYING and i + 1 < len(doc) and doc[i + 1].lower_ in CLASSIFIED_NOUNS:
        return False
    if word == "attack" and i > 0 and doc[i - 1].lower_ in ("the", "yesterday's", "monday's", "tuesday's",
                                                            "wednesday's", "thursday's", "friday's",
                                                            "saturday's", "sunday's"):
        return False  # "the attack on the police station killed five": the act told, not "an attack on democracy"
    if word == "damaging" and i + 1 < len(doc) and doc[i + 1].tag_ in ("DT", "CD", "PRP$", "NNS", "NN") \
            and i > 0 and doc[i - 1].lower_ in (",", "and"):
        return False  # "..., killing one civilian and damaging an industrial facility": damage told, no blame
    if blamed_on_an_act(doc, i):
        return False  # "an attack blamed on jihadists": who did it, named; no one blames
    if word == "wrong" and i > 0 and doc[i - 1].lower_ in GOING:
        return False  # "something went wrong with the launch": a mishap, no one blamed
    if word == "hiding" and i + 1 < len(doc) and doc[i + 1].lower_ in HIDING_PLACES:
        return False  # "people are hiding in a hotel": taking shelter, not hiding the truth
    if word == "responsible" and i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN") \
            and not any(doc[k].lower_ in ("hold", "holds", "held", "holding") for k in range(max(0, i - 6), i)):
        return False  # "members of the rebel group responsible for the ambush": who did it, told (not "held Iran responsible")
    if word == "offensive" and i > 0:
        before = doc[i - 1].lower_
        after = doc[i + 1] if i + 1 < len(doc) else None
        if before in CAMPAIGN_BEFORE or (before in ("a", "an", "the", "another", "this", "its", "their")
                                         and (after is None or after.is_punct or after.lower_ in CAMPAIGN_AFTER)):
            return False
    return True


def blamed_on_an_act(doc: Any, i: int) -> bool:
    """"an attack blamed on jihadists": the participle after the noun of an act names who did it;
    no one blames (neither a statement's word of blame nor an ACCUSE of its own)."""
    return doc[i].lower_ == "blamed" and i > 0 and doc[i - 1].pos_ == "NOUN" \
        and i + 1 < len(doc) and doc[i + 1].lower_ == "on"


def praises(doc: Any, i: int) -> bool:
    """Whether the word of praise at i praises (not "we will never take your support for
    granted": the idiom takes nothing for given)."""
    return not (doc[i].lower_ == "support" and i + 2 < len(doc) and doc[i + 1].lower_ == "for"
                and doc[i + 2].lower_ == "granted")


# Lexicon triggers of the same kind ("called it", "described the move", "characterised this"):
# typed by the evaluation of the words after them, like the judging verbs.
JUDGING_LEMMAS = frozenset({"call", "describe", "characterize", "characterise", "brand", "label", "dub", "term"})


def judgement(doc: Any, start: int, s1: int, negative: set[int], positive: set[int],
              quoted_label: bool = True) -> str | None:
    """ACCUSE or SUPPORT for the words a judging trigger ending at `start` applies to ("called it
    'a disgrace'", "described the deal as historic"), None when they neither blame nor praise
    ("called it unlikely that ..."). With `quoted_label` (the lexicon's "called it", "described
    the move": criticism unless shown otherwise), a label in quotation marks right after the
    trigger stays ACCUSE."""
    end = next((i for i in range(start, s1) if doc[i].text in (";",)), s1)
    neg = sum(1 for i in negative if start <= i < end) + _blaming_labels(doc, start, end)
    pos = sum(1 for i in positive if start <= i < end)
    if neg == pos and quoted_label and any(doc[i].text in QUOTES for i in range(start, min(end, start + 4))):
        return "ACCUSE"  # a label of the speaker's own in quotation marks: 'called it "a culture of death"'
    return "ACCUSE" if neg > pos else "SUPPORT" if pos > neg else None


# Names of a wrong that blame only as a label given: "described Monday's arrests as a coup",
# "called the strikes an invasion" (told as news, "the coup", "the invasion" blame no one).
BLAMING_LABELS = frozenset({"coup", "putsch", "invasion", "occupation", "terrorism", "massacre", "genocide"})


def _blaming_labels(doc: Any, start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if doc[i].lower_ in BLAMING_LABELS)


@dataclass
class Statement:
    type: str
    mode: str | None
    reason: str


def content_range(doc: Any, s0: int, s1: int, verb: int) -> tuple[int, int]:
    """The reported words: before the verb when it closes the sentence ('"...," X said in a
    statement.') or right follows a closing quotation mark ('"...," said X, director of Y'),
    the whole sentence when the verb splits a quotation ('"...", X said, "..."'), else after it
    ('X said: "..."', 'X said the law ...'); a quotation cut by the sentence splitter is read
    on into the next sentences or back into the earlier ones. The range may thus start before
    `s0` or end after `s1`. The speaker's own words are left to the caller (`classify` skips
    the speaker's span)."""
    if doc[verb].lower_ == "saying":
        # a participle introduces what follows it ('..., saying he intends to leave', 'saying: "..."'),
        # whatever quotation came before
        runs_on = sum(1 for k in range(verb + 1, s1) if doc[k].text in QUOTES) % 2 == 1
        return verb + 1, _quotation_end(doc, s1) if runs_on else s1
    quoted_before = any(doc[i].text in QUOTES for i in range(s0, verb))
    if _background_clause_after(doc, s1, verb) and any(doc[i].text == "," or doc[i].text in QUOTES
                                                       for i in range(s0, verb)):
        return _quotation_before(doc, s0, verb)  # "... , Lukashenko has said, as tensions rise around ..."
    depth = 0
    tail: list[int] = []  # the words after the verb, up to a quotation
    for k in range(verb + 1, s1):
        text = doc[k].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif text in QUOTES:
            # a quotation that does not close in this sentence runs on into the next ones: the
            # splitter cut after its opening mark ('Cooper added, "') or the speaker goes on for
            # several sentences ('Pelosi said: "We are committed to ... . [But] the president must ..."')
            runs_on = sum(1 for j in range(k, s1) if doc[j].text in QUOTES) % 2 == 1
            end = _quotation_end(doc, s1) if runs_on else s1
            if quoted_before and any(doc[j].is_alpha for j in range(k + 1, s1)) \
                    and all(_frame_word(doc[i]) for i in tail):
                return s0, end  # a split quotation: '"We stand ready" tweeted Johnson "to provide ..."'
            return verb + 1, end  # 'X said: "..."'
        elif not depth and not doc[k].is_punct:
            tail.append(k)
    if _closes_quotation(doc, s0, verb) or len(tail) <= 1 or all(_frame_word(doc[i]) for i in tail):
        return _quotation_before(doc, s0, verb)
    return verb + 1, s1


SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
# Conjunctions that open a background clause after a closing speech verb: the setting of the
# statement, not what was said ('..., he said, as tensions rose', '..., she said on Friday amid ...').
BACKGROUND_OPENERS = frozenset({"as", "while", "amid", "after", "before", "when", "since", "following", "despite"})


def _background_clause_after(doc: Any, s1: int, verb: int) -> bool:
    """Whether only frame words ("on Friday", "in a statement") and then a comma and a
    background conjunction follow the speech verb at `verb`."""
    k = verb + 1
    while k < s1 and doc[k].text != "," and doc[k].lower_ not in BACKGROUND_OPENERS:
        if not (_frame_word(doc[k]) or doc[k].ent_type_ == "DATE"):
            return False
        k += 1
    if k < s1 and doc[k].text == ",":
        k += 1
    return k < s1 and doc[k].lower_ in BACKGROUND_OPENERS


def _closes_quotation(doc: Any, s0: int, verb: int) -> bool:
    """Whether a quotation closes just before the verb, with at most the speaker's name between:
    '"...," said Ashton Bumhira, director of the Youth Forum.', '"...", he continued in the speech
    which was delivered in Tehran.' -- what follows the verb then describes the speaker or the
    setting, however long, and the quotation is what was said."""
    k = verb - 1
    while k > max(s0, verb - 6) and (doc[k].text == "," or doc[k].lower_ in SPEAKER_PRONOUNS
                                     or (_frame_word(doc[k]) and doc[k].text not in QUOTES)):
        k -= 1
    return k >= s0 and doc[k].text in QUOTES and k > s0 and (doc[k - 1].is_punct or doc[k + 1].text == ",")


def _quotation_before(doc: Any, s0: int, verb: int) -> tuple[int, int]:
    """The words before a verb that closes its sentence ('"...," X said in a statement.'): from
    the sentence start, or from the opening mark in an earlier sentence when the quotation began
    there (the sentence splitter cut inside it, or inside the speaker's name: '"... the
    government," said director Man-kei | Tam said in a statement.')."""
    end = verb
    while end > s0 and (_frame_word(doc[end - 1]) or doc[end - 1].is_punct):
        if doc[end - 1].text in QUOTES or doc[end - 1].text == ",":
            break
        end -= 1
    start = s0
    if end == s0:
        # nothing but the speaker in this sentence: the quotation closed in the one before
        k = s0
        while k > max(0, s0 - 12) and doc[k - 1].text not in QUOTES and doc[k - 1].text not in (".", ";", ":"):
            k -= 1
        close = k - 1
        if close > 0 and doc[close].text in QUOTES and (doc[close - 1].text in (",", "?", "!")
                                                        or doc[close + 1].text == ","):
            end = close
            start = _quotation_start(doc, end)
    elif sum(1 for i in range(s0, end) if doc[i].text in QUOTES) % 2 == 1 and doc[s0].text not in QUOTES:
        start = _quotation_start(doc, next(i for i in range(s0, end) if doc[i].text in QUOTES))
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


QUOTE_REACH = 80  # tokens a quotation may run on into the following (or back into the earlier) sentences


def _quotation_end(doc: Any, start: int) -> int:
    """The end of a quotation that opened just before `start` (a sentence splitter cuts after
    the opening mark): its closing mark, else `QUOTE_REACH` tokens on."""
    for i in range(start, min(len(doc), start + QUOTE_REACH)):
        if doc[i].text in QUOTES:
            return i
    return min(len(doc), start + QUOTE_REACH)


def _quotation_start(doc: Any, close: int) -> int:
    """The first word of a quotation that closes at token `close` and opened in an earlier
    sentence: after its opening mark, else `QUOTE_REACH` tokens back."""
    for i in range(close - 1, max(-1, close - 1 - QUOTE_REACH), -1):
        if doc[i].text in QUOTES:
            return i + 1
    return max(0, close - QUOTE_REACH)


SAY_FORMS = frozenset({"say", "says", "said", "saying"})
# What "said" may take as an object; after these the parse decides ("said nothing", "said no one was hurt")
SAID_OBJECTS = frozenset({"nothing", "something", "anything", "little", "much", "no", "yes", "goodbye", "so",
                          "a", "an"})


def _reports_clause(doc: Any, verb: int) -> bool:
    """Whether the words after the speech verb are what was said (a clause or a quotation), not
    its object: with a parse, a direct object and no clausal complement ("declared a state of
    emergency") is an object; without one, "a"/"an" right after the verb."""
    nxt = doc[verb + 1] if verb + 1 < len(doc) else None
    if nxt is None:
        return False
    if nxt.text in QUOTES or nxt.text in (":", ",") or nxt.lower_ == "that":
        return True
    if doc[verb].lower_ in SAY_FORMS and nxt.lower_ not in SAID_OBJECTS:
        return True  # "said the action violated international law": the parse may take "law" for its object
    if doc[verb].lower_ in ALLEGING_VERBS and _finite_verb_follows(doc, verb):
        return True  # "claimed Russian troops had violated the ceasefire": a clause, whatever the parse
    if doc.has_annotation("DEP"):
        if doc[verb].dep_ == "parataxis":
            return True  # the parse made the reported words the main clause
        deps = {c.dep_ for c in doc[verb].children if c.i > verb}
        return not ("dobj" in deps or "obj" in deps) or bool(deps & {"ccomp", "parataxis"})
    return nxt.lower_ not in ("a", "an")


def _finite_verb_follows(doc: Any, verb: int) -> bool:
    """A finite verb a few words after the verb, before any punctuation ("claimed Russian troops
    had violated ..."; not "claims sovereignty over the islands")."""
    for i in range(verb + 2, min(len(doc), verb + 8)):
        if doc[i].is_punct:
            return False
        if doc[i].tag_ in FINITE_VERB_TAGS:
            return True
    return False


def _predicate_end(doc: Any, c0: int, c1: int) -> int:
    """Where what a judging verb says of its object ends: at ";", a dash, a comma before a
    new clause (", pointing to ...", ", which ...") or "and" before a verb of the speaker's."""
    for i in range(c0, c1):
        word = doc[i].lower_
        if word in (";", "—", "–"):
            return i
        if word == "," and i + 1 < c1 and (doc[i + 1].lower_ in ("which", "who", "while", "but", "and", "as", "saying",
                                                               "adding", "although", "though")
                                           or (doc[i + 1].lower_.endswith("ing") and doc[i + 1].is_lower)):
            return i
        if word == "and" and i + 1 < c1 and doc[i + 1].tag_ in ("VBD", "VBZ"):
            return i  # "called the bombings 'cowardly' and declared three days of mourning": another act
    return c1


def _frame_word(tok: Any) -> bool:
    """A word of the speaker's name or of the report's setting ("in a statement")."""
    return bool(tok.ent_type_) or tok.is_title or tok.lower_ in FRAME_WORDS


# Words of mourning and condolence: a statement of sympathy over a tragedy is no event (coding
# guidelines), however dark the words describing the tragedy.
SYMPATHY = frozenset({"mourning", "mourn", "mourns", "condolences", "condolence", "sympathy", "sympathies",
                      "prayers", "grief", "grieving", "saddened", "heartbroken", "devastated", "thoughts"})


def classify(doc: Any, s0: int, s1: int, verb: int, speaker: tuple[int, int] | None,
             negative: set[int], positive: set[int], parties: list[tuple[int, int]],
             judging: bool = False, own_code: str | None = None,
             content: tuple[int, int] | None = None) -> Statement | None:
    """The act made by the statement of the speech verb at `verb`, or None (a neutral statement).
    `parties`: (start, end) of the actor entities of the sentence; `own_code`: the speaker's
    actor code (its own side is not called on); `negative`/`positive`: starts
    of words of blame and praise; `judging`: the verb names its object ("called X a ...",
    "described X as ..."), so only the evaluation applies; `content`: the words reported, as the
    caller has already cut them (default: `content_range`)."""
    if verb > s0 and verb + 1 < s1 and doc[verb + 1].lower_ == "by" and (
            doc[verb - 1].lower_ in ("was", "were", "been", "is", "are", "be", "being")
            or doc[verb].lower_ in ALLEGING_VERBS):
        # "the bombing was claimed by ISIS": a claim of responsibility; "islets administered by
        # Japan but claimed by China": a claim to land; neither is a statement
        return None
    c0, c1 = content if content is not None else content_range(doc, s0, s1, verb)
    if judging:
        c1 = _predicate_end(doc, c0, c1)
    elif c0 == verb + 1 and not _reports_clause(doc, verb):
        return None  # "declared a state of emergency", "claims sovereignty over": an object, no statement
    if c1 - c0 < 2:
        return None
    words = [doc[i].lower_ for i in range(c0, c1)]
    own = speaker or (verb, verb)
    other = any(c0 <= a < c1 and not (own[0] <= a < own[1]) and doc[a].lower_ not in FIRST_PERSON
                and not same_side(doc[a].ent_id_, own_code) for a, _b in parties) \
        or any(w in ("you", "your") for w in words)
    if not judging:
        found = _act(doc, c0, c1, words, _own_side_as_we(doc, c0, c1, verb, words, own_code), other, own_code)
        if found is not None:
            return found
    if not judging and doc[verb].lower_ in ALLEGING_VERBS and _alleges_another(doc, verb, c0, c1, own_code):
        return Statement("ACCUSE", "allege", "allegation")
    if _blame_frame(words) and other:
        return Statement("ACCUSE", "disapprove", "accusation frame")
    if own_code and own_code[3:6] == "COP":
        return None  # police describe the incident they investigate (coded as the act), their words judge no party
    # words of blame and praise weigh the verb's own sentence only: a long quotation's later
    # sentences often turn (an apology after the dismay, facts after a complaint), and
    # they carry their own events
    e1 = _first_sentence_end(doc, c0, c1, s1)
    neg = sum(1 for i in negative if c0 <= i < e1 and not own[0] <= i < own[1]) \
        + (_blaming_labels(doc, c0, e1) if judging else 0)
    pos = sum(1 for i in positive if c0 <= i < e1 and not own[0] <= i < own[1])
    if "whether" in words[:8]:
        return None  # "it is too early to say whether ...", "it is unclear whether ...": nothing judged yet
    if neg and any(w in SYMPATHY for w in words[:e1 - c0]):
        return None  # "Paris is mourning its family after this appalling attack": sympathy (not coded)
    if neg and any(doc[i].lower_ in MISHAPS for i in range(s0, s1)):
        return None  # "the quake struck ..., heavily damaging an airport, scientists said": no party blamed
    if neg > pos:
        return Statement("ACCUSE", "disapprove", "words of blame")
    if pos > neg:
        return Statement("SUPPORT", None, "words of praise")
    return None


def _first_sentence_end(doc: Any, c0: int, c1: int, s1: int) -> int:
    """Where the words of a content running on past its sentence end `s1` stop being weighed:
    at `s1` when the quotation has words there; all of it when the splitter cut right after
    its opening mark ('Cooper added, "')."""
    if c1 <= s1:
        return c1
    opening = max((i for i in range(c0, s1) if doc[i].text in QUOTES), default=c0 - 1)
    return s1 if any(doc[i].is_alpha for i in range(opening + 1, s1)) else c1


def _act(doc: Any, c0: int, c1: int, words: list[str], marked: list[str], other: bool,
         own_code: str | None) -> Statement | None:
    """Rules 1-5 (module docstring). `marked`: the words with the speaker's side read as "we"."""
    if _concession(marked):
        return Statement("CONCEDE", None, "apology")
    if _threat(marked, other):
        return Statement("THREATEN", None, "threat")
    if _refusal(marked):
        return Statement("REJECT", None, "refusal")
    if _promise(doc, c0, marked, own_code):
        return Statement("AGREE", None, "promise")
    if _deontic(doc, c0, c1, words, own_code) or has_phrase(words, CALL_PHRASES) or _imperative(doc, c0, c1):
        return Statement("REQUEST", None, "call")  # the obligation's subject is the party called on
    return None


def same_side(code: str | None, own_code: str | None) -> bool:
    """Whether an actor code is the speaker's side: the same code, or the country and one of its
    bodies (Johnson GBRGOV and "Britain" GBR) -- not two bodies of one country (Pelosi USALEG
    and the president USAGOV are two parties)."""
    if not code or not own_code or code[:3] != own_code[:3]:
        return False
    return code == own_code or len(code) == 3 or len(own_code) == 3


def own_side(doc: Any, i: int, own_code: str | None) -> bool:
    """Whether token i names the speaker or the speaker's side ("we", "I", an entity with the
    speaker's country or organisation code)."""
    tok = doc[i]
    if tok.lower_ in FIRST_PERSON:
        return True
    return bool(tok.ent_type_) and same_side(tok.ent_id_, own_code)


def _own_side_as_we(doc: Any, c0: int, c1: int, verb: int, words: list[str], own_code: str | None) -> list[str]:
    """The content's words with the speaker's side written "we": an entity of the speaker's
    country or organisation ("Pakistan would retaliate" said by Imran Khan), and in reported
    speech the pronoun that opens it ("Hamas said it would not negotiate")."""
    marked = list(words)
    for j in range(len(words)):
        tok = doc[c0 + j]
        if tok.ent_type_ and same_side(tok.ent_id_, own_code):
            marked[j] = "we"
    first = 1 if words and words[0] == "that" else 0
    if c0 == verb + 1 and len(words) > first and words[first] in ("it", "he", "she", "they"):
        marked[first] = "we"
    return marked


def has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of `phrases` (lower-case word tuples) occurs anywhere in `words`."""
    for k in range(len(words)):
        for phrase in phrases:
            if words[k] == phrase[0] and tuple(words[k:k + len(phrase)]) == phrase:
                return True
    return False


def _first_person_before(words: list[str], k: int, reach: int = 4) -> bool:
    """A first-person subject ("we", "I", "our government") shortly before position k, in its clause."""
    for j in range(k - 1, max(-1, k - 1 - reach), -1):
        if words[j] in (",", ";", ":", "that", "but", "and", "if", "when"):
            return False
        if words[j] in FIRST_PERSON:
            return True
    return False


def _concession(words: list[str]) -> bool:
    for k, w in enumerate(words):
        if _negated(words, k):
            continue
        if w in APOLOGY and (_first_person_before(words, k, 3) or (k > 0 and words[k - 1] in ("our", "my"))):
            return True  # "we apologise", "I offer my apologies"
        if w in RESPONSIBILITY_VERBS and _first_person_before(words, k, 3) and "responsibility" in words[k + 1:k + 4]:
            return True  # "I take full responsibility"
        if w in ADMIT_VERBS and _first_person_before(words, k, 3) and any(x in FAULT_NOUNS for x in words[k + 1:k + 5]):
            return True  # "we acknowledge the mistakes"
        if w in ("we", "i") and (words[k + 1:k + 3] in (["were", "wrong"], ["was", "wrong"], ["made", "mistakes"])
                                 or words[k + 1:k + 4] == ["made", "a", "mistake"]):
            return True
    return False


def _negated(words: list[str], k: int) -> bool:
    return any(w in NEGATION for w in words[max(0, k - 3):k])


def _threat(words: list[str], other: bool) -> bool:
    """Force or a damaging measure announced: by the speaker's side ("we will retaliate",
    "Pakistan would respond forcefully if ...") against a party named in the statement, or a
    warning formula ("will not go unpunished", "will pay a heavy price")."""
    if has_phrase(words, WARNINGS):
        return True
    if "either" in words and has_phrase(words, (("or", "we", "will"), ("or", "we", "'ll"))):
        return True  # an ultimatum: "Either they will come out or we will go in"
    if other and has_phrase(words, THREAT_PHRASES):
        return True
    for k, w in enumerate(words):
        if w not in COERCIVE_VERBS or w in ("pay", "face", "suffer", "regret"):
            continue
        before = [x for x in words[max(0, k - 3):k] if x not in ADVERBS]
        if not before or before[-1] not in FUTURE or any(x in NEGATION for x in words[max(0, k - 3):k]):
            continue
        if w in NEEDS_MANNER and not any(x in MANNERS for x in words[k + 1:k + 3]):
            continue
        if _first_person_before(words, k, 5) and (other or "any" in words[k + 1:k + 8]):
            return True  # against a party named, or against anyone who would ("to any provocation")
    return False


def _refusal(words: list[str]) -> bool:
    for k, w in enumerate(words):
        if w in ("refuse", "refuses") and _first_person_before(words, k, 3):
            return True
        if w in ("reject", "rejects") and k > 0 and words[k - 1] in ("we", "i") :
            return True
        if w not in REFUSED_VERBS:
            continue
        before = words[max(0, k - 4):k]
        if not any(x in NEGATION for x in before):
            continue
        if not any(x in ("will", "wo", "shall", "can", "ca", "cannot", "would", "do", "going", "am", "are")
                   for x in before) and "cannot" not in before:
            continue
        if _first_person_before(words, k, 5):
            return True
    return (has_phrase(words, (("no", "intention", "of"), ("no", "intention", "to"), ("refuse", "to")))
            and any(w in ("we", "i") for w in words))


def _promise(doc: Any, c0: int, words: list[str], own_code: str | None) -> bool:
    """"we will help them", "we stand ready to provide whatever help we can to ...", "I am
    committed to working with the new government": the speaker's side commits to an act of
    cooperation with another party, named just after the verb (not "we are going to implement
    these plans": one's own plan)."""
    for k, w in enumerate(words):
        if w not in COOPERATIVE_VERBS:
            continue
        before = words[max(0, k - 4):k]
        if not any(x in COMMITMENT for x in before) or any(x in NEGATION for x in before):
            continue
        if "if" in words[max(0, k - 10):k]:
            continue
        if w == "take" and not any(x in TAKE_OBJECTS for x in words[k + 1:k + 5]):
            continue
        if not _first_person_before(words, k, 6):
            continue
        if any(_party(doc, c0 + j, own_code) or words[j] in OBJECT_PARTIES
               for j in range(k + 1, min(len(words), k + 9))):
            return True
    return False


def _deontic(doc: Any, c0: int, c1: int, words: list[str], own_code: str | None) -> bool:
    """"foreign powers should get out", "the government must resign", "we have to put aside
    differences": an obligation put on a party (not "I must say", "it should be noted", "must
    have known")."""
    for k, w in enumerate(words):
        if w in DEONTIC:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if w == "ought" and nxt == "to":
                nxt = words[k + 2] if k + 2 < len(words) else ""
        elif w in NEED_WORDS and k + 1 < len(words) and words[k + 1] == "to":
            nxt = words[k + 2] if k + 2 < len(words) else ""
        else:
            continue
        if nxt in EPISTEMIC_AFTER and w != "ought":
            # "should have" is past criticism or a guess; "must be" a guess unless it is passive
            # of an act ("must be punished", "should be released")
            after = words[k + 2] if k + 2 < len(words) else ""
            if nxt != "be" or not (after.endswith("ed") or after in ("held", "brought", "made", "given", "taken")):
                continue
            if after in ("noted", "said", "pointed", "mentioned", "expected", "concerned", "used"):
                continue
        if "if" in words[max(0, k - 6):k] or "whether" in words[max(0, k - 6):k]:
            continue
        if _party(doc, _subject(doc, c0, c0 + k, words, k), own_code):
            return True
    return False


def _subject(doc: Any, c0: int, at: int, words: list[str], k: int) -> int | None:
    """The subject token of the modal at token `at`: from the parse (nsubj of its verb) when
    there is one, else the nearest word before it."""
    if doc.has_annotation("DEP"):
        verb = doc[at].head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "expl") and child.i < at:
                return child.i
    for j in range(k - 1, max(-1, k - 4), -1):
        if words[j] not in ADVERBS:
            return c0 + j
    return None


def _party(doc: Any, i: int | None, own_code: str | None) -> bool:
    """Whether the token names another party that can be called on: an actor entity (named or
    generic), a personal pronoun or a noun for a group of people ("foreign powers", "all
    sides") -- not the speaker's own side ("I must say", "we still need to fight for ...",
    Johnson: "Britain must leave"), except an inclusive appeal ("we have to stop attacking each
    other", "come together")."""
    if i is None:
        return False
    tok = doc[i]
    if tok.lower_ in SELF_ONLY:
        return False
    if tok.lower_ == "we":
        return any(doc[k].lower_ in ("other", "another", "together") for k in range(i + 1, min(len(doc), i + 14)))
    code = tok.ent_id_ if tok.ent_type_ else ""
    if same_side(code, own_code):
        return False
    return tok.ent_type_ in ACTOR_LABELS or tok.lower_ in PARTY_PRONOUNS or tok.lower_ in PARTY_NOUNS


def _imperative(doc: Any, c0: int, c1: int) -> bool:
    """A quotation that opens with a command: '"Stop the violence," ...', ': "Don't hold ...'."""
    for i in range(c0, c1 - 1):
        if doc[i].text not in QUOTES and doc[i].text != ":":
            continue
        first = doc[i + 1]
        word = first.lower_
        if word == "do" and i + 2 < c1 and doc[i + 2].lower_ in ("n't", "not"):
            return True
        if word == "please":
            return True  # ("let's ...", "let us ..." speak to one's own side, like "we must")
        if word in IMPERATIVE_STARTS and (first.tag_ == "VB" or not first.tag_) and word != "do":
            return True
    return False


def _alleges_another(doc: Any, verb: int, c0: int, c1: int, own_code: str | None) -> bool:
    """"Protesters have claimed Iran is unduly influencing ...", "the government claims Mahan
    flies fighters to Syria": a claim in reported speech whose subject is another party."""
    if c0 != verb + 1:
        return False
    start = c0 + 1 if doc[c0].lower_ == "that" else c0
    if start >= c1 or doc[start].text in QUOTES:
        return False
    if doc.has_annotation("DEP"):
        clause = [c for c in doc[verb].children if c.dep_ in ("ccomp", "parataxis") and c.i > verb]
        subjects = [k.i for c in clause for k in c.children if k.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
        if subjects:
            return any(_party(doc, i, own_code) and doc[i].lower_ not in ("it", "he", "she", "they")
                       for i in subjects)
    # no parse: a party among the first words ("claimed [the government] had ...")
    for i in range(start, min(c1, start + 4)):
        if doc[i].ent_type_:
            return _party(doc, i, own_code)
    return False


# "the suspects were linked to the network", "foreign forces were involved in the protests":
# a tie to a group or a part in a misdeed imputed to a party
TIE_WORDS = frozenset({"linked", "connected"})
SHADY_GROUPS = frozenset({"network", "group", "militants", "militant", "terrorist", "terrorists", "cell", "gang",
                          "gangs", "mafia", "cartel", "militia", "militias", "insurgents", "extremists", "jihadists",
                          "al-qaeda", "qaeda", "isis", "isil", "daesh", "taliban", "hezbollah", "hamas"})
MISDEEDS = frozenset({"attack", "attacks", "violence", "plot", "plots", "killing", "killings", "bombing",
                      "bombings", "coup", "murder", "crime", "crimes", "corruption", "scandal", "fraud", "riots",
                      "protests", "unrest", "terrorism", "smuggling", "assassination", "massacre", "abuses"})


def _tie_imputed(words: list[str], k: int) -> bool:
    after = words[k + 1:k + 3]
    if after[:1] and after[0] in TIE_WORDS and after[1:] == ["to"]:
        return any(w in SHADY_GROUPS or w in MISDEEDS for w in words[k + 3:k + 8])
    return after == ["involved", "in"] and any(w in MISDEEDS for w in words[k + 3:k + 7])


def _blame_frame(words: list[str]) -> bool:
    """"X is responsible for", "they were behind the attack", "is to blame", "were linked to",
    "were involved in the attacks"."""
    for k, w in enumerate(words[:-1]):
        if w in BE_WORDS and (words[k + 1] in BLAME_AFTER_BE or words[k + 1:k + 3] == ["to", "blame"]
                              or _tie_imputed(words, k)):
            if words[k + 1] == "behind" and words[k + 2:k + 3] in (["us"], ["them"], ["me"]):
                continue  # "put the anger behind us"
            if k > 0 and words[k - 1] in NEGATION:
                continue
            return True
    return False
