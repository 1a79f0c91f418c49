"""Events from trigger spans: type and mode from the lexicon, arguments within the sentence.

With a dependency parse (a trained pipeline with a parser) the tree decides first:
nsubj -> source, nsubjpass -> target, agent/"by" -> source, dobj -> target, the object of
"against", "on", "to", "at", "with", "toward(s)", "into" -> target, a possessive of a noun
trigger ("Israel's attack") -> source. Whatever the tree leaves empty, and everything when
there is no parse, the positional heuristics fill (docs/preannotation.md):

- source: an actor after the trigger introduced by "by"/"from" ("assaults from Hezbollah"),
  else the nearest actor before the trigger in the sentence that is not the object of a
  preposition;
- target: among the actors after the trigger, before the next trigger of the sentence or a
  clause break ("; ", ", and", ", but", "while", ", <verb>ing"), the first introduced by a target
  preposition, else the first one;
- date: the nearest DATE in the sentence; location: the nearest GPE/LOC/FAC introduced by
  "in", "at", "near" ... in the sentence.
Actors are PERSON, ORG, GPE and NORP entities that are not modifiers of a person ("Israeli"
in "Israeli Prime Minister Benjamin Netanyahu"). A negation word up to three tokens before
the trigger marks the event negated.

The result is stored on the Doc (`doc.user_data[EVENTS_KEY]`, one record per trigger span,
arguments as indexes into `doc.ents`) so it survives `nlp.pipe(n_process>1)`.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Any

from .actors import GENERIC, MENTION_STARTS_KEY, MODIFIERS_KEY, country_root
from .affiliation import FINITE_VERB_TAGS
from .org_names import org_role
from .decide import (BOMB_NOUNS, DETERMINERS, MATERIAL, NEGATIVE_WORDS, NP_WORDS, POSITIVE_WORDS,
                     REPORT_VERBS, QUOTE_MARKS, SUBJECT_PRONOUNS, TO_PREPOSITIONS, Candidate, decide,
                     definite, inside_quotation, is_neutral, subject_floor)
from .background import PROTESTERS
from .dateline import DATELINE_KEY, in_dateline
from .frames import RELATIVE_PRONOUNS, coordinated, frame_trigger
from .gazetteer import ACTOR_LABELS, GENERIC_ACTORS, load_gazetteer
from .statements import (JUDGING_LEMMAS, JUDGING_VERBS, SPEAKER_PRONOUNS, SPEECH_VERBS, blames, classify, content_range,
                         judgement, judging_use, own_side, praises)
from .lexicon import FRAME, Lexicon
from .modality import MODALS

EVENTS_KEY = "annotator.events"
# Events made by speaking: a sentence that has one has its statement coded already.
SPEECH_ACTS = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "AGREE", "THREATEN", "REJECT", "CONCEDE", "CONSULT"})
# With `EventBuilder.trace` set: one (start_char, end_char, type, lemma, verdict) per trigger
# candidate, the verdict "kept" or the rule that dropped it (benchmarks/trace_events.py)
TRACE_KEY = "annotator.trace"
TRIGGERS_KEY = "triggers"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "through", "around"})
QUANTITIES = frozenset({"thousands", "hundreds", "dozens", "millions", "scores", "tens", "group", "groups", "crowd",
                        "crowds", "number", "lot", "lots", "hundred", "thousand", "dozen", "million", "some", "many",
                        # "members of the opposition protested": the opposition acts
                        "members", "member", "representatives", "units"})
TARGET_PREPS = frozenset({"against", "on", "to", "at", "with", "toward", "towards", "into", "upon"})
SOURCE_PREPS = frozenset({"by", "from"})
# "according to Reuters": who reports the event (a medium, an official), no party to it
ATTRIBUTION = "according to"
OBJECT_PREPS = TARGET_PREPS | SOURCE_PREPS | LOCATION_PREPS | {"of", "for", "over", "about"}
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
SKIP_BEFORE = frozenset({"the", "a", "an", "another", "other", "both", "his", "her", "its", "their"})
VERB_BEFORE = frozenset({"to", "and", "or", "not", "n't", "will", "would", "could", "can", "may", "might", "must",
                         "should", "did", "do", "does", "also", "then", "never", "to", "still", "again", "who",
                         "which", "that", "they", "we", "police", "troops", "army", "military", "government"})
NOUN_PREPS = frozenset({"of", "in", "after", "before", "during", "amid", "against", "for", "from", "with", "by",
                        "following", "despite", "over", "about", "into", "on", "at"})
ANAPHORS = frozenset({"they", "we", "it", "he", "she", "group"})
BE_FORMS = frozenset({"was", "were", "been", "be", "is", "are", "being", "got", "get", "gets"})
IRREGULAR_PARTICIPLES = frozenset({"shot", "hit", "struck", "held", "met", "sent", "put", "cut", "fought", "led"})
MEANS_PREPS = frozenset({"in", "during", "with", "through"})
# verbs whose subject undergoes what the act in their means phrase does ("died in an airstrike")
SUFFERING_VERBS = frozenset({"die", "died", "dies", "dying", "perish", "perished", "perishes", "drowned",
                             "suffered", "suffer", "suffers"})
# adverbs between the auxiliary and the participle ("was then shot", "were later released")
PASSIVE_ADVERBS = frozenset({"then", "also", "later", "again", "soon", "since", "once", "twice", "first", "still",
                             "just", "already", "eventually", "subsequently", "reportedly", "allegedly"})
CLAUSE_WORDS = frozenset({"while", "whereas", "although", "though"})
SUBJECT_OBJECT_ROLES = {"nsubj": "source", "nsubjpass": "target", "nsubj:pass": "target", "dobj": "target",
                        "obj": "target"}
# nouns naming an operation of armed forces: its modifier names who carried it out ("killed in a
# US operation", "wounded in an Israeli airstrike"); a city before "bombing" names only a place
OPERATION_NOUNS = frozenset({"operation", "operations", "airstrike", "airstrikes", "strike", "strikes", "raid",
                             "raids", "offensive", "bombardment", "shelling", "crackdown"})


class EventBuilder:
    """spaCy component: the decider's events with their arguments (see module docstring)."""

    def __init__(self, lexicon: Lexicon, vocab: Any = None) -> None:
        self.lexicon = lexicon
        self.trace = False  # record every candidate's verdict in doc.user_data[TRACE_KEY]
        self.speech = None
        if vocab is not None:
            from spacy.lang.en import English
            from spacy.matcher import PhraseMatcher

            make = English(vocab=vocab).make_doc
            self.speech = PhraseMatcher(vocab, attr="LOWER")
            self.speech.add("SPEECH", [make(w) for w in SPEECH_VERBS + PLAIN_SAY])
            self.speech.add("JUDGING", [make(w) for w in JUDGING_VERBS])
            self.speech.add("NEGATIVE", [make(w) for w in NEGATIVE_WORDS])
            self.speech.add("POSITIVE", [make(w) for w in POSITIVE_WORDS])
            self.speech_ids = {vocab.strings[k]: k for k in ("SPEECH", "JUDGING", "NEGATIVE", "POSITIVE")}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        triggers = doc.spans.get(TRIGGERS_KEY, [])
        speech = self._speech_matches(doc)
        trace = [] if self.trace else None
        if trace is not None:
            doc.user_data[TRACE_KEY] = trace
        if not len(triggers) and not speech[0]:
            doc.user_data[EVENTS_KEY] = []
            _drop_idle_generic_actors(doc, [])
            return doc
        ents = list(doc.ents)
        modifiers = set(doc.user_data.get(MODIFIERS_KEY, ()))
        mention_starts = dict(doc.user_data.get(MENTION_STARTS_KEY, ()))
        sents = list(doc.sents)
        sent_starts = [s.start for s in sents]
        token_ent = [-1] * len(doc)
        info = []
        by_sent: dict[int, list[int]] = {}
        datelines = doc.user_data.get(DATELINE_KEY, ())
        for index, ent in enumerate(ents):
            if datelines and in_dateline(datelines, ent.start):
                info.append((ent.start, ent.end, ent.label_, None, True, ent.id_))
                continue  # where the story was filed from is no actor, place or date of its events
            for i in range(ent.start, ent.end):
                token_ent[i] = index
            sent = bisect_right(sent_starts, ent.start) - 1
            by_sent.setdefault(sent, []).append(index)
            # the preposition before the whole mention: "by [German Chancellor] Angela Merkel"
            info.append((ent.start, ent.end, ent.label_, _prep_before(doc, mention_starts.get(ent.start, ent.start)),
                         ent.start in modifiers,
                         ent.id_))
        lexicon = self.lexicon
        lemma_of = lexicon.lemma_of
        per_sent: dict[int, list[tuple[Any, Candidate]]] = {}
        frame_objects: set[int] = set()  # tokens a frame verb took as its typing object
        for t in triggers:
            if len(t) > 1 and t[-1].lower_ in TIME_PREPOSITIONS and doc[t.end - 1].ent_type_ != "DATE" \
                    and t.end < len(doc) and doc[t.end].ent_type_ == "DATE":
                t = _across_time(doc, t, lexicon)  # "agreed on Thursday to provide": not "agreed on"
            elif len(t) > 1 and t[-1].lower_ == "at" and t.end < len(doc) and doc[t.end].lower_ in ("least", "most"):
                t = _verb_alone(doc, t, lexicon)  # "fired at least one missile": a count, not "fired at"
                if t is None:
                    continue
            frames = lexicon.frames.get(t.id_)
            if frames is not None:
                sent = bisect_right(sent_starts, t.start) - 1
                found = frame_trigger(doc, t.start, t.end, sent_starts[sent], sents[sent].end, frames,
                                      lexicon.frame_preps.get(t.id_, frozenset()))
                if found is None:
                    if trace is not None:
                        trace.append((t.start_char, t.end_char, t.label_, t.text.lower(), "frame without its object"))
                    continue  # "signed a petition": no object of the verb's frames
                trigger, obj = found
                if any(o.start <= k < o.end and o.label_ == trigger.type and doc[k].lower_ not in BOMB_NOUNS
                       for o in triggers for k in coordinated(doc, obj)):
                    if trace is not None:
                        trace.append((t.start_char, t.end_char, trigger.type, t.text.lower(), "frame object is a trigger"))
                    continue  # "imposed a curfew", "fired teargas and rubber bullets": the noun is the trigger already
                t = Span(doc, t.start, t.end, label=trigger.type, span_id=trigger.key)
                frame_objects.add(obj)
            trigger = lexicon.triggers.get(t.id_)
            words = [tok.lower_ for tok in t]
            for tok, word in zip(t, words):
                tok.lemma_ = lemma_of.get(word, word)
            phrase = " ".join(words)
            nominal = phrase in lexicon.nominal and (phrase not in lexicon.verbal or _noun_context(doc, t.start)) \
                and not _finite_verb_form(t)
            cand = Candidate(t.start, t.end, trigger.type if trigger else t.label_, trigger.mode if trigger else None,
                             lexicon.lemma(words), nominal)
            per_sent.setdefault(bisect_right(sent_starts, t.start) - 1, []).append((t, cand))
        if frame_objects:
            per_sent = _without_frame_objects(per_sent, frame_objects, trace)
        has_tree = doc.has_annotation("DEP")
        records, kept = [], []
        for sent, items in per_sent.items():
            s0, s1 = sent_starts[sent], sents[sent].end
            verdicts = [] if trace is not None else None
            decisions = _decide_rules_first(doc, s0, s1, items, lexicon, verdicts)
            # the next event ends a target window; a complement dropped under a speech act does
            # not ("refused to meet Ukraine": Ukraine is the target of the refusal)
            starts = [c.start for (_t, c), d in zip(items, decisions) if d is not None]
            candidates = by_sent.get(sent, [])
            for k, ((t, cand), decision) in enumerate(zip(items, decisions)):
                note = None if trace is None else (t.start_char, t.end_char, cand.type, cand.lemma)
                if decision is None:
                    if note is not None:
                        trace.append((*note, verdicts[k]))
                    continue
                later = [s for s in starts if s > t.start]
                window_end = _clause_end(doc, t.end, later[0] if later else s1)
                if inside_quotation(doc, s0, s1, t.start):
                    # the quotation's end ends its act's target search: '"... has taken place,"
                    # she wrote on Facebook' (the speaker's words after it are no party)
                    window_end = next((i for i in range(t.end, window_end) if doc[i].text in QUOTE_MARKS), window_end)
                floor = subject_floor(doc, s0, t.start)
                if cand.nominal and has_tree:
                    floor = max(floor, _reaction_floor(doc[t.start:t.end]))

                def arguments(clauses: bool) -> dict[str, int]:
                    roles: dict[str, int] = {}
                    tree_passive, blocked = _tree_arguments(doc[t.start:t.end], token_ent, info, roles, clauses) \
                        if has_tree else (False, set())
                    blocked -= set(roles)
                    _positional_arguments(t.start, t.end, window_end, [i for i in candidates if (
                        info[i][0] >= floor or info[i][0] >= t.end) and info[i][3] != ATTRIBUTION
                        and not _reporter_after(doc, info[i], t.end)], info, roles,
                                          passive=not cand.nominal and (tree_passive or _passive(doc, s0, t.start)),
                                          nominal=cand.nominal)
                    for role in blocked:
                        roles.pop(role, None)
                    if "source" not in roles and floor > s0:
                        # "X reported that they launched ...": the pronoun is the reporter
                        if any(doc[i].lower_ in ANAPHORS for i in range(floor, t.start)):
                            speaker = _speaker(doc, floor - 1, max(s0, floor - 8), s1, token_ent, info, after=False)
                            if speaker is not None and speaker not in roles.values():
                                roles["source"] = speaker
                    return roles

                # the checks below that keep or retype an event read the arguments without the
                # clause rules (`_tree_arguments(clauses=True)`): those refine who, never whether
                roles = arguments(False)
                if cand.nominal and definite(doc, s0, cand) and not any(
                        role in roles and not _reporter(info[roles[role]], t) for role in ("source", "target")):
                    if note is not None:
                        trace.append((*note, "definite nominal without actors"))
                    continue  # "the talks were described as productive": a back-reference
                _host_from_place(roles, info, decision, cand)
                if decision.type == "CONSULT" and decision.mode == "visit" and "target" not in roles:
                    if note is not None:
                        trace.append((*note, "visit without a host"))
                    continue  # "visiting the town", "hosting a program": no one is met
                etype, mode, alleged = decision.type, decision.mode, False
                if etype == "ACCUSE" and cand.lemma.split()[0] in JUDGING_LEMMAS and t.id_ in lexicon.triggers \
                        and cand.lemma != "call in":  # an envoy "called in" is summoned, not judged
                    # "called it a disgrace" / "called it historic" / "called it unlikely that ..."
                    etype = judgement(doc, t.end, s1, speech[1], speech[2])
                    if etype is None:
                        if note is not None:
                            trace.append((*note, "neutral judgement"))
                        continue
                    mode = mode if etype == "ACCUSE" else None
                if decision.alleged_by is not None:
                    # "..., according to media reports": the source follows "according to", never before it
                    floor = decision.alleged_by if doc[decision.alleged_by].lower_ == "according" else s0
                    speaker = _speaker(doc, decision.alleged_by, floor, s1, token_ent, info)
                    accused = roles.get("source")
                    verb = decision.alleged_by
                    # the accused acts inside the report: after the verb ("Israel said Hezbollah
                    # fired"), or before the speaker when the report comes last ("..., officials said")
                    inside = accused is not None and (info[accused][0] > verb if verb < t.start else (
                        speaker is not None and info[accused][1] <= info[speaker][0]))
                    if inside and not cand.nominal and info[accused][1] <= t.start and _passive(doc, s0, t.start):
                        inside = False  # "Trump said X has been killed": the passive's subject is the victim
                    # a show of force told by the side it is aimed at is coded as the show of force
                    # ("South Korea's military said North Korea fired a ballistic missile toward the
                    # sea"): nothing is done to anyone, so nothing is alleged against the one who shows it
                    if speaker is not None and accused is not None and speaker != accused and inside \
                            and etype != "MOBILIZE" \
                            and not (etype == "ASSAULT" and doc[verb].lower_ != "according"
                                     and _dead_counted(doc, s0, s1)) \
                            and not is_neutral(info[speaker][5]) and not _unplaced_generic(doc, ents[speaker]) \
                            and _opposed_sides(info[speaker][5] or "", info[accused][5] or ""):
                        etype, mode, alleged = "ACCUSE", "allege", True
                        roles = {"source": speaker, "target": accused,
                                 **{r: i for r, i in roles.items() if r in ("date", "location")}}
                if not alleged and has_tree:
                    roles = arguments(True)
                    _host_from_place(roles, info, decision, cand)
                    placed = roles.get("target")
                    if etype == "ASSAULT" and (placed is None or _is_location(info[placed])):
                        # the victims counted, rather than no target or the place ("in Kabul")
                        victims = _casualties(doc[t.start:t.end], token_ent, info)
                        if victims is not None and victims not in roles.values():
                            roles["target"] = victims
                            if placed is not None and "location" not in roles:
                                roles["location"] = placed
                target = roles.get("target")
                if cand.nominal and "source" not in roles and target is not None and info[target][3] == "of" \
                        and not alleged and _done_by_of_phrase(etype, mode):
                    roles["source"] = roles.pop("target")  # "the resignation of X", "a meeting of X and Y"
                if etype == "MOBILIZE" and "source" not in roles and target is not None \
                        and info[target][1] <= t.start:
                    # "the Indian army was deployed": the force named before a passive is the one
                    # that mobilises (PLOVER: forces deployed or shown), no recipient of it
                    roles["source"] = roles.pop("target")
                if cand.lemma in CHARGE_PHRASES and kept and kept[-1].start >= s0 and records[-1][0] in ("COERCE", "SANCTION"):
                    # "Mali arrested the officers under charges of being mercenaries": who arrests
                    # charges the one arrested (a passive arrest names no one who charges)
                    roles = {role: index for role, index in records[-1][4] if role in ("source", "target", "date")}
                if etype == "REJECT" and cand.lemma.split()[0] == "deny" and _same_country(info, roles):
                    # "Karimov denied that troops had fired", "Gulen denied any role": what is denied
                    # is told of the denier's own side; the one denied to (the accuser) is named
                    # apart, if at all
                    roles.pop("target")
                if note is not None:
                    trace.append((*note, "kept" if etype == decision.type else f"kept as {etype}"))
                kept.append(Span(doc, t.start, t.end, label=etype, span_id=t.id_))
                records.append([etype, mode, cand.lemma, False, [[role, index] for role, index in roles.items()]])
        if speech[0]:
            self._statements(doc, sents, sent_starts, speech, kept, records, token_ent, info, by_sent)
        doc.spans[TRIGGERS_KEY] = kept
        doc.user_data[EVENTS_KEY] = records
        _drop_idle_generic_actors(doc, records)
        return doc

    def _speech_matches(self, doc: Any) -> tuple[list[tuple[int, bool]], set[int], set[int]]:
        """Speech verbs (token start, whether it is a judging verb: "called X ...") and the
        evaluative words (token starts), by one PhraseMatcher pass."""
        if self.speech is None:
            return [], set(), set()
        verbs: list[tuple[int, bool]] = []
        negative: set[int] = set()
        positive: set[int] = set()
        for match_id, start, _end in self.speech(doc):
            kind = self.speech_ids[match_id]
            if kind == "SPEECH":
                if doc[start].is_lower and (doc[start].lower_ not in PLAIN_SAY or _reporting_say(doc, start)) \
                        and not _unsaid(doc, start):
                    verbs.append((start, False))
            elif kind == "JUDGING":
                if doc[start].is_lower and judging_use(doc, start):
                    verbs.append((start, True))
            elif kind == "NEGATIVE":
                if blames(doc, start):
                    negative.add(start)
            elif praises(doc, start):
                positive.add(start)
        return verbs, negative, positive

    def _statements(self, doc: Any, sents: list, sent_starts: list[int], speech: tuple, kept: list,
                    records: list, token_ent: list[int], info: list[tuple], by_sent: dict) -> None:
        """A statement that is itself an act (statements.py: criticism, praise, a call, a threat,
        a promise, a refusal, an apology) -> that event on the speech verb, once per sentence
        that has no event yet and whose speaker is an actor."""
        from spacy.tokens import Span

        verbs, negative, positive = speech
        # one event per statement; only the rules' own events count, so that a trained model's
        # trigger never takes away a rule suggestion. A material act reported inside the statement
        # ("called the stabbing 'an act of barbarity'") leaves the statement its own event.
        acts = [t for t in kept if t.id_ in self.lexicon.triggers and t.label_ in SPEECH_ACTS]
        taken = {bisect_right(sent_starts, t.start) - 1 for t in acts}
        stated: dict[int, set[str]] = {}  # sentences given a statement event here, and its types
        for verb, judging in verbs:
            sent = bisect_right(sent_starts, verb) - 1
            if sent in stated and not _joined_predicate(doc, verb):
                # (a second predicate joined by "and"/"but" may make a statement of a type the
                # sentence does not have yet)
                continue
            s0, s1 = sent_starts[sent], sents[sent].end
            c0, c1 = content_range(doc, s0, s1, verb)
            # a speech act kept in the sentence leaves it a statement of its own only as a second
            # predicate of the same speaker ("rejected the accusation and said its forces were
            # fighting terrorists": the rejection, then the allegation), not one that elaborates
            # it ("denied the accusation, calling it baseless")
            sent_acts = [t for t in acts if s0 <= t.start < s1]
            if sent_acts and not _second_predicate(doc, verb, c0, c1, sent_acts) \
                    and not _judged_before_told(doc, c0, c1, sent_acts, negative):
                continue
            # a quotation running on stops before a later sentence with a speech act of its own
            # ('X said: "We condemn this. We call on Y to ..."': the call is coded there)
            limit = next((sent_starts[k] for k in range(sent + 1, bisect_right(sent_starts, max(c1 - 1, s0)))
                          if k in taken or k in stated), None)
            c1 = c1 if limit is None else max(min(c1, limit), s1)
            # a quotation that closed in the sentence before: the speaker may start there too
            # ('"...," said director Man-kei | Tam said in a statement.')
            floor = c1 if c1 <= s0 else s0
            speaker = _speaker(doc, verb, floor, s1, token_ent, info)
            if speaker is None or info[speaker][0] > verb:
                # "Cherry, who led the petition, said the government ...": not "said [the government]"
                apposed = _appositive_speaker(doc, verb, s0, token_ent, info)
                speaker = apposed if apposed is not None else speaker
            if speaker is None and doc[verb].lower_ == "saying" and doc.has_annotation("DEP") \
                    and doc[verb].head.i < verb:
                # "Russia's foreign ministry issued a statement on Monday, saying ...": the one
                # who says is the subject of the clause the participle hangs on
                speaker = _subject_actor(doc[verb].head, token_ent, info)
            if speaker is None:
                continue
            # the content may run on into the next sentences (a quotation cut by the splitter)
            # (or back into the earlier ones: a quotation that closes in this sentence)
            first = bisect_right(sent_starts, c0) - 1 if c0 < s0 else sent
            nearby = [i for k in range(first, bisect_right(sent_starts, max(c1 - 1, s0))) for i in by_sent.get(k, [])]
            actors = [i for i in nearby if i != speaker and _is_actor(info[i]) and not _is_location(info[i])]
            found = classify(doc, s0, s1, verb, info[speaker][:2], negative, positive,
                             [info[i][:2] for i in actors], judging=judging, own_code=info[speaker][5],
                             content=(c0, c1))
            if found is None or any(t.label_ == found.type for t in sent_acts) or found.type in stated.get(sent, ()):
                continue
            if found.reason in ("words of praise", "words of blame") and _own_act_reported(doc, verb, c0, c1, kept):
                continue  # "Hezbollah said it had launched rockets 'in solidarity' with ...": the act, told by its doer
            stated.setdefault(sent, set()).add(found.type)
            etype, mode = found.type, found.mode
            # who said it: the parse's subject of the verb, or of the verb it is joined to, where
            # it names an actor ("Regina Ip from the pro-Beijing camp said", "Netanyahu found the
            # strike justified and called it ..."), else the nearest actor that decided the event
            subject = _subject_actor(doc[verb], token_ent, info) if doc.has_annotation("DEP") else None
            if subject is not None and c0 <= info[subject][0] < c1:
                subject = None  # the parser's slip: "Russian forces committed atrocities, an official said"
            if subject is not None and subject != speaker:
                actors = [i for i in nearby if i != subject and _is_actor(info[i]) and not _is_location(info[i])]
                speaker = subject
            roles = {"source": speaker}
            # the target: the first other party in what was said, else after the verb in the sentence
            others = [i for i in actors if not own_side(doc, info[i][0], info[speaker][5])]
            target = next((i for i in others if c0 <= info[i][0] < c1), None)
            if target is None:
                target = next((i for i in others if verb < info[i][0] < s1), None)
            if target is not None:
                roles["target"] = target
            kept.append(Span(doc, verb, verb + 1, label=etype, span_id=f"{etype}|{mode or ''}"))
            records.append([etype, mode, doc[verb].lower_, False, [[r, i] for r, i in roles.items()]])


def _judged_before_told(doc: Any, c0: int, c1: int, acts: list, negative: set[int]) -> bool:
    """Whether the speaker's words judge the acts the statement reports before telling them
    ('said it is "shocking" that the United States vetoed ...'): the judgement is the speaker's
    own act, the veto another's. A word of blame after the act may be the act's own ("condemned
    the attack as barbaric"); one not followed by "that" may judge something else."""
    first = min(t.start for t in acts)
    return all(c0 <= t.start < c1 for t in acts) and any(
        c0 <= i < first and any(doc[k].lower_ == "that" for k in range(i + 1, min(first, i + 4)))
        for i in negative)


def _second_predicate(doc: Any, verb: int, c0: int, c1: int, acts: list) -> bool:
    """Whether the speech verb at `verb` is a predicate joined after the sentence's speech acts,
    none of which is inside what it reports."""
    return bool(acts) and _joined_predicate(doc, verb) and all(t.end <= verb and not c0 <= t.start < c1 for t in acts)


def _joined_predicate(doc: Any, verb: int) -> bool:
    """"... and said", "... but called", "... and has called": a finite verb (or a perfect's
    participle) joined by "and" or "but" to the predicate before it, the same subject's."""
    k = verb - 1
    while k > 0 and doc[k].lower_ in ("has", "have", "had", "also"):
        k -= 1
    return k > 0 and doc[k].lower_ in ("and", "but") and (
        doc[verb].tag_ in FINITE_VERB_TAGS or (doc[verb].tag_ == "VBN" and k < verb - 1))


def _decide_rules_first(doc: Any, s0: int, s1: int, items: list, lexicon: Lexicon,
                        trace: list[str] | None = None) -> list:
    """The decider's verdicts for a sentence's candidates. Candidates a trained model added
    (they carry no lexicon key) are decided in the context of all candidates, the lexicon's
    among themselves only: a model never changes what the rules suggest (docs, "A trained
    model adds to the rules"). `trace` as in `decide`."""
    from_rules = [t.id_ in lexicon.triggers for t, _c in items]
    if all(from_rules):
        return decide(doc, s0, s1, [c for _t, c in items], trace)
    ruled_trace: list[str] | None = None if trace is None else []
    every_trace: list[str] | None = None if trace is None else []
    ruled = iter(decide(doc, s0, s1, [c for (_t, c), r in zip(items, from_rules) if r], ruled_trace))
    everything = decide(doc, s0, s1, [c for _t, c in items], every_trace)
    if trace is not None:
        notes = iter(ruled_trace)
        trace.extend(next(notes) if r else note for r, note in zip(from_rules, every_trace))
    return [next(ruled) if r else d for r, d in zip(from_rules, everything)]


def _finite_verb_form(span: Any) -> bool:
    """Whether a one-word literal lexicon form ("ordered", "supported", "charged") is the verb
    the tagger says it is: such a form is listed literally, not as a verb's every form, to keep
    out the noun ("an order"), but it is no noun phrase ("Since Hu ordered firms to ...")"""
    return len(span) == 1 and span[0].tag_ in FINITE_VERB_TAGS


NOUN_PHRASE_TAGS = frozenset({"DT", "PRP$", "NNP", "NNPS", "JJ", "JJR", "JJS", "NN", "CD", "POS"})


def _noun_context(doc: Any, start: int) -> bool:
    """Whether a phrase that is both a verb and a noun ("attack", "protests") is a noun here:
    after a determiner, possessive, number or noun-phrase word ("the attack", "Israel's strikes")."""
    if start == 0:
        return True
    if doc[start].tag_ in ("NN", "NNS") and doc[start - 1].tag_ in NOUN_PHRASE_TAGS:
        return True  # the tagger's noun inside a noun phrase: "any US attack", "Syria's chemical attack"
    if start + 1 < len(doc):
        after = doc[start + 1].lower_
        if after in ("from", "of") or (after == "by" and not doc[start].lower_.endswith("ed")):
            return True  # "assaults from Hezbollah", "attacks by rebels"
    prev = doc[start - 1]
    word = prev.lower_
    if word in NP_WORDS or word in NOUN_PREPS or prev.like_num:
        return True
    if word == "to" and start > 1 and doc[start - 2].lower_ in TO_PREPOSITIONS:
        return True  # "led to clashes", "in response to attacks": "to" is a preposition here
    # a verb needs a subject, an auxiliary or "to" before it ("rebels attack", "they attack",
    # "to attack", "and attack"); after any other word ("the double bombing") it is a noun
    return not (word in SUBJECT_PRONOUNS or word in VERB_BEFORE or word.endswith(("s", "ly"))
                or prev.is_title or not prev.is_alpha) or prev.like_num or prev.lower_ in DETERMINERS or (
        prev.is_title and start - 1 > 0 and prev.lower_ not in SUBJECT_PRONOUNS and not prev.is_sent_start)


# A state and the society it faces: within one country, what the government or its forces say
# their opposition or civilians did is an allegation as much as one country's word against
# another's ("President Vucic said student-led protesters attacked a camp of his supporters").
# The other direction (an opposition's word against the state's forces) was measured on
# 2026-12-07 and cost a blind sample a right suggestion, so it is not taken.
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY"})
SOCIETY_ROLES = frozenset({"OPP", "CVL"})


def _opposed_sides(speaker_code: str, accused_code: str) -> bool:
    """Whether a report by `speaker_code` of an act by `accused_code` is one side's word against
    the other's: two countries, or a state's word against its own opposition or civilians."""
    if speaker_code[:3] != accused_code[:3]:
        return True
    return speaker_code[3:6] in STATE_ROLES and accused_code[3:6] in SOCIETY_ROLES


def _unplaced_generic(doc: Any, ent: Any) -> bool:
    """"..., officials said", "the foreign ministry said": a generic speaker whose country no word
    of its own names took it from the sentence, so it is no party that can be told apart from the
    actor it reports on (the country named nearest is as often the actor's own)."""
    if ent.kb_id_ != GENERIC or ent.text.lower() not in GENERIC_ACTORS:
        return False  # not generic, or one with its own country word ("Israeli officials")
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 4 and (doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "PART") or doc[i].tag_ == "POS"):
        if doc[i].ent_type_ in ("GPE", "NORP"):
            return False  # "Israeli officials", "Egypt's foreign ministry"
        i -= 1
    return True


def _speaker(doc: Any, verb: int, s0: int, s1: int, token_ent: list[int], info: list[tuple],
             after: bool = True) -> int | None:
    """The actor who says: just before the report verb ("Israel said", "Zeid Ra'ad al-Hussein
    on Monday called"), or after it ("said Israel", "according to Israel"), where a title may
    come first ("said California Attorney General Xavier Becerra")."""
    for i in range(verb - 1, max(s0, verb - (5 if after else 9) - _date_before(verb, s0, token_ent, info)) - 1, -1):
        if doc[i].text in QUOTE_MARKS:
            break  # '"... by the security forces," said Kaneko': the quotation is what is said, not who says it
        index = token_ent[i]
        if index != -1 and _is_actor(info[index]):
            return index
        if doc[i].lower_ in ("a", "an") and i > s0 and doc[i - 1].text == "," \
                and all(doc[k].is_alpha for k in range(i, verb)):  # (not an apposition: "X, an ally, said")
            # "..., a medical worker told AFP": an unnamed speaker (before the comma is what was
            # told, after the verb whom it was told to)
            return None
    if not after:
        return None
    for i in range(verb + 1, min(s1, verb + 4 + TITLE_REACH)):
        index = token_ent[i]
        if index != -1 and _is_actor(info[index]):
            return index
        if i >= verb + 3 and not _title_word(doc[i]):
            break
    return None


TITLE_REACH = 6  # words of a title between a report verb and the name after it


def _title_word(token: Any) -> bool:
    """A word of a title or of the name of the office it is of ("Attorney General", "the
    foreign minister of Iran")."""
    word = token.lower_
    return word in _title_words() or word in ("the", "of") or (token.is_title and not token.is_sent_start)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(word for title in load_gazetteer().titles for word in title.split())


def _date_before(verb: int, s0: int, token_ent: list[int], info: list[tuple]) -> int:
    """How many tokens a date phrase ("on Monday") takes right before the verb: the date and the
    preposition before it."""
    i = verb - 1
    while i >= s0 and (token_ent[i] != -1 and info[token_ent[i]][2] == "DATE"):
        i -= 1
    return verb - 1 - i + 1 if i < verb - 1 else 0


def _appositive_speaker(doc: Any, verb: int, s0: int, token_ent: list[int], info: list[tuple]) -> int | None:
    """"Nancy Pelosi, the Speaker of the House, said", "Cherry, who led the petition, said": the
    actor just before an apposition or relative clause that ends at the verb."""
    if verb - 1 <= s0 or doc[verb - 1].text != ",":
        return None
    for i in range(verb - 2, max(s0, verb - 14) - 1, -1):
        if doc[i].text in (";", ":") or doc[i].text in ('"', "“", "”"):
            return None
        if doc[i].text == ",":
            index = token_ent[i - 1] if i > s0 else -1
            return index if index != -1 and _is_actor(info[index]) else None
    return None


def _clause_end(doc: Any, start: int, limit: int) -> int:
    """Where the target search stops: the next trigger, or a clause break ("; ", ", and",
    ", but", "while", ", stressing ...") before it."""
    for i in range(start, limit):
        word = doc[i].lower_
        if word == ";" or word in CLAUSE_WORDS:
            return i
        if word == "," and i + 1 < len(doc):
            following = doc[i + 1].lower_
            if following in CLAUSE_WORDS or following in ("and", "but") or (
                    following.endswith("ing") and doc[i + 1].is_lower and len(following) > 5
                    and following != "according"):  # ", according to X, by Y": an aside, no clause
                return i
    return limit


def _prep_before(doc: Any, start: int) -> str:
    i = start - 1
    # "into the hostile crowd", "by two masked gunmen": the preposition before the noun phrase
    while i >= 0 and start - i <= 3 and doc[i].is_lower and doc[i].tag_ in PREMODIFIER_TAGS:
        i -= 1
    if i >= 0 and doc[i].lower_ in SKIP_BEFORE:
        i -= 1
    place = _place_phrase_prep(doc, start, i)
    if place is not None:
        return place  # "protests in the capital Caracas", "in the eastern city of Baqubah": a location
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in QUANTITIES:
        return ""  # "thousands of people marched": the people are the subject
    if i >= 1 and doc[i].lower_ == "to" and doc[i - 1].lower_ == "according":
        return ATTRIBUTION
    return doc[i].lower_ if i >= 0 else ""


def _place_phrase_prep(doc: Any, start: int, i: int) -> str | None:
    """The location preposition before a phrase naming the kind of place a name is ("in the
    capital Caracas", "in the northern town of Kidal"), from doc[i], the word before the name;
    None when there is no such phrase or no location preposition before it ("the mayor of the
    Polish city of Gdansk", "from the border state of Texas": left as they read)."""
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PLACE_NOUNS:
        i -= 1
    if i < 0 or doc[i].lower_ not in PLACE_NOUNS or not doc[i].is_lower:
        return None
    i -= 1
    while i >= 0 and start - i <= 7 and doc[i].is_lower and doc[i].tag_ in PREMODIFIER_TAGS:
        i -= 1
    if i >= 0 and doc[i].lower_ in SKIP_BEFORE:
        i -= 1
    return doc[i].lower_ if i >= 0 and doc[i].lower_ in LOCATION_PREPS else None


PREMODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "CD"})
# Nouns that name the kind of place a name is ("the capital Caracas", "the town of Kidal").
PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "port", "region", "province", "state", "district",
                         "county", "island", "enclave", "territory", "camp", "neighbourhood", "neighborhood", "suburb"})


def _host_from_place(roles: dict[str, int], info: list[tuple], decision: Any, cand: Candidate) -> None:
    """"arrived in Dhaka on a two-day visit", "arrived in Kabul to discuss ties": a visit noun
    (or an arrival to meet) with no one named as visited is hosted by the country of the place it
    is at (a named place with a country's code)."""
    if decision.type != "CONSULT" or decision.mode != "visit" or "target" in roles \
            or not (cand.nominal or cand.lemma == "arrive"):
        return
    place = roles.get("location")
    code = info[place][5] if place is not None else None
    if code and len(code) == 3 and info[place][2] == "GPE":
        roles["target"] = roles.pop("location")


# The charge an arrest or sentence is made on (lexicon phrases): its parties are the arrest's.
CHARGE_PHRASES = frozenset({"on charge of", "on charge that", "under charge of"})  # (lemmas)


def _is_actor(entry: tuple) -> bool:
    return entry[2] in ACTOR_LABELS and not entry[4]


def _acts_as_modifier(doc: Any, entry: tuple) -> bool:
    """Whether an entity before a noun names who does the act (a country, people or organisation
    with a code), not where it happens (a city, region) nor whom it opposes ("anti-US")."""
    start, end, label = entry[0], entry[1], entry[2]
    if not entry[5] or (start > 0 and doc[start - 1].text in ("-", "anti", "pro")):
        return False
    return label != "GPE" or doc[start:end].text not in load_gazetteer().places


def _is_location(entry: tuple) -> bool:
    # "at" before a country reads as a target ("fired rockets at Israel"), before a place as a location.
    return entry[2] in PLACE_LABELS and entry[3] in LOCATION_PREPS and not (entry[3] == "at" and entry[2] == "GPE")


def _passive(doc: Any, s0: int, start: int) -> bool:
    """"was attacked", "have been arrested", "were reportedly killed": the subject is the target."""
    for i in range(start - 1, max(s0, start - 4) - 1, -1):
        word = doc[i].lower_
        if word in BE_FORMS:
            return doc[start].lower_.endswith(("ed", "en", "wn")) or doc[start].lower_ in IRREGULAR_PARTICIPLES
        if not word.endswith("ly") and word not in PASSIVE_ADVERBS:
            return False
    return False


def _same_country(info: list[tuple], roles: dict[str, int]) -> bool:
    """Whether the source and the target have actor codes of the same country (not of two
    international bodies: IGOUNO and IGOEUREEC share a root but no country)."""
    if "source" not in roles or "target" not in roles:
        return False
    country = country_root(info[roles["source"]][5])
    return country is not None and country == country_root(info[roles["target"]][5])


# Prepositions that set an act named by a noun before or behind the clause's own act ("resigned
# after weeks of protests", "struck Gaza following rocket attacks"): the clause's subject reacts to
# that act and is not, by its place, the one who carried it out.
REACTION_PREPS = frozenset({"after", "following", "since", "amid", "despite", "before"})


def _reaction_floor(trigger: Any) -> int:
    """The token after such a preposition when the noun trigger lies in its phrase (the clause
    before it then gives no positional source), else 0; a modifier inside the phrase ("after
    Russian attacks") still names the doer by the parse."""
    token = trigger.root
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ in ("prep", "case", "mark") and token.lower_ in REACTION_PREPS:
            return token.i + 1
        if token.dep_ == "pobj" and token.head.lower_ in REACTION_PREPS:
            return token.head.i + 1
        token = token.head
    return 0


def _positional_arguments(start: int, end: int, window_end: int | None, candidates: list[int],
                          info: list[tuple], roles: dict[str, int], passive: bool = False,
                          nominal: bool = True) -> None:
    parsed = set(roles)  # the roles the parse filled
    used = set(roles.values())
    before = [i for i in candidates if info[i][1] <= start]
    after = [i for i in candidates if info[i][0] >= end]
    if "date" not in roles:
        dates = [i for i in candidates if info[i][2] == "DATE"]
        if dates:
            roles["date"] = min(dates, key=lambda i: min(abs(info[i][0] - end), abs(start - info[i][1])))
    if "location" not in roles:
        places = [i for i in candidates if _is_location(info[i]) and i not in used]
        if places:
            roles["location"] = min(places, key=lambda i: min(abs(info[i][0] - end), abs(start - info[i][1])))
    used = set(roles.values())
    window = [i for i in after if (window_end is None or info[i][0] < window_end)
              and _is_actor(info[i]) and not _is_location(info[i]) and i not in used]
    if nominal and "source" not in roles and "target" not in roles and len(window) >= 2 \
            and info[window[0]][3] == "between":
        roles["source"], roles["target"] = window[0], window[1]  # "talks between X and Y"
    subjects = [i for i in before if _is_actor(info[i]) and info[i][3] not in OBJECT_PREPS and i not in used]
    if passive and subjects and "target" not in roles and subjects[-1] != roles.get("source"):
        roles["target"] = subjects[-1]  # "Y was attacked (by X)": the subject is the target
    if "source" not in roles:
        # "assaults from Hezbollah", "an attack by X", "was attacked by X"; after an active verb
        # "from"/"by" name something else ("demanded an explanation from Russia")
        preps = SOURCE_PREPS if nominal else ("by",) if passive else ()
        agent = next((i for i in window if info[i][3] in preps), None)
        if agent is not None:
            roles["source"] = agent
        elif subjects and not passive and subjects[-1] != roles.get("target"):
            roles["source"] = subjects[-1]
    if "target" not in roles:
        rest = [i for i in window if i != roles.get("source")]
        marked = next((i for i in rest if info[i][3] in TARGET_PREPS), None)
        if rest and not nominal and info[rest[0]][0] - end <= 1 and info[rest[0]][3] not in OBJECT_PREPS:
            roles["target"] = rest[0]  # the direct object: "urged Israel to ... aid to Gaza"
        elif marked is not None:
            roles["target"] = marked
        elif rest:
            roles["target"] = rest[0]
    source = roles.get("source")
    if "target" not in roles and source is not None and info[source][3] == "and" and "source" not in parsed:
        # "Iran and the United States held talks": the first party is the source, the other the
        # target (not a subject the parse gave: "... and police fired tear gas")
        first = [i for i in subjects if info[i][1] < info[source][0]]
        if first and _is_actor(info[first[-1]]):
            roles["source"], roles["target"] = first[-1], source
    elif "target" not in roles and source is not None:
        # the same with a parse, which makes the first party ("Iran") the subject: the party
        # joined to it by "and" is the target
        joined = [i for i in subjects if info[i][0] > info[source][1] and info[i][3] == "and"]
        if joined:
            roles["target"] = joined[0]


# How a name hangs on the noun it names ("counterpart Sergey Lavrov", "the minister, Lavrov").
NAME_BESIDE = frozenset({"appos", "compound", "flat", "flat:name", "npadvmod", "nmod"})


def _tree_arguments(trigger: Any, token_ent: list[int], info: list[tuple],
                    roles: dict[str, int], clauses: bool = True) -> tuple[bool, set[str]]:
    """Fills `roles` from the parse; returns whether the trigger is a passive verb, and the roles
    the parse says are filled by something that names no actor (not to be guessed by position).
    `clauses`: also the rules for relative and participle clauses, -ing adjuncts, operations
    and "under" phrases (off for the arguments that decide whether an event is kept)."""
    inside = range(trigger.start, trigger.end)
    blocked: set[str] = set()

    def actor(token: Any) -> int | None:
        own = token_ent[token.i]
        if own != -1 and info[own][2] == "DATE":
            return None  # "On Friday, Usman Khan stabbed": a time, whatever the parse hangs on it
        first = None
        for tok in [token, *token.subtree]:
            index = token_ent[tok.i]
            if index == -1 or tok.i in inside or not _is_actor(info[index]) or info[index][3] == ATTRIBUTION:
                continue
            if first is None:
                if info[index][2] != "NORP" or tok.i == token.i:
                    return index
                first = index  # a nationality before the noun: the name beside the noun, if any, acts
            elif info[index][2] in ("PERSON", "ORG") and tok.head.i == token.i and tok.dep_ in NAME_BESIDE:
                return index  # "his Turkish counterpart Mevlut Cavusoglu": Cavusoglu, not "Turkish"
        return first

    def put(role: str, token: Any) -> None:
        index = actor(token)
        if index is not None and role not in roles and index not in roles.values():
            roles[role] = index

    root = trigger.root
    if root.pos_ == "NOUN":
        for clause in root.children:
            if clause.dep_ == "acl" and clause.lower_ in ("blamed", "attributed"):
                # "an attack blamed on jihadists", "a bombing attributed to the group": who did it
                for prep in clause.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                put("source", obj)
    # a passive verb ("was condemned ... by Egypt"): its "by" phrase is the agent even where the
    # parse left it a plain preposition, and a subject it borrows is its target
    passive = root.pos_ in ("VERB", "AUX") and any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass")
                                                   for c in root.children)
    # "The man was then shot" parsed as a copula and an adjective: a participle after "be" is
    # passive all the same, its subject the target
    be_participle = not passive and (root.tag_ == "VBN" or root.lower_.endswith(("ed", "en", "wn"))
                                     or root.lower_ in IRREGULAR_PARTICIPLES) and any(
        c.dep_ in ("cop", "aux") and c.lower_ in BE_FORMS for c in root.children)
    passive = passive or be_participle
    for token in trigger:
        for child in token.children:
            if child.i in inside and child.dep_ != "prep":
                continue
            dep = child.dep_
            if dep in ("nsubj", "csubj") and not be_participle:
                put("source", child)
            elif dep in ("nsubjpass", "nsubj:pass") or (dep == "nsubj" and be_participle):
                put("target", child)
            elif dep == "agent":
                for obj in child.children:
                    put("source", obj)
            elif dep == "obl:agent":
                put("source", child)
            elif dep in ("dobj", "obj", "dative", "iobj"):
                put("target", child)
            elif dep in ("poss", "nmod:poss") and root.pos_ in ("NOUN", "PROPN"):
                put("source", child)
            elif dep in ("compound", "amod", "nmod") and root.pos_ == "NOUN" and child.i < trigger.start:
                # "the US assault", "an Israeli airstrike", "a Hamas attack": a country, people or
                # organisation named before a noun act carries it out; a city only places it ("the
                # Baghdad bombing"), and "anti-US protests" are against the country
                index = token_ent[child.i]
                if index != -1 and _is_actor(info[index]):
                    if _acts_as_modifier(trigger.doc, info[index]):
                        put("source", child)
                    elif info[index][2] == "GPE" and info[index][5]:
                        blocked.add("source")  # the place is the nearest name, not the one who acted
            elif dep in ("obl", "nmod", "prep") and child.i < trigger.start and root.pos_ not in ("NOUN", "PROPN"):
                continue  # a fronted phrase is an adjunct ("On live television Erdogan attacked ...")
            elif dep in ("obl", "nmod"):
                # Universal Dependencies: the preposition is the object's "case" child
                prep = next((c.lower_ for c in child.children if c.dep_ == "case"), "")
                if prep == "by" or (prep in SOURCE_PREPS and root.pos_ in ("NOUN", "PROPN")):
                    put("source", child)
                elif prep in TARGET_PREPS:
                    index = actor(child)
                    if index is not None and not _is_location(info[index]):
                        put("target", child)
            elif dep == "prep":
                for obj in child.children:
                    if obj.dep_ not in ("pobj", "pcomp"):
                        continue
                    if child.lower_ in SOURCE_PREPS and root.pos_ in ("NOUN", "PROPN") or (
                            child.lower_ == "by" and passive):
                        put("source", obj)
                    elif child.lower_ in TARGET_PREPS:
                        index = actor(obj)
                        if index is not None and not _is_location(info[index]):
                            put("target", obj)
    # A verb without a subject of its own borrows its head verb's ("agreed to hold talks");
    # a verb that has one (not an entity: "a gunman attacked") borrows nothing, and a reported
    # clause (ccomp: "X reported that ...") never takes the reporter.
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl") for c in root.children)
    head = root.head
    # a participle with no auxiliary of its own is passive when it is bare ("Tarrant appeared in
    # court, charged with murder"; "prisoners arrested in June") or joined to a passive verb
    # ("who was arrested and banned")
    # (a participle with an object is active: "supporters claimed Biden ..."; one whose head noun
    # is the sentence's root is a main verb the parse missed: "Netanyahu called on Italy")
    # (an -ed form with neither subject nor auxiliary in an adjunct clause is no finite verb, whatever its tag)
    edge = root.left_edge.i
    after_comma = edge > 0 and "," in (root.doc[edge].text, root.doc[edge - 1].text)
    participle = root.tag_ == "VBN" or (root.dep_ == "advcl" and after_comma and root.pos_ == "VERB" and (
        root.lower_.endswith(("ed", "en", "wn")) or root.lower_ in IRREGULAR_PARTICIPLES))
    if clauses and not passive and not own_subject and participle and not any(
            c.dep_ in ("aux", "auxpass", "aux:pass", "cop", "dobj", "obj", "ccomp") for c in root.children) \
            and not (root.dep_ == "acl" and (head.dep_ == "ROOT" or _verbless(root))):
        # (the "and" hangs on either conjunct, as the parse goes: "accused Russia and called for
        # sanctions" joins an active verb, its -ed form however tagged)
        passive = root.dep_ in ("acl", "advcl") or (root.dep_ == "conj" and (_is_passive(head) or not any(
            c.dep_ == "cc" and head.i < c.i < root.i for c in (*head.children, *root.children))))
    borrowed = "target" if passive else "source"  # "Turkey ..., and was condemned by X": Turkey is the target
    if not passive and not own_subject and root.dep_ == "conj" and "source" not in roles:
        # "... threw stones at officers and police fired tear gas": the noun right before a
        # joined verb is its subject, whatever relation the parse gave it
        missed = next((c for c in root.children if c.i == root.i - 1 and c.dep_ in ("obl", "nmod", "npadvmod", "dep")
                       and not any(g.dep_ == "case" for g in c.children)), None)
        if missed is not None:
            put("source", missed)
            own_subject = "source" in roles
    if root.dep_ == "conj" and not own_subject:
        head = _finite_conjunct_head(root)
    if borrowed not in roles and not own_subject and root.dep_ in ("xcomp", "conj", "advcl") \
            and head != root:
        for child in head.children:
            if child.dep_ in ("nsubj", "csubj") or (clauses and passive and child.dep_ in ("nsubjpass", "nsubj:pass")):
                put(borrowed, child)
                if clauses and child.lower_ in RELATIVE_PRONOUNS:
                    _put_antecedent(head, borrowed, token_ent, info, roles, inside)
    if clauses and "source" not in roles and not passive and not own_subject and root.tag_ == "VBG" and after_comma \
            and root.dep_ in ("advcl", "acl", "conj", "xcomp"):
        # "He commented on the agreement, calling it null": an -ing adjunct after a comma is said of
        # the subject of the clause it follows, wherever the parse hung it
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            for child in verb.children:
                if child.dep_ in ("nsubj", "csubj"):
                    put("source", child)
    if clauses and not own_subject and root.dep_ == "acl" and passive and head.pos_ in ("NOUN", "PROPN"):
        _put_antecedent(root, "target", token_ent, info, roles, inside)  # "prisoners arrested in June"
    for child in root.children:
        # "Babaryka, who was arrested", "the militants who attacked the base", "the man whom police
        # arrested": the relative pronoun stands for the noun the clause describes
        if clauses and child.lower_ in RELATIVE_PRONOUNS and child.dep_ in SUBJECT_OBJECT_ROLES:
            role = SUBJECT_OBJECT_ROLES[child.dep_]
            role = "target" if role == "source" and passive else role
            if _put_antecedent(root, role, token_ent, info, roles, inside) is False:
                blocked.add(role)  # "condemned the strike, which killed three": no actor, and no guess
    if clauses and passive and "source" not in roles:
        # "was killed in a US counter-terrorism operation", "died in an Israeli airstrike": the
        # force that carried out the operation named as its modifier
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lower_ in OPERATION_NOUNS:
                        for mod in obj.children:
                            index = token_ent[mod.i]
                            if mod.dep_ in ("amod", "compound", "nmod", "poss") and index != -1 \
                                    and _is_actor(info[index]) and index not in roles.values() \
                                    and "source" not in roles:
                                roles["source"] = index
    if root.pos_ == "NOUN" and root.dep_ == "pobj" and (root.head.lower_ in MEANS_PREPS or (
            clauses and root.head.lower_ == "under")) \
            and root.head.head.pos_ == "VERB" and root.head.head.i not in inside:
        # "killed Soleimani in an airstrike", "were wounded in the attack": the act named by the
        # noun is the verb's, with the verb's subject and object
        verb = root.head.head
        verb_passive = any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj",) and not verb_passive:
                # "three people died in the bombing": the subject of a verb of suffering is the victim
                put("target" if verb.lower_ in SUFFERING_VERBS else "source", child)
            elif child.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass"):
                put("target", child)
            elif child.dep_ == "agent":
                for obj in child.children:
                    put("source", obj)
    if "source" not in roles and root.pos_ == "NOUN" and root.dep_ in ("dobj", "obj") \
            and all(t.pos_ == "NOUN" or t.i == root.i or t.pos_ in ("DET", "ADJ") for t in trigger) \
            and root.head.lower_ not in REPORT_VERBS and root.head.lower_ not in SPEECH_VERBS:
        # a noun trigger as the object of a light verb ("X carried out the airstrike", "X levied
        # sanctions against Y"): the verb's subject, or the subject its conjunct shares
        verb = root.head
        for _ in range(2):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
            if subjects or any(c.dep_ in ("nsubjpass", "nsubj:pass") for c in verb.children) \
                    or verb.dep_ != "conj" or verb.head == verb:
                break
            verb = verb.head
        for child in subjects:
            put("source", child)
    return passive and root.pos_ in ("VERB", "AUX"), blocked


# "..., killing at least 190 people and wounding ...": the participles that count an attack's victims
CASUALTY_PARTICIPLES = frozenset({"killing", "wounding", "injuring", "leaving"})


DEATH_WORDS = frozenset({"killed", "killing", "dead", "died"})


def _dead_counted(doc: Any, s0: int, s1: int) -> bool:
    """"Israeli strikes killed five people, the health ministry said": an attack reported in a
    sentence that counts its dead is told as a fact, even by a party to the conflict (how the
    coders take it; "..., according to Hamas" keeps the distance of an allegation). A number of
    a date ("on May 7") counts no one."""
    return any(doc[i].lower_ in DEATH_WORDS and any(doc[k].like_num and doc[k].ent_type_ != "DATE"
                                                    for k in range(max(s0, i - 6), min(s1, i + 4)))
               for i in range(s0, s1))


def _casualties(trigger: Any, token_ent: list[int], info: list[tuple]) -> int | None:
    """The actor an attack's casualty clause names ("gunmen attacked two hotels, killing at least
    101 people", "ten bombs exploded ..., killing 190 people"): the attack's target when its
    object is no actor (a hotel, a train) or it has none. Read on the attack's verb, or on the
    verb a noun trigger is the subject of."""
    root = trigger.root
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") else root
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp", "conj") or clause.lower_ not in CASUALTY_PARTICIPLES \
                or clause.i < trigger.end:
            continue
        for obj in clause.children:
            if obj.dep_ not in ("dobj", "obj"):
                continue
            index = token_ent[obj.i]
            if index != -1 and _is_actor(info[index]) and info[index][2] != "GPE":
                return index  # people killed, not a place left ("..., leaving Kabul")
    return None


# Acts whose noun's "of" phrase names who acts, not whom it is done to ("the resignation of X",
# "a meeting of X and Y", "the request of the municipality"); with ASSAULT, COERCE, SANCTION or
# a release the "of" phrase is the target ("the killing of X", "the release of X").
OF_AGENT_TYPES = frozenset({"CONSULT", "PROTEST", "MOBILIZE", "REQUEST", "CONCEDE"})
OF_AGENT_MODES = frozenset({("RETREAT", "resign"), ("RETREAT", "withdraw")})


def _done_by_of_phrase(etype: str, mode: str | None) -> bool:
    return etype in OF_AGENT_TYPES or (etype, mode) in OF_AGENT_MODES


def _subject_actor(verb: Any, token_ent: list[int], info: list[tuple]) -> int | None:
    """The actor that is the grammatical subject of `verb`, or of the verb it is joined to
    ("found ... and called"), or the noun a relative pronoun subject stands for; None if the
    subject names no actor."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ in ("relcl", "acl:relcl"):
                subject = verb.head
            for tok in [subject, *subject.subtree]:
                index = token_ent[tok.i]
                if index != -1 and _is_actor(info[index]):
                    return index
            return None
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _finite_conjunct_head(verb: Any) -> Any:
    """The verb a finite verb joined by "and" shares its subject with. A finite verb is joined to
    a finite one; a parse that hangs it on an -ing form or an infinitive ("Vietnam accused China of
    violating its sovereignty and demanded that ...": "demanded" on "violating") missed the
    clause it belongs to: the nearest verb above with the same tense and a subject of its own."""
    head = verb.head
    if verb.tag_ not in ("VBD", "VBZ") or head.tag_ not in ("VBG", "VB"):
        return head
    above = head
    while above.head.i != above.i:
        above = above.head
        if above.tag_ == verb.tag_ and any(c.dep_ in ("nsubj", "csubj") for c in above.children):
            return above
    return head


def _verbless(token: Any) -> bool:
    """Whether the sentence of `token` has no finite verb and the parse no verb as its root ("In
    Kenya, members of the opposition protested ..." rooted in "In"): a bare participle there is
    the main verb the parse missed, not a passive clause on a noun ("prisoners arrested in June
    were freed", "the liberation of prisoners arrested in June was discussed")."""
    sent = token.sent
    return sent.root.pos_ not in ("VERB", "AUX") and not any(t.tag_ in FINITE_VERB_TAGS for t in sent)


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in verb.children)


def _put_antecedent(clause: Any, role: str, token_ent: list[int], info: list[tuple], roles: dict[str, int],
                    inside: range) -> bool | None:
    """The actor a relative or participle clause (`clause`, or a verb joined to it) describes:
    in the words of the clause's head noun before the clause itself ("the campaign of Viktar
    Babaryka, who was arrested" -> Babaryka), never in the clause. Returns False when the clause
    describes a noun that names no actor ("the strike, which killed ..."), else None."""
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("relcl", "acl", "acl:relcl") or role in roles:
        return None
    noun, limit = clause.head, clause.left_edge.i
    for tok in [noun, *(t for t in noun.subtree if t.i < limit)]:
        index = token_ent[tok.i]
        if index != -1 and tok.i not in inside and _is_actor(info[index]):
            if index not in roles.values():
                roles[role] = index
            return None
    return False


def _own_act_reported(doc: Any, verb: int, c0: int, c1: int, kept: list) -> bool:
    """The speaker tells of its own material act ("said it had launched guided rockets"): the
    words of praise or blame around it give its motive, they make no statement of their own."""
    first = c0
    while first < c1 and (doc[first].lower_ in ("that", "on") or doc[first].ent_type_ in ("DATE", "TIME")):
        first += 1  # "said on Sunday that it had ..."
    if c0 <= verb or first >= c1 or doc[first].lower_ not in SPEAKER_PRONOUNS:
        return False  # (a quotation before the verb is no report of the speaker's own act)
    return any(c0 <= t.start < c1 and t.label_ in MATERIAL for t in kept)


def _reporter_after(doc: Any, record: tuple, trigger_end: int) -> bool:
    """An actor after the trigger in an aside that reports it ("was attacked, officials said, by
    Taliban fighters", "..., Japanese Defense Minister Yasukazu Hamada said"): who tells of the
    act, no party to it. Only titles and names may stand between the comma and the verb."""
    start, end = record[0], record[1]
    if start < trigger_end or end >= len(doc) or doc[end].lower_ not in ASIDE_REPORTS:
        return False
    for i in range(start - 1, trigger_end - 1, -1):
        if doc[i].text == ",":
            return True
        if doc[i].pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return False
    return False


ASIDE_REPORTS = frozenset({"said", "says", "say", "reported", "reports", "told", "added", "stated"})


def _reporter(record: tuple, trigger: Any) -> bool:
    """A news medium named before the trigger ("told the Military Times the attack took place"):
    it reports the act, it is no participant that makes a definite nominal a new report."""
    code = record[5] or ""
    words = [t.text for t in trigger.doc[record[0]:record[1]]]
    return record[1] <= trigger.start and (code == "MED" or code[3:6] == "MED" or org_role(words) == "MED")


def _drop_idle_generic_actors(doc: Any, records: list) -> None:
    """A generic actor ("police", "he") is suggested only as an event's argument: on its own it is
    no named entity and only adds spans to review. Drops the others from doc.ents and renumbers
    the records' argument indexes (into doc.ents) to match."""
    ents = doc.ents
    used = {index for record in records for _, index in record[4]}
    keep = [i for i, ent in enumerate(ents) if ent.kb_id_ != GENERIC or i in used]
    if len(keep) == len(ents):
        return
    new_index = {old: new for new, old in enumerate(keep)}
    doc.ents = [ents[i] for i in keep]
    for record in records:
        record[4] = [[role, new_index[index]] for role, index in record[4]]


# A preposition a verb phrase of the lexicon ends in ("agree on", "call on") that may open a time
# instead ("agreed on Thursday to provide aid", "called on Monday for talks").
TIME_PREPOSITIONS = {"on", "in", "at"}


def _without_frame_objects(per_sent: dict[int, list[tuple[Any, Candidate]]], objects: set[int],
                           trace: list | None) -> dict[int, list[tuple[Any, Candidate]]]:
    """The candidates less the nouns a frame verb acted on: in "dropped its demand for a
    referendum" the demand is what was conceded, not a request of its own (the same type's noun
    was left to carry the event before a frame got here)."""
    kept: dict[int, list[tuple[Any, Candidate]]] = {}
    for sent, items in per_sent.items():
        for t, cand in items:
            if cand.nominal and any(cand.start <= i < cand.end for i in objects):
                if trace is not None:
                    trace.append((t.start_char, t.end_char, cand.type, cand.lemma, "object of a frame verb"))
                continue
            kept.setdefault(sent, []).append((t, cand))
    return kept


def _across_time(doc: Any, t: Any, lexicon: Lexicon) -> Any:
    """The trigger a phrase ending in a preposition is when that preposition opens a date: the
    verb with the word after the date ("agreed on Thursday to" -> "agreed to", AGREE), else
    the verb alone if it is a trigger, else the phrase as matched ("ruled on September 11 the
    prorogation was unlawful" is still a ruling)."""
    from spacy.tokens import Span

    after = t.end
    while after < len(doc) and doc[after].ent_type_ == "DATE":
        after += 1
    words = [tok.lower_ for tok in doc[t.start:t.end - 1]]
    if after < len(doc):
        key = lexicon.keys.get(" ".join([*words, doc[after].lower_]))
        if key is not None:
            return Span(doc, t.start, t.end - 1, label=lexicon.triggers[key].type, span_id=key)
    return _verb_alone(doc, t, lexicon) or t


def _verb_alone(doc: Any, t: Any, lexicon: Lexicon) -> Any:
    """The phrase `t` less its last word (a preposition that turned out not to be the verb's),
    when that is a trigger of its own; else None."""
    from spacy.tokens import Span

    phrase = " ".join(tok.lower_ for tok in doc[t.start:t.end - 1])
    key = lexicon.keys.get(phrase)
    if key is not None:
        return Span(doc, t.start, t.end - 1, label=lexicon.triggers[key].type, span_id=key)
    frame = f"{FRAME}|{lexicon.lemma_of.get(phrase, phrase)}"  # a frame verb: its object types it
    return Span(doc, t.start, t.end - 1, label=FRAME, span_id=frame) if frame in lexicon.frames else None


# "say" and "saying" report only in some places: "officials say", "his opponents say they ...",
# "..., saying the ban was ...", "was quoted as saying" (not "refused to say", "did not say",
# "saying goodbye" at a sentence start).
PLAIN_SAY = ("say", "saying")
NOT_SAYING = MODALS | {"to", "not", "n't", "never", "did", "do", "does", "cannot", "let"}


def _unsaid(doc: Any, i: int) -> bool:
    """"has not said he would launch an offensive", "did not say": no statement made; nor is an
    adjective spelled like a speech verb one ("The continued Israeli colonization ...")."""
    if i > 0 and doc[i - 1].lower_ in ("the", "a", "an", "its", "their", "his", "her"):
        return True
    return any(doc[k].lower_ in ("not", "n't", "never") for k in range(max(0, i - 2), i))


def _reporting_say(doc: Any, i: int) -> bool:
    """Whether "say"/"saying" at token i reports (see PLAIN_SAY)."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if doc[i].lower_ == "saying":
        if any(doc[k].lower_ in PROTESTERS for k in range(max(0, i - 12), i)):
            return False  # "led thousands of protesters through Tbilisi, saying the vote was rigged": the protest's message (ruling 2)
        return prev.text == "," or prev.lower_ == "as"
    return prev.lower_ not in NOT_SAYING and prev.pos_ in ("NOUN", "PROPN", "PRON")
