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
4. "<title>'s Office" is an ORG of the country that title was last seen with in the document.
5. A later mention of a known person's surname ("Netanyahu", "Blinken") is the same PERSON.
Nothing is guessed beyond that: unknown stays None.
"""

from __future__ import annotations

from typing import Any

from .gazetteer import ORG_KINDS, Gazetteer

MODIFIERS_KEY = "annotator.modifiers"
POSSESSIVES = {"'s", "’s", "'", "’"}
NAME_STOP = {"The", "A", "An", "On", "In", "At", "But", "And", "He", "She", "It", "They", "This", "That"}
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

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        n = len(doc)
        items: list[list[Any]] = []  # [start, end, label, code]
        for ent in doc.ents:
            code = ent.id_ or None
            if code is None:
                hit = self.gazetteer.code_for(ent.text)
                if hit is not None:
                    code = hit[1]
            items.append([ent.start, ent.end, ent.label_, code])
        owner = [-1] * n
        for index, item in enumerate(items):
            self._extend_kind(doc, item, owner)
            for i in range(item[0], item[1]):
                owner[i] = index
        modifiers: set[int] = set()
        title_country: dict[str, str] = {}
        known: dict[str, str | None] = {}
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
                self._office(doc, title, start, end, owner, items, title_country)
                continue
            if base is not None:
                modifiers.add(items[base][0])
            s, e, existing = name
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
        for item in items:
            if item[2] == "PERSON" and item[3]:
                known.setdefault(doc[item[1] - 1].text, item[3])
        if known:
            self._surnames(doc, owner, items, known)
        items.sort(key=lambda it: (it[0], -it[1]))
        spans, last_end = [], -1
        for s, e, label, code in items:
            if s >= last_end:
                spans.append(Span(doc, s, e, label=label, span_id=code or 0))
                last_end = e
        doc.ents = spans
        doc.user_data[MODIFIERS_KEY] = sorted(modifiers)
        return doc

    # ---------------------------------------------------------------------------------
    def _extend_kind(self, doc: Any, item: list[Any], owner: list[int]) -> None:
        _start, end, label, code = item
        if label not in ("GPE", "NORP") or not code or len(code) != 3:
            return
        at = end + 1 if end < len(doc) and doc[end].text in POSSESSIVES else end
        for size in range(_MAX_KIND, 0, -1):
            words = tuple(t.lower_ for t in doc[at : at + size])
            if len(words) == size and words in _KIND_WORDS and all(owner[i] == -1 for i in range(at, at + size)):
                item[1], item[2], item[3] = at + size, "ORG", code + _KIND_WORDS[words]
                return

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
        if k < len(doc) and owner[k] != -1 and (items[owner[k]][2] == "PERSON" or items[owner[k]][3] is None):
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

    @staticmethod
    def _office(doc: Any, title: str, start: int, end: int, owner: list[int], items: list[list[Any]],
                title_country: dict[str, str]) -> None:
        if end + 1 < len(doc) and doc[end].text in POSSESSIVES and doc[end + 1].lower_ == "office":
            country = title_country.get(title)
            items.append([start, end + 2, "ORG", country + "GOV" if country else None])
            for i in range(start, end + 2):
                owner[i] = len(items) - 1

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


def _combine(base: list[Any] | None, role: str) -> str | None:
    if base is None or not base[3]:
        return None
    label, code = base[2], base[3]
    if label == "ORG":
        return code  # a group's leader or spokesperson gets the group's code
    return code[:3] + (role if role != "-" else "GOV")
