"""Actor entities and their CAMEO codes, after the gazetteer ruler (and a trained NER) ran.

Rules, in order (see docs/preannotation.md):
1. Every entity gets the code its gazetteer pattern carries; an entity found by a trained NER
   gets the code of the same surface in the gazetteer, else none.
2. "<country or demonym> <kind>" ("Israeli government", "Iranian army") becomes one ORG with
   the country's code plus the kind's role (GOV, MIL, COP, ...).
3. A title followed by capitalised words ("Prime Minister Benjamin Netanyahu", "Hamas leader
   Yehya Sinwar"), or a role noun followed by ", Name," ("Iran's permanent representative to
   the United Nations, Amir Saeed Iravani,") makes the words a PERSON. Their code comes from
   the entity just before the title (skipping up to three lower-case words and a possessive):
   an organisation lends its own code, a country or demonym its country plus the title's role.
   That entity is then a *modifier* of the person and not proposed as an event argument.
   Before titles are read, organisation names are found by their form (org_names.py: head
   words, "X of Y", acronyms, one reading per surface in a document).
4. "<title>'s Office" is an ORG of the country that title was last seen with in the document.
5. A later mention of a known person's surname ("Netanyahu", "Blinken") is the same PERSON.
6. A title in apposition after a name ("Jeff Rathke, the State Department spokesperson,")
   codes the name as in 3. A person no title coded takes the organisation or nationality the
   sentence gives them ("X, director of news for AFP", "X of Amnesty": affiliation.py).
   Generic actors and pronouns: `_generic` (docs/preannotation.md).
Nothing is guessed beyond that: unknown stays None.
"""

from __future__ import annotations

from typing import Any

from .affiliation import FINITE_VERB_TAGS, add_affiliations
from .dateline import DATELINE_KEY
from .gazetteer import (ACTOR_LABELS, GENERIC_ACTORS, GROUP_PRONOUNS, NON_STATE_GROUPS, NOT_COUNTRIES, ORG_KINDS,
                        POSSESSIVES, PRONOUNS, SPEAKER_PRONOUNS, STATING_WORDS, Gazetteer)
from .org_names import add_org_names, bare_head, with_role
from .statements import SPEECH_VERBS

MODIFIERS_KEY = "annotator.modifiers"
# person start -> start of the whole mention with its title and the entity before it
# ("[German Chancellor] Angela Merkel"): the word before the mention is its preposition
MENTION_STARTS_KEY = "annotator.mention_starts"
GENERIC = "generic"  # the kb_id of a generic actor's entity span (runner: attrs {"generic": true})
PLACE_BOUND_ROLES = frozenset({"JUD", "COP"})
NAME_STOP = {"The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They", "This", "That"}
PRONOUN_WORDS = PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS | {"it", "you", "her", "his", "their", "our", "its"}
_KIND_WORDS = {tuple(kind.split()): role for kind, role in ORG_KINDS.items()}
_MAX_KIND = max(len(k) for k in _KIND_WORDS)


class ActorTagger:
    """spaCy component: titles -> PERSON, country kinds -> ORG, codes on every entity."""

    def __init__(self, nlp: Any, gazetteer: Gazetteer) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for title in gazetteer.titles:
            self.matcher.add(title, [nlp.make_doc(title)])
        self.title_of = {nlp.vocab.strings[t]: t for t in gazetteer.titles}
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        nouns = [*GENERIC_ACTORS, *NON_STATE_GROUPS, *PRONOUNS, *GROUP_PRONOUNS, *SPEAKER_PRONOUNS, *OBJECT_PRONOUNS,
                 *POSSESSIVE_PRONOUNS, *STATING_WORDS]
        for noun in nouns:
            self.generic.add(noun, [nlp.make_doc(noun)])
        self.generic_of = {nlp.vocab.strings[t]: t for t in nouns}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        n = len(doc)
        items: list[list[Any]] = []  # [start, end, label, code]
        for ent in doc.ents:
            if doc[ent.start].is_space or doc[ent.end - 1].is_space:
                # a model's name with the white space around it ("Abu" + a run of spaces): the words
                ent = _without_space(doc, ent)
                if ent is None:
                    continue
            if not ent.id_ and (ent.text.lower() in PRONOUN_WORDS or ent.text.lower() in GENERIC_ACTORS):
                continue  # a model's "We" PERSON or "Police" ORG: a pronoun or generic actor (_generic)
            code = ent.id_ or None
            if code is None:
                hit = self.gazetteer.code_for(ent.text)
                if hit is not None:
                    code = hit[1]
            if items and ent.label_ == "PERSON" and code is None and items[-1][1] == ent.start \
                    and items[-1][2] == "PERSON" and items[-1][3] is None:
                items[-1][1] = ent.end  # "[Jeff] [Rathke]": a model's name cut in two is one name
                continue
            items.append([ent.start, ent.end, ent.label_, code])
        _join_hyphenated_names(doc, items)
        _whole_names(doc, items)
        add_org_names(doc, items, self.gazetteer)  # names by their form: head words, acronyms (org_names.py)
        owner = [-1] * n
        adjective_kinds = []
        for index, item in enumerate(items):
            if self._extend_kind(doc, item, owner):
                adjective_kinds.append(item)
            for i in range(item[0], item[1]):
                owner[i] = index
        dominant = _dominant_country(doc, items)
        scene = _dominant_country(doc, items, scene=True)
        modifiers: set[int] = set()
        mention_starts: dict[int, int] = {}
        described: set[int] = set()
        title_country: dict[str, str] = {}
        known: dict[str, str | None] = {}
        provisional: list[tuple[int, str]] = []
        for title, start, end in self._titles(doc, owner):
            role = self.gazetteer.titles[title]
            base = self._base_before(doc, start, owner)
            name = self._name_after(doc, end, owner, items)
            if name is None:
                name, after_base = self._apposition(doc, end, owner, items)
                base = base if base is not None else after_base
            code = _combine(items[base] if base is not None else None, role)
            if base is not None and items[base][2] != "ORG" and items[base][3]:
                title_country[title] = items[base][3][:3]
            if name is None:
                name = self._name_before(doc, start, end, owner, items)
                if name is not None:
                    # "Ahmed al-Assadi, a spokesman for the PMF,": the title describes the
                    # name and is no generic actor of its own
                    described.update(range(start, end))
            if name is None:
                self._office(doc, title, start, end, owner, items, title_country)
                continue
            s, e, existing = name
            if _out_of_office(doc, start, end):
                # ruling 5: a former office holder, or one not yet in office, holds none -> ELI
                held = code or (items[existing][3] if existing is not None else None)
                role = "ELI"
                code = held[:3] + "ELI" if held and len(held) >= 3 else None
                if existing is not None and code:
                    items[existing][3] = code
            if s == end:  # the title comes right before the name
                mention_starts[s] = items[base][0] if base is not None and items[base][0] < start else start
            if base is not None:
                modifiers.add(items[base][0])
            if code is None:
                code = known.get(doc[e - 1].text)
            if existing is not None:
                if items[existing][3] is None:  # a model's guess, not a gazetteer entry:
                    items[existing][2:4] = ["PERSON", code]  # after a title it is a person
            else:
                items.append([s, e, "PERSON", code])
                for i in range(s, e):
                    owner[i] = len(items) - 1
            if code:
                known[doc[e - 1].text] = code
            elif dominant and role not in ("-", "*") and base is None:
                provisional.append((existing if existing is not None else len(items) - 1, role))
        # a name the recogniser missed, as the subject of a trigger ("Usman Khan stabbed"), before
        # the affiliations so that they can code it too ("Pakistani microbiologist Tariq Hameed")
        self._subject_names(doc, owner, items, known)
        # "Phil Chetwynd, director of global news for AFP": an organisation or nationality the
        # sentence gives a person whom no title coded (affiliation.py), before the document's country
        add_affiliations(doc, owner, items, self.gazetteer.titles, GENERIC_ACTORS)
        for index, role in provisional:
            # A title with no country anywhere in the document for this person ("President
            # Donald Trump" in an article about the U.S.): the document's dominant country.
            item = items[index]
            if item[3] is None:
                # a judge or police chief serves where the case happens: the scene's country
                item[3] = known.get(doc[item[1] - 1].text) or ((scene or dominant) if role in PLACE_BOUND_ROLES
                                                                 else dominant) + role
                known.setdefault(doc[item[1] - 1].text, item[3])
        for item in items:
            if item[2] == "PERSON" and item[3]:
                known.setdefault(doc[item[1] - 1].text, item[3])
        if known:
            self._surnames(doc, owner, items, known)
        if dominant:
            # A person or organisation nothing else codes ("Khan", "Civil Human Rights Front")
            # is most likely of the country the article is about: its root code only, plus the
            # role an organisation's head word gives ("Supreme Court" -> JUD, org_names.py); a
            # bare "Parliament" or "Cabinet" is, like a generic actor, that of the scene.
            for item in items:
                if item[3] is None and item[2] in ("PERSON", "ORG"):
                    words = [t.text for t in doc[item[0]:item[1]]]
                    item[3] = with_role(scene if bare_head(words) and scene else dominant, words) \
                        if item[2] == "ORG" else dominant
        for item in items:
            if item[2] == "NORP" and item[3] is None and doc[item[0]:item[1]].text.lower() in PLACED_PEOPLES:
                # a people without a state of its own is coded by the country the article places
                # it in (the coding guidelines: Kurds in Syria -> SYR)
                item[3] = scene or dominant
        _owners_country(doc, owner, items)
        self._generic(doc, owner, items, dominant, described, scene)
        for item in adjective_kinds:
            item.append(True)  # marked generic only now: its country still placed the generic actors
        items.sort(key=lambda it: (it[0], -it[1]))
        spans, last_end = [], -1
        for s, e, label, code, *generic in items:
            s, e = _words_only(doc, s, e)
            if s < e and s >= last_end:
                spans.append(Span(doc, s, e, label=label, span_id=code or 0, kb_id=GENERIC if generic else 0))
                last_end = e
        doc.ents = spans
        doc.user_data[MODIFIERS_KEY] = sorted(modifiers)
        doc.user_data[MENTION_STARTS_KEY] = sorted(mention_starts.items())  # pairs: msgpack-safe
        return doc

    # ---------------------------------------------------------------------------------
    def _extend_kind(self, doc: Any, item: list[Any], owner: list[int]) -> bool:
        """Make "<country> <kind>" one ORG; True when the country is an adjective ("Turkish army":
        a generic actor, as the coding guidelines mark it, and no name)."""
        _start, end, label, code = item
        if label == "ORG" and code and end < len(doc) and doc[end].lower_ in MEMBERS_OF_GROUP \
                and owner[end] == -1 and not (end + 1 < len(doc) and doc[end + 1].is_title):
            item[1] = end + 1  # "Taliban fighters", "Hamas officials": the group itself, one actor
            return False
        if label not in ("GPE", "NORP") or not code or len(code) != 3:
            return False
        at = end + 1 if end < len(doc) and doc[end].text in POSSESSIVES else end
        for size in range(_MAX_KIND, 0, -1):
            words = tuple(t.lower_ for t in doc[at : at + size])
            if len(words) == size and words in _KIND_WORDS and all(owner[i] == -1 for i in range(at, at + size)):
                item[1], item[2], item[3] = at + size, "ORG", code + _KIND_WORDS[words]
                return label == "NORP"  # "Turkish army": a generic actor with its adjective, not a name
        return False

    def _titles(self, doc: Any, owner: list[int]) -> list[tuple[str, int, int]]:
        found = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        result, last_end = [], -1
        for match_id, start, end in found:
            if start >= last_end and all(owner[i] == -1 for i in range(start, end)):
                result.append((self.title_of[match_id], start, end))
                last_end = end
        return result

    @staticmethod
    def _base_before(doc: Any, start: int, owner: list[int]) -> int | None:
        i = start - 1
        skipped = 0
        while i >= 0 and skipped < 3 and owner[i] == -1 and doc[i].is_lower and doc[i].is_alpha and not doc[i].is_stop:
            if _clause_verb(doc[i]):
                return None  # "Russia accused President X": the subject of the verb, not X's country
            i -= 1
            skipped += 1
        if i >= 0 and doc[i].text in POSSESSIVES:
            i -= 1
        if i >= 0 and owner[i] != -1:
            return owner[i]
        return None

    @staticmethod
    def _name_tokens(doc: Any, k: int, owner: list[int]) -> int:
        j = k
        n = len(doc)
        while j < n and j - k < 6 and owner[j] == -1:
            token = doc[j]
            if token.is_title and token.is_alpha and token.text not in NAME_STOP or (token.text == "-" and j > k and j + 1 < n and not doc[j - 1].whitespace_
                  and not token.whitespace_ and doc[j + 1].is_title):
                j += 1
            elif len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "." and j > k:
                j += 1  # an initial: "George W. Bush"
            else:
                break
        while j > k and doc[j - 1].text == "-":
            j -= 1
        return j

    def _name_after(self, doc: Any, k: int, owner: list[int], items: list[list[Any]]):
        # a PERSON, or a code-less model entity ("Hamas leader [Yehya Sinwar|ORG]"), right after the title
        if k < len(doc) and owner[k] != -1 and (items[owner[k]][2] == "PERSON" or items[owner[k]][3] is None) \
                and items[owner[k]][2] in ACTOR_LABELS | {"LOC", "FAC"}:  # not "named president [this month]"
            item = items[owner[k]]
            return item[0], item[1], owner[k]
        j = self._name_tokens(doc, k, owner)
        if j == k:
            return None
        return k, j, None

    def _apposition(self, doc: Any, k: int, owner: list[int], items: list[list[Any]]):
        """", Name," after a role noun, optionally after "to/of/for (the) <entity>"."""
        n = len(doc)
        base = None
        if k < n and doc[k].lower_ in ("to", "of", "for", "at"):
            k += 1
            if k < n and doc[k].lower_ == "the":
                k += 1
            if k < n and owner[k] != -1:
                base = owner[k]
                k = items[base][1]
            else:
                return None, None
        if k >= n or doc[k].text != ",":
            return None, base
        found = self._name_after(doc, k + 1, owner, items)
        if found is None or (found[1] < n and doc[found[1]].text not in (",", "(", ")")):
            return None, base
        return found, base

    def _name_before(self, doc: Any, start: int, end: int, owner: list[int], items: list[list[Any]]):
        """"Name, the/a <title> [of/for <entity>]," ("Jeff Rathke, the State Department
        spokesperson, said", "Adil Abdul-Mahdi, the acting Prime Minister of Iraq,"): the
        title describes the name before the comma (an apposition after the name)."""
        n = len(doc)
        k = end
        if k < n and doc[k].lower_ in ("of", "for", "to", "at", "from"):
            k += 1
            if k < n and doc[k].lower_ == "the":
                k += 1
            if k < n and owner[k] != -1:
                k = items[owner[k]][1]
            else:
                while k < n and k - end <= 4 and doc[k].is_lower and doc[k].is_alpha:
                    k += 1
        if k < n and doc[k].text not in (",", ".", ")", ";"):
            return None
        i = start - 1
        while i > 0 and start - i <= 6 and doc[i].text != ",":
            if owner[i] != -1:
                i = items[owner[i]][0] - 1
            elif doc[i].is_lower or doc[i].text in POSSESSIVES:
                i -= 1
            else:
                return None
        if i <= 0 or doc[i].text != ",":
            return None
        j = i - 1
        if owner[j] != -1:
            item = items[owner[j]]
            if item[1] == i and (item[2] == "PERSON" or (item[3] is None and item[2] == "ORG")):
                return item[0], item[1], owner[j]
            return None
        k = j
        while k >= 0 and j - k < 4 and owner[k] == -1 and doc[k].is_alpha and doc[k].is_title \
                and doc[k].text not in NAME_STOP:
            k -= 1
        if k == j or (j - k == 1 and doc[k + 1].is_sent_start):
            return None  # one capitalised word opening the sentence ("Meanwhile, the minister")
        return k + 1, j + 1, None

    @staticmethod
    def _office(doc: Any, title: str, start: int, end: int, owner: list[int], items: list[list[Any]],
                title_country: dict[str, str]) -> None:
        if end + 1 < len(doc) and doc[end].text in POSSESSIVES and doc[end + 1].lower_ == "office":
            country = title_country.get(title)
            items.append([start, end + 2, "ORG", country + "GOV" if country else None])
            for i in range(start, end + 2):
                owner[i] = len(items) - 1

    @staticmethod
    def _subject_names(doc: Any, owner: list[int], items: list[list[Any]], known: dict[str, str | None]) -> None:
        """A capitalised name right before a verb trigger is its subject ("Katigbak apologized",
        "Usman Khan stabbed"): without a NER that knows it, it becomes a PERSON (an ORG when it
        ends in an organisation word), so that the event has its actor."""
        for trigger in doc.spans.get("triggers", ()):
            k = trigger.start - 1
            skipped = 0
            while k >= 0 and skipped < 2 and doc[k].lower_ in SUBJECT_ADVERBS:
                k -= 1
                skipped += 1
            end = k + 1
            while k >= 0 and end - k <= 4 and owner[k] == -1 and doc[k].is_alpha and doc[k].is_title \
                    and doc[k].text not in NAME_STOP and doc[k].lower_ not in PRONOUN_WORDS \
                    and not (doc[k].is_stop and doc[k].is_sent_start):
                k -= 1
            start = k + 1
            if start >= end or not doc[trigger.start].is_lower:
                continue
            if start > 0 and (doc[start - 1].lower_ in ("the", "of", "a", "an") or doc[start - 1].is_title):
                continue
            if start > 0 and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_:
                continue  # the end of a hyphenated word: "the Secretary-General called for"
            if end - start == 1 and (_opens_sentence(doc, start) or _counted(doc, start)) and (
                    doc[start].lower_ in NOT_NAMES or doc[start].lower_ in GENERIC_ACTORS):
                continue  # "Police arrested", "several Senators criticised": a generic actor
            words = {t.lower_ for t in doc[start:end]}
            label = "ORG" if words & ORG_WORDS else "PERSON"
            items.append([start, end, label, known.get(doc[end - 1].text) if label == "PERSON" else None])
            for i in range(start, end):
                owner[i] = len(items) - 1

    def _generic(self, doc: Any, owner: list[int], items: list[list[Any]], dominant: str | None,
                 described: set[int] = frozenset(), scene: str | None = None) -> None:
        """Generic actors ("police", "the government", "protesters") get the nearest country of
        their sentence plus their role, else the country of the document's scene (`scene`: its
        dominant country, places named as where things happen counting more); "he"/"she" the
        code of the last person named before them."""
        matches = self.generic(doc)
        if not matches:
            return
        acts = {t.start: t.id_ for t in doc.spans.get("triggers", ())}
        sents = [(s.start, s.end) for s in doc.sents]
        # a dateline's place is where the story was filed: the scene's country (`_dominant_country`)
        # takes it where nothing else names one, the nearest country never does
        filed_from = _filed_from(doc)
        countries = sorted((it[0], it[3][:3]) for it in items
                           if it[2] != "DATE" and country_root(it[3]) and it[3][3:6] not in REPORTING_ROLES
                           and len(it) == 4 and it[0] not in filed_from)
        # the people of a place (civilians, rebels, protesters) take a country from places and
        # peoples named, not from a force or government acting there ("US troops arrested a bride")
        places = sorted((it[0], it[3][:3]) for it in items
                        if it[2] in ("GPE", "NORP", "LOC") and country_root(it[3]) and len(it) == 4
                        and it[0] not in filed_from)
        persons = sorted((it[0], it[3]) for it in items if it[2] == "PERSON")
        has_dep = doc.has_annotation("DEP")
        # persons who are a clause's subject: "he" more often continues the subject than the
        # person named last ("Mitsotakis met ... President Trump, where he denounced ...")
        subjects = sorted((it[0], it[3]) for it in items if it[2] == "PERSON" and has_dep
                          and any(doc[i].dep_ in ("nsubj", "nsubjpass", "nsubj:pass") for i in range(it[0], it[1])))
        last_end = -1
        sent = 0
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
            if start < last_end or any(owner[i] != -1 or i in described for i in range(start, end)):
                continue
            first = doc[start]
            noun = self.generic_of[match_id]
            if noun in STATING_WORDS:
                while sent + 1 < len(sents) and sents[sent][1] <= start:
                    sent += 1
                # from the sentence before on -- before the one where the quotation it closes
                # opened ('... on Friday. | "This aid will help millions," | it said.')
                opened = _quotation_opening(doc, start)
                said_from = sent if opened is None else next(k for k in range(sent, -1, -1) if sents[k][0] <= opened)
                code = _stating_antecedent(doc, items, sents[max(0, said_from - 1)][0], start, end, opened)
                if code:
                    items.append([start, end, "ORG", code, True])
                continue
            if not first.is_lower and not _opens_sentence(doc, start) and noun not in SPEAKER_PRONOUNS \
                    and noun not in GROUP_PRONOUNS and not _counted(doc, start):
                continue  # "Police Prefecture", "President Trump": part of a name or a title
            if end < len(doc) and doc[end].is_title and not doc[end].is_sent_start and doc[end].text != "I":
                continue
            if noun in ATTRIBUTIVE and end < len(doc) and _modifies_noun(doc[end]):
                continue  # "military aggression", "police headquarters", "government officials"
            while sent + 1 < len(sents) and sents[sent][1] <= start:
                sent += 1
            s0, s1 = sents[sent]
            possessive = noun in POSSESSIVE_PRONOUNS or (noun in OBJECT_PRONOUNS and not _is_object(doc, start))
            if possessive and not _owns_act(doc, end, acts):
                continue  # "her government": a possessive, not the person
            if noun in PRONOUNS or (noun in OBJECT_PRONOUNS or possessive) and noun != "their":
                floor = sents[sent - 1][0] if sent else s0
                if noun in OBJECT_PRONOUNS and not possessive:
                    # an object is someone other than the clause's subject ("Trump ... Muriel
                    # Bowser, accusing her"): the last person named that is no subject here
                    mine = {s for s, _code in subjects if s0 <= s < start}
                    before = [code for s, code in persons if floor <= s < start and s not in mine] \
                        or [code for s, code in persons if s < start]
                else:
                    before = [code for s, code in subjects if floor <= s < start] \
                        or [code for s, code in persons if s < start]
                if not before or not before[-1]:
                    continue
                items.append([start, end, "PERSON", before[-1], True])
            elif noun in NON_STATE_GROUPS:
                items.append([start, end, "ORG", NON_STATE_GROUPS[noun], True])  # no country of context
            elif noun in GROUP_PRONOUNS or noun in SPEAKER_PRONOUNS or possessive:
                if noun == "group" and not (start > 0 and doc[start - 1].lower_ == "the"):
                    continue  # "a group of protesters": not an anaphor
                floor = sents[sent - 1][0] if sent else s0
                kinds = ("PERSON",) if noun == "i" else ("PERSON", "ORG")  # "I" is a person
                group = noun in GROUP_PRONOUNS or noun == "their"
                code = (_group_antecedent(items, floor, start)
                        if group else _quote_speaker(doc, items, s0, s1, start, kinds))
                if not code and noun in SPEAKER_PRONOUNS:
                    # no speaker outside quotes in the sentence ("Bolton ...: 'I offered to
                    # resign'"): the nearest person or organisation of the sentence, else the one
                    # named last, else the document's country
                    here = [it for it in items if s0 <= it[0] < s1 and it[3] and it[2] in kinds]
                    named = [it[3] for it in items if floor <= it[0] < start and it[3] and it[2] in kinds]
                    code = min(here, key=lambda it: abs(it[0] - start))[3] if here else named[-1] if named \
                        else dominant
                if not code:
                    continue
                items.append([start, end, "ORG" if group else "PERSON", code, True])
            elif (body := _body_of(doc, end, owner, items)) is not None:
                items.append([start, end, "ORG", body, True])  # "leaders of ECOWAS": the bloc's own code
            else:
                # the nearest country named before it in the sentence, else the document's,
                # else one named after it ("Egyptian police arrested protesters" -> EGY)
                local = GENERIC_ACTORS[noun] in LOCAL_ROLES
                named = places if local else countries
                before = [root for p, root in named if s0 <= p < start]
                after = [root for p, root in named if end <= p < s1]
                root = _country_of(doc, end, owner, items, local) or (
                    before[-1] if before else scene or dominant or (after[0] if after else None))
                if root is None and named is places:  # no place at all: the force's country
                    root = next((r for p, r in reversed(countries) if s0 <= p < start), None)
                items.append([start, end, "ORG", root + GENERIC_ACTORS[noun] if root else None, True])
            for i in range(start, end):
                owner[i] = len(items) - 1
            last_end = end

    @staticmethod
    def _surnames(doc: Any, owner: list[int], items: list[list[Any]], known: dict[str, str | None]) -> None:
        for index, item in enumerate(items):
            if item[2] == "PERSON" and item[3] is None:
                item[3] = known.get(doc[item[1] - 1].text)
            elif item[3] is None and item[1] - item[0] == 1 and doc[item[0]].text in known:
                item[2:4] = ["PERSON", known[doc[item[0]].text]]  # a model's ORG/GPE "Blinken"
        for token in doc:
            if owner[token.i] == -1 and token.is_title and token.text in known:
                items.append([token.i, token.i + 1, "PERSON", known[token.text]])
                owner[token.i] = len(items) - 1


QUOTES = frozenset({'"', "“", "”"})


# "it said", "it announced": an announcement names its speaker too, though what it announces is
# typed as the act, not by its tone
STATING_VERBS = frozenset(SPEECH_VERBS) | {"states", "announced"}


def _stating_antecedent(doc: Any, items: list[list[Any]], floor: int, start: int, end: int,
                        opened: int | None = None) -> str | None:
    """"It said ...", '"...," it added': the code of the organisation or country that speaks --
    the subject among those named from the previous sentence on (the parse's), else the last
    one named, never one inside the quotation it closes (`opened`: where that opened; '"Armenian
    forces must raise the white flag," it said' is not the forces speaking). None when it says
    nothing (any other "it" is a thing, any other statement a document, not an actor)."""
    after = end + 1 if end < len(doc) and doc[end].lower_ == "also" else end
    if after >= len(doc) or doc[after].lower_ not in STATING_VERBS:
        return None
    named = [it for it in items if floor <= it[0] < start and it[3] and it[2] in ("ORG", "GPE")
             and not (opened is not None and opened < it[0])]
    subjects = [it for it in named if any(doc[i].dep_ in ("nsubj", "nsubjpass", "nsubj:pass")
                                          for i in range(it[0], it[1]))]
    best = (subjects or named or [None])[-1]
    return best[3] if best else None


def _quotation_opening(doc: Any, start: int, reach: int = 120) -> int | None:
    """'"...," it said': where the quotation closed right before `start` opened, None when
    no quotation closes there."""
    if start < 2 or not ({doc[start - 1].text, doc[start - 2].text} & QUOTES):
        return None
    close = start - 1 if doc[start - 1].text in QUOTES else start - 2
    return next((i for i in range(close - 1, max(-1, close - reach), -1) if doc[i].text in QUOTES), None)


def _group_antecedent(items: list[list[Any]], floor: int, start: int) -> str | None:
    """"they"/"them": the code of the last group (organisation, country, people, or a generic
    group actor) named from the previous sentence on; a single person is not "they"."""
    best = None
    for item in items:
        if floor <= item[0] < start and item[3] and item[2] in ("ORG", "GPE", "NORP") and \
                (best is None or item[0] > best[0]):
            best = item
    return best[3] if best else None


def _quote_speaker(doc: Any, items: list[list[Any]], s0: int, s1: int, start: int,
                   kinds: tuple[str, ...] = ("PERSON", "ORG")) -> str | None:
    """"We"/"I" inside a quotation: the code of the person or organisation outside the quotation
    marks of its sentence that says it ("'We will ...,' the minister said")."""
    marks = [i for i in range(s0, s1) if doc[i].text in QUOTES]
    before = sum(1 for i in marks if i < start)
    inside = before % 2 == 1 or (before == 0 and len(marks) % 2 == 1 and marks and marks[0] > start)
    if not inside:
        return None
    def outside(i: int) -> bool:
        return sum(1 for m in marks if m < i) % 2 == 0 and not (len(marks) % 2 == 1 and i < marks[0])
    speakers = [it for it in items if s0 <= it[0] < s1 and it[3] and it[2] in kinds and outside(it[0])]
    if not speakers:
        return None
    return min(speakers, key=lambda it: abs(it[0] - start))[3]


# Words that can follow a generic actor as its verb ("police said", "troops shot"): a lower-case
# word after the noun that is none of these (nor a past form in -ed) makes the noun a modifier.
VERB_LIKE = frozenset({
    "said", "say", "says", "have", "has", "had", "are", "is", "were", "was", "will", "would", "could", "can", "may",
    "might", "must", "should", "did", "do", "does", "also", "then", "who", "which", "that", "shot", "fought", "held",
    "took", "made", "began", "struck", "hit", "led", "sent", "met", "told", "found", "left", "gave", "came", "went",
    "ran", "threw", "broke", "beat", "fled", "put", "set", "cut", "kept", "brought", "caught", "sought", "stormed",
    "later", "reportedly", "allegedly", "and", "or", "of", "in", "on", "at", "to", "from", "with", "by", "for",
    "against", "as", "after", "before", "during", "while", "when", "had", "been", "being", "not", "never", "today",
    "yesterday", "still", "already", "now", "there", "here", "themselves", "itself", "over", "into", "near"})


def _modifies_noun(token: Any) -> bool:
    word = token.lower_
    if token.tag_ in FINITE_VERB_TAGS:
        return False  # "its military withdrew", "the army says": a verb the tagger knows, whatever its form
    return token.is_alpha and token.is_lower and word not in VERB_LIKE and not word.endswith(("ed", "ly"))


def _clause_verb(token: Any) -> bool:
    """Whether a lower-case word between an entity and a title is the verb of a clause ("the House
    impeached President X"), not a word of the title ("Israel's acting prime minister")."""
    return token.tag_ in FINITE_VERB_TAGS or (token.pos_ in ("VERB", "AUX") and token.dep_ in CLAUSE_DEPS)


CLAUSE_DEPS = frozenset({"ROOT", "conj", "relcl", "ccomp", "advcl", "acl:relcl"})


# Generic nouns that are often used attributively ("military aggression", "police headquarters").
ATTRIBUTIVE = frozenset({"military", "government", "police", "army", "opposition", "court", "parliament", "congress",
                         "administration", "cabinet", "ministry", "network", "president", "prime minister", "regime",
                         "navy", "air force", "security forces", "council", "commission", "delegation",
                         # singular nouns as often adjectives ("militant groups", "a terrorist attack",
                         # "separatist rebels", "bomber jets")
                         "militant", "terrorist", "separatist", "rebel", "bomber",
                         "activist", "protester", "soldier", "insurgent"})


SUBJECT_ADVERBS = frozenset({"also", "reportedly", "has", "had", "have", "later", "then", "again", "previously",
                             "recently", "allegedly", "both", "yesterday", "today", "further", "subsequently",
                             "personally", "immediately", "officially", "publicly", "repeatedly", "strongly"})
ORG_WORDS = frozenset({"party", "council", "court", "ministry", "department", "agency", "committee", "commission",
                       "union", "organisation", "organization", "front", "group", "forces", "army", "police",
                       "association", "institute", "university", "bank", "company", "corporation", "news", "times",
                       "post", "guard", "government", "office", "parliament", "assembly", "senate", "house",
                       "congress", "movement", "alliance", "network", "federation", "foundation", "service"})
# Capitalised words that start sentences without being names.
NOT_NAMES = frozenset({"police", "officials", "protesters", "authorities", "rebels", "troops", "soldiers",
                       "residents", "witnesses", "critics", "many", "some", "several", "others", "both",
                       "reports", "sources", "analysts", "experts", "students", "workers", "demonstrators",
                       "thousands", "hundreds", "dozens", "militants", "gunmen", "lawmakers", "legislators"})


# "her" names the person only as an object ("accusing her of", "gave her"); before a noun it is
# a possessive ("her government").
OBJECT_PRONOUNS = frozenset({"her"})
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "iobj", "nsubj"})  # nsubj: "made her resign"


# "his resignation", "their protest", "her visit": the possessor of an act named by a noun is who
# acts, for the acts below; for others it is often whom the act is done to ("his arrest", "his
# killing", "their release"), so no actor is suggested there.
POSSESSIVE_PRONOUNS = frozenset({"his", "their"})
ACTS_OF_THE_POSSESSOR = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "AGREE", "THREATEN", "REJECT", "CONCEDE", "CONSULT",
                                   "PROTEST", "MOBILIZE", "RETREAT|resign", "RETREAT|withdraw"})


def _owns_act(doc: Any, end: int, acts: dict[int, str]) -> bool:
    """Whether the possessive ending at `end` is followed by (one word, then) a trigger of an act
    its possessor does ("his official resignation")."""
    for k in (end, end + 1):
        key = acts.get(k)
        if key is not None:
            kind, _, mode = key.partition("|")
            return kind in ACTS_OF_THE_POSSESSOR or f"{kind}|{mode}" in ACTS_OF_THE_POSSESSOR
        if k >= len(doc) or not doc[k].is_alpha or not doc[k].is_lower:
            return False
    return False


def _is_object(doc: Any, i: int) -> bool:
    if doc.has_annotation("DEP"):
        return doc[i].dep_ in OBJECT_DEPS
    following = doc[i + 1] if i + 1 < len(doc) else None
    return following is None or not following.is_alpha or following.lower_ in ("of", "to", "for", "with", "in", "on",
                                                                              "at", "that", "and", "as", "by")


# roles of the people of a place, not of a state's forces or offices (see `_generic`)
LOCAL_ROLES = frozenset({"CVL", "REB", "OPP"})


# religious communities of a country ("Sunni observers", "Shiite elements in the government"):
# coded, like a stateless people, by the country the article places them in
SECTS = frozenset({"sunni", "sunnis", "shiite", "shiites", "shia", "shias", "shi'ite", "shi'ites", "alawite",
                   "alawites", "druze", "maronite", "maronites", "copts", "coptic"})
STATELESS_PEOPLES = frozenset({"kurd", "kurds", "kurdish", "rohingya", "uyghur", "uyghurs", "uighur", "uighurs",
                               "tamil", "tamils", "baloch", "balochi", "yazidi", "yazidis", "tuareg", "berber",
                               "berbers", "roma", "pashtun", "pashtuns", "hazara", "hazaras"})
PLACED_PEOPLES = STATELESS_PEOPLES | SECTS


# Plural nouns after an organisation's name that name the organisation's own people
MEMBERS_OF_GROUP = frozenset({"fighters", "militants", "gunmen", "members", "officials", "leaders", "commanders",
                              "forces", "troops", "soldiers", "rebels", "insurgents", "militiamen", "guerrillas",
                              # one of them ("a Hamas fighter"); not a title ("official", "commander"):
                              # the title rules read those ("the State Department spokesperson,")
                              "member", "fighter", "militant", "soldier"})


# Words that count the plural noun after them ("several Senators", "a number of Senators")
COUNTING = frozenset({"several", "many", "some", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                      "ten", "dozens", "hundreds", "thousands", "number", "group", "majority", "few"})


def _counted(doc: Any, i: int) -> bool:
    """A capitalised plural counted by a lower-case word before it ("several Senators", "a number
    of Senators") is a generic actor, not part of a name ("Ottawa Senators", "the Senators")."""
    if not doc[i].lower_.endswith("s") or i == 0:
        return False
    before = doc[i - 1]
    if before.lower_ == "of" and i > 1:
        before = doc[i - 2]
    return before.is_lower and (before.lower_ in COUNTING or before.like_num)


def _opens_sentence(doc: Any, i: int) -> bool:
    """A sentence start, also where the parser ran two sentences together ("... police. Police
    arrested ...")."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1  # a paragraph break
    return doc[i].is_sent_start or j < 0 or doc[j].text in (".", "!", "?", ":", ";", '"', "“", "”") or j < i - 1


def _country_of(doc: Any, end: int, owner: list[int], items: list[list[Any]], local: bool = False) -> str | None:
    """"the government of Iraq", "the people of Hong Kong", "49 soldiers from Ivory Coast": the
    country named by the "of" or "from" phrase right after a generic actor is its own; for the
    people of a place (`local`: civilians, protesters, rebels) also the "in" phrase ("political
    prisoners in Nicaragua"), which for a force only says where it is ("troops in Iraq")."""
    item = _phrase_object(doc, end, owner, items, ("of", "from", "in") if local else ("of", "from"))
    return country_root(item[3]) if item is not None and item[2] in ("GPE", "NORP", "LOC") else None


def _body_of(doc: Any, end: int, owner: list[int], items: list[list[Any]]) -> str | None:
    """"Leaders of the Economic Community of West African States", "officials from the EU": the
    intergovernmental body named by the "of" or "from" phrase right after a generic actor, whose
    members they are, has the code of the people it names (IGOWAF), not a country's role."""
    item = _phrase_object(doc, end, owner, items, ("of", "from"))
    return item[3] if item is not None and item[2] == "ORG" and item[3] and item[3][:3] == "IGO" else None


def _phrase_object(doc: Any, end: int, owner: list[int], items: list[list[Any]],
                   preps: tuple[str, ...]) -> list[Any] | None:
    """The entity a phrase of one of `preps` right at `end` names ("of [the] Iraq"), if any."""
    k = end
    if k + 1 >= len(doc) or doc[k].lower_ not in preps:
        return None
    k += 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    return items[owner[k]] if owner[k] != -1 else None


def _owners_country(doc: Any, owner: list[int], items: list[list[Any]]) -> None:
    """An organisation the gazetteer codes by its usual country takes the country whose
    possessive it follows: "South Korea's National Security Council" is KORGOV, not the
    USAGOV a bare "National Security Council" is."""
    for item in items:
        root = country_root(item[3]) if item[2] == "ORG" else None
        s = item[0]
        if root is None or s < 2 or doc[s - 1].text not in POSSESSIVES or owner[s - 2] == -1:
            continue
        country = items[owner[s - 2]]
        theirs = country_root(country[3]) if country[2] == "GPE" and country[1] == s - 1 else None
        if theirs is not None and theirs != root:
            item[3] = theirs + item[3][3:]


def country_root(code: str | None) -> str | None:
    """The country block of an actor code ("IRQ" of "IRQGOV"), or None: no code, or a root that
    names no country (IGO, NGO, IMG, ...)."""
    root = code[:3] if code else ""
    return root if root.isalpha() and root not in NOT_COUNTRIES else None


def _without_space(doc: Any, ent: Any) -> Any:
    """`ent` without the white-space tokens at its ends (None if nothing else is left)."""
    from spacy.tokens import Span

    start, end = ent.start, ent.end
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return Span(doc, start, end, label=ent.label_, span_id=ent.id_, kb_id=ent.kb_id_) if start < end else None


def _join_hyphenated_names(doc: Any, items: list[list[Any]]) -> None:
    """"[Ahmed al]-[Assadi]": a person's name the tokenizer split at a hyphen goes on through
    the hyphen (and swallows a code-less entity the model made of the rest)."""
    n = len(doc)
    index = 0
    while index < len(items):
        item = items[index]
        j = item[1]
        if item[2] == "PERSON" and j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_ \
                and not doc[j].whitespace_ and doc[j + 1].is_title and doc[j + 1].is_alpha:
            following = next((k for k, it in enumerate(items) if it[0] == j + 1), None)
            if following is None:
                item[1] = j + 2
            elif items[following][3] is None:
                item[1] = items[following][1]
                del items[following]
                continue  # look again: "al-Assadi-X"
        index += 1


# Capitalised words that follow a person's name without being more of it ("Trump Tower", "the
# Biden Administration", "Putin Thursday").
NOT_SURNAMES = frozenset({"administration", "tower", "towers", "foundation", "institute", "university", "center",
                          "centre", "hall", "street", "avenue", "airport", "group", "party", "government", "doctrine",
                          "plan", "era", "campaign", "organization", "organisation", "cabinet", "camp", "library",
                          "museum", "prize", "award", "stadium", "bridge", "square", "hotel", "house", "station"})


def _whole_names(doc: Any, items: list[list[Any]]) -> None:
    """A person's name the model cut short: "General [Sada] Samake" goes on over the capitalised
    word after it that nothing else claims (one or two; not where a third follows, the start of
    another name, nor a word that ends an organisation or place: "Trump Tower")."""
    owned = {i for item in items for i in range(item[0], item[1])}
    for item in items:
        if item[2] != "PERSON":
            continue
        end = item[1]
        after = end
        while after < len(doc) and after - end < 2 and after not in owned and doc[after - 1].whitespace_ \
                and doc[after].is_title and doc[after].is_alpha and doc[after].pos_ == "PROPN" \
                and not doc[after].ent_type_ and doc[after].lower_ not in NOT_SURNAMES:
            after += 1
        if after > end and (after == len(doc) or not (doc[after].is_title and doc[after].pos_ == "PROPN")):
            item[1] = after  # stops before punctuation or a lower-case word: not the start of another name


def _filed_from(doc: Any) -> set[int]:
    """The tokens of the text's datelines (dateline.py): where the story was filed, not where it
    happens."""
    return {i for start, end in doc.user_data.get(DATELINE_KEY, ()) for i in range(start, end)}


def _dominant_country(doc: Any, items: list[list[Any]], scene: bool = False) -> str | None:
    """The country named most often in the document (GPE and NORP codes), if any. With `scene`,
    a place named as where things happen ("in New Zealand", "Christchurch, New Zealand") counts
    1.5 times: generic actors (police, courts, crowds) are those of the scene, whoever else is
    named; a person nothing codes keeps the plain count (an Australian tried in New Zealand).
    A text that names no place or nationality counts the known people and organisations, and
    only then its dateline: a wire story is filed from where the reporter is ("LIBREVILLE
    (Reuters) - Central African Republic's government and rebels ...": the rebels are not
    Gabon's), which names the story's country only when nothing else does."""
    filed_from = _filed_from(doc)
    counts: dict[str, float] = {}
    for item in items:
        code = item[3]
        if item[0] in filed_from:
            continue
        if item[2] in ("GPE", "NORP") and code and code[:3] not in NOT_COUNTRIES:
            before = doc[item[0] - 1].lower_ if item[0] > 0 else ""
            weight = 1.5 if scene and item[2] == "GPE" and before in PLACE_WORDS else 1
            counts[code[:3]] = counts.get(code[:3], 0) + weight
    if not counts:
        # no place or nationality named (a single sentence, often): the country of the people and
        # organisations the gazetteer knows ("Pelosi called Trump's conduct ...": USA), not of
        # the outlets that report it ("according to The Guardian")
        for item in items:
            root = country_root(item[3])
            if item[2] in ("PERSON", "ORG") and root and item[3][3:6] not in REPORTING_ROLES \
                    and item[0] not in filed_from:
                counts[root] = counts.get(root, 0) + 1
    if not counts:
        for item in items:
            if item[0] in filed_from and item[2] == "GPE" and item[3] and item[3][:3] not in NOT_COUNTRIES:
                counts[item[3][:3]] = counts.get(item[3][:3], 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


PLACE_WORDS = frozenset({"in", "at", "near", ",", "across", "throughout", "inside"})
# the role of the news outlets that report a story ("according to The Guardian"):
# their country is not the story's
REPORTING_ROLES = frozenset({"MED"})


def _combine(base: list[Any] | None, role: str) -> str | None:
    if base is None or not base[3]:
        return None
    label, code = base[2], base[3]
    if label == "ORG":
        return code  # a group's leader or spokesperson gets the group's code
    return code[:3] + ("GOV" if role == "-" else "" if role == "*" else role)


def _words_only(doc: Any, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the tokens at its edges that hold no letter or digit: a list's
    bullet ("• Lorenzana"), an emoji after a name ("Turkey 👍", which ended between the emoji and
    its skin tone), a quotation mark ("United States?›") -- the NER takes them in."""
    while start < end and not any(c.isalnum() for c in doc[start].text):
        start += 1
    while end > start and not any(c.isalnum() for c in doc[end - 1].text):
        end -= 1
    return start, end


OUT_OF_OFFICE_BEFORE = frozenset({"former", "ex", "ousted", "deposed", "toppled"})
OUT_OF_OFFICE_AFTER = frozenset({"elect", "designate"})


def _out_of_office(doc: Any, start: int, end: int) -> bool:
    """Whether the title doc[start:end] is one its holder no longer or not yet holds: "former
    President X", "ex-president X", "President-elect X", "Prime Minister-designate X"."""
    for k in range(start - 1, max(-1, start - 5), -1):
        word = doc[k]
        if word.lower_ in OUT_OF_OFFICE_BEFORE:
            return True  # "former President X", "ex-president X", "Former Pakistani Prime Minister X"
        if not (word.text == "-" or word.ent_type_ in ("NORP", "GPE") or word.text in ("'s", "’s")):
            break
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in OUT_OF_OFFICE_AFTER
