"""One QTI assessment item (canonical tree, :mod:`studio.quiz.qti_xml`) read as question data.

The answer comes from the response declaration: ``correctResponse``, ``mapping`` (weights,
partial answers, per-item credit) and, for numeric answers, the tolerance or range in the
response processing. Items this studio wrote (``toolName``) are read back exactly, with the
hints their interaction's ``class`` carries (:mod:`studio.quiz.qti_write`); other items are
read when they use the standard templates match_correct, map_response or
map_response_point (QTI 2.1 §5.2), and everything left out gets a notice naming the item.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from studio.quiz.qti_build import MAXSCORE, SCORE, derived_title
from studio.quiz.qti_read_graphic import GraphicReading
from studio.quiz.qti_read_parts import (
    Declaration,
    NumericRules,
    Skip,
    float_of,
    number_of,
    percent,
)
from studio.quiz.qti_text import text_of
from studio.quiz.qti_xml import TOOL_NAME, from_identifier
from studio.quiz.types import QUESTION_TYPES

INTERACTIONS = frozenset("""choiceInteraction textEntryInteraction extendedTextInteraction
matchInteraction orderInteraction hotspotInteraction selectPointInteraction
associateInteraction gapMatchInteraction inlineChoiceInteraction sliderInteraction
hottextInteraction graphicOrderInteraction graphicAssociateInteraction
graphicGapMatchInteraction positionObjectInteraction uploadInteraction drawingInteraction
mediaInteraction customInteraction portableCustomInteraction endAttemptInteraction""".split())
TEMPLATES = ("match_correct", "map_response", "map_response_point")


@dataclass
class ItemContext:
    """Where an item comes from: its path in the package (None for a lone file), ``fetch``
    to get a package file's bytes (None when absent), and what it found."""
    path: str | None
    fetch: Callable[[str], bytes | None]
    notes: list[str] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    images: list[str] = field(default_factory=list)


class ItemReader(GraphicReading):
    """Reads one item: :meth:`read` gives (type, prompt, points, data) or raises Skip."""

    def __init__(self, root: etree._Element, context: ItemContext):
        self.root, self.context = root, context
        self.identifier = root.get("identifier", "")
        self.ours = root.get("toolName") == TOOL_NAME
        declared = root.find("responseDeclaration[@identifier='RESPONSE']")
        self.decl = Declaration.read(declared if declared is not None
                                     else root.find("responseDeclaration"))
        self.body = root.find("itemBody")
        if self.body is None:
            self.body = etree.Element("itemBody")
        found = [e for e in self.body.iter(etree.Element) if e.tag in INTERACTIONS]
        self.interaction = found[0] if found else None
        if len(found) > 1:
            self.note(f"only its first interaction is kept; {len(found) - 1} more left out")
        self.classes = set((self.interaction.get("class") or "").split()
                           if self.interaction is not None else ())
        self.rules = root.find("responseProcessing")
        self.rules_read = False  # set when the rules themselves gave the answer

    def note(self, message: str) -> None:
        """Record something the reading leaves out or changes (a notice for the item)."""
        self.context.notes.append(message)

    # ---- common parts ----------------------------------------------------------------
    def points(self) -> float:
        """The question's points: the MAXSCORE outcome's default, else SCORE's
        normalMaximum, else the mapping's upperBound, else 1."""
        for outcome in self.root.findall("outcomeDeclaration"):
            if outcome.get("identifier") == MAXSCORE:
                value = outcome.find("defaultValue/value")
                if value is not None:
                    return float_of(value.text)
        for outcome in self.root.findall("outcomeDeclaration"):
            if outcome.get("identifier") == SCORE and outcome.get("normalMaximum"):
                return float_of(outcome.get("normalMaximum"))
        return self.decl.upper if self.decl.upper is not None else 1.0

    def text(self, elem: etree._Element, entry: etree._Element | None = None) -> str:
        """The plain text ``elem`` shows (:func:`studio.quiz.qti_text.text_of`)."""
        return text_of(elem, verbatim=self.ours, entry=entry)

    def media_of(self, elem: etree._Element, key: str | None, label: str,
                 deep: bool = True) -> dict:
        """{"media", "mediaAlt"} for the first picture or sound in ``elem`` (with ``deep``
        False: outside its interaction), its file recorded in the context under ``key``
        ("prompt", "choice:<id>", "item:<id>", "hotspot"); {} when there is none or
        ``key`` is None (a place that shows no media: noted under ``label``)."""
        found = []
        for node in elem.iter("img", "object", "audio", "video"):
            inside = any(a.tag in INTERACTIONS or a.tag == "feedbackInline"
                         for a in node.iterancestors() if a is not elem)
            if deep or not inside:
                found.append(node)
        if not found:
            return {}
        if key is None:
            self.note(f"{label}: its picture is not kept (this question type shows none "
                      "there)")
            return {}
        if len(found) > 1:
            self.note(f"{label}: only its first picture or sound is kept")
        node = found[0]
        src, alt = _source(node)
        if not src:
            return {}
        if self.context.path is None:
            if key == "prompt":
                self.context.images.append(src)
            else:
                self.note(f"{label}: the picture {src} is not in a package; left out")
            return {}
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.context.path), src))
        data = self.context.fetch(path)
        if data is None:
            self.note(f"{label}: the file {src} is not in the package; left out")
            return {}
        self.context.files[path] = data
        self.context.media[key] = path
        return {"media": path, **({"mediaAlt": alt} if alt else {})}

    def feedback(self) -> dict:
        """The question's feedback from the item's modalFeedback: "correct", "incorrect"
        and "general" by their identifiers; any other becomes part of "general"."""
        out = {"correct": "", "incorrect": ""}
        other = []
        for modal in self.root.findall("modalFeedback"):
            key = (modal.get("identifier") or "").lower()
            text = self.text(modal)
            if key in ("correct", "incorrect", "general") and not out.get(key):
                out[key] = text
            elif text:
                other.append(text)
        if other:
            out["general"] = "\n".join(filter(None, [out.get("general", ""), *other]))
        return {k: v for k, v in out.items() if v or k in ("correct", "incorrect")}

    def check_rules(self) -> None:
        """A notice when the item is scored by rules this reader does not follow."""
        if self.rules is None or self.ours or self.rules_read:
            return
        template = self.rules.get("template") or self.rules.get("templateLocation") or ""
        name = posixpath.basename(template).removesuffix(".xml")
        if template and name not in TEMPLATES:
            self.note(f"its response processing template {name} is not read; it is scored "
                      "from its correct response")
        elif not template and len(self.rules):
            self.note("its own response processing rules are not read; it is scored from "
                      "its correct response and mapping")

    # ---- the item --------------------------------------------------------------------
    def read(self) -> tuple[str, str, float, dict]:
        """(type, prompt, points, data) of the item, data not yet checked. Raises Skip
        when the item has no question type to become."""
        if self.root.find("templateDeclaration") is not None:
            self.note("its template variables (cloned item) are not read")
        if self.interaction is None:
            prompt = self.text(self.body)
            data = {**self.media_of(self.body, "prompt", "the text"),
                    "feedback": self.feedback(), **self.title(prompt)}
            return "description", prompt, 0.0, data
        tag = self.interaction.tag
        reader = {"choiceInteraction": self._choiceInteraction,
                  "inlineChoiceInteraction": self._inlineChoiceInteraction,
                  "textEntryInteraction": self._textEntryInteraction,
                  "extendedTextInteraction": self._extendedTextInteraction,
                  "orderInteraction": self._orderInteraction,
                  "matchInteraction": self._matchInteraction,
                  "hotspotInteraction": self._hotspotInteraction,
                  "selectPointInteraction": self._selectPointInteraction}.get(tag)
        if reader is None:
            raise Skip(f"its {tag} has no equivalent question type")
        qtype, data = reader()
        self.check_rules()
        entry = self.interaction if tag in ("textEntryInteraction",
                                            "inlineChoiceInteraction") else None
        prompt = self.text(self.body, entry=entry)
        own = self.interaction.find("prompt")
        if own is not None and self.text(own) not in prompt:
            prompt = "\n".join(filter(None, [prompt, self.text(own)]))
        data = {**data, **self.media_of(self.body, "prompt", "the prompt", deep=False),
                "feedback": self.feedback()}
        data.update(self.title(prompt))
        points = 0.0 if qtype in ("likert", "essay") and not self.ours else self.points()
        return qtype, prompt, points, data

    def title(self, prompt: str) -> dict:
        """{"title": ...} unless the item's title is the one an untitled question gets."""
        title = self.root.get("title", "").strip()
        return {"title": title} if title and title != derived_title(prompt) else {}

    def scale(self) -> float:
        """What full credit is worth in the item's mapped values: its points, or 1."""
        points = self.points()
        return points if points > 0 else 1.0

    def _choices(self, keep: str | None, tag: str = "simpleChoice",
                 prefix: str = "") -> list[dict]:
        """The interaction's choices as {key, id, text, media?, mediaAlt?, feedback?}; their
        media recorded as "<keep>:<id>" (``keep`` None: media not kept)."""
        out = []
        for elem in self.interaction.iter(tag):
            key = elem.get("identifier", "")
            entry_id = from_identifier(key[len(prefix):] if prefix and key.startswith(prefix)
                                       else key)
            entry = {"key": key, "id": entry_id, "text": self.text(elem)}
            entry.update(self.media_of(elem, f"{keep}:{entry_id}" if keep else None,
                                       f"option {entry_id}"))
            inline = elem.find("feedbackInline")
            if inline is not None:
                entry["feedback"] = self.text(inline)
            out.append(entry)
        return out

    @staticmethod
    def _plain(entries: list[dict], *keys: str) -> list[dict]:
        return [{k: e[k] for k in ("id", *keys) if k in e} for e in entries]

    def _inlineChoiceInteraction(self) -> tuple[str, dict]:
        """A choice in a sentence: a single choice question whose prompt has the blank."""
        return self._choiceInteraction("inlineChoice")

    def _choiceInteraction(self, tag: str = "simpleChoice") -> tuple[str, dict]:
        decl = self.decl
        keys = [e.get("identifier") for e in self.interaction.iter(tag)]
        if "cs-likert" in self.classes or (not decl.correct and not decl.mapping):
            if not self.ours:
                self.note("it has no correct response, so it is read as a survey (Likert) "
                          "question")
            return "likert", {"scale": self._plain(self._choices(None, tag), "text")}
        if decl.cardinality == "single" and sorted(keys) == ["false", "true"]:
            return "truefalse", {"answer": (decl.correct or [""])[0] == "true"}
        entries = self._choices("choice", tag)
        if decl.cardinality == "single":
            scale = self.scale() if self.ours else max([*decl.mapping.values(), 0]) or 1.0
            for entry in entries:
                if decl.mapping:
                    weight = max(-100, min(100, percent(decl.mapping.get(entry["key"], 0)
                                                        / scale)))
                else:
                    weight = 100 if entry["key"] in decl.correct else 0
                entry["correct"] = weight == 100
                if weight not in (0, 100):
                    entry["weight"] = weight
            return "choice", {"choices": [_unkeyed(e) for e in entries]}
        mode = self._mode("multiple", "weighted" if decl.mapping else None)
        if mode == "weighted":
            total = sum(v for v in decl.mapping.values() if v > 0) or 1.0
            for entry in entries:
                entry["weight"] = max(-100, percent(decl.mapping.get(entry["key"], 0) / total))
                entry["correct"] = entry["weight"] > 0
        else:
            right = set(decl.correct) or {k for k, v in decl.mapping.items() if v > 0}
            for entry in entries:
                entry["correct"] = entry["key"] in right
        data = {"choices": [_unkeyed(e) for e in entries]}
        if mode:
            data["scoring"] = mode
        return "multiple", data

    def _mode(self, qtype: str, foreign: str | None) -> str | None:
        """The scoring mode of a ``qtype`` question: from the class hint on our items (one
        of the type's modes, :data:`studio.quiz.types.QUESTION_TYPES`), else ``foreign``."""
        for mode in QUESTION_TYPES[qtype].scoring_modes[1:]:
            if f"cs-scoring-{mode}" in self.classes:
                return mode
        return None if self.ours else foreign

    def _textEntryInteraction(self) -> tuple[str, dict]:
        decl = self.decl
        if decl.base_type in ("float", "integer"):
            return "numeric", self._numeric()
        scale = self.scale() if self.ours else max([*decl.mapping.values(), 0]) or 1.0
        answers = [k for k, v in decl.mapping.items() if v >= scale - 1e-12]
        partial = [{"text": k, "weight": percent(v / scale)}
                   for k, v in decl.mapping.items() if 0 < v < scale - 1e-12]
        if not answers:
            answers = list(decl.correct)
        if len(set(decl.case_sensitive)) > 1:
            self.note("some answers are case sensitive and some not; all are read as "
                      "case sensitive")
        data = {"answers": answers, "caseSensitive": any(decl.case_sensitive),
                "normaliseSpace": "cs-keep-spaces" not in self.classes}
        if partial:
            data["partial"] = partial
        return "fill", data

    def _numeric(self) -> dict:
        found = (NumericRules(self.rules, self.scale(), self.decl.correct).read()
                 if self.rules is not None else None)
        if found is None:
            if not self.decl.correct:
                raise Skip("its numeric answer has no correct value")
            if self.rules is not None and not self.rules.get("template"):
                self.note("its numeric rules are not read; the correct value is taken "
                          "as exact")
            return {"value": number_of(self.decl.correct[0]), "tolerance": 0}
        self.rules_read = True
        return found

    def _extendedTextInteraction(self) -> tuple[str, dict]:
        data = {}
        if self.decl.correct:
            data["modelAnswer"] = "\n".join(self.decl.correct)
        expected = self.interaction.get("expectedLength")
        if expected and expected.isdigit() and 1 <= int(expected) <= 4000:
            data["maxLength"] = int(expected)
        return "essay", data

    def _orderInteraction(self) -> tuple[str, dict]:
        entries = {e["key"]: e for e in self._choices(None)}
        order = [k for k in self.decl.correct if k in entries] or list(entries)
        data = {"items": self._plain([entries[k] for k in order], "text")}
        mode = self._mode("sequencing", None)
        if mode:
            data["scoring"] = mode
        return "sequencing", data

    def _matchInteraction(self) -> tuple[str, dict]:
        sets = self.interaction.findall("simpleMatchSet")
        if len(sets) != 2:
            raise Skip("its match interaction does not have two sets")
        dragdrop = "cs-dragdrop" in self.classes
        prefixes = ("I_", "C_") if dragdrop else ("L_", "R_") if self.ours else ("", "")
        sources = {e["key"]: e for e in self._set(sets[0], prefixes[0], "item")}
        targets = {e["key"]: e for e in self._set(sets[1], prefixes[1], None)}
        pairs = [p.split() for p in self.decl.correct]
        pairs = [p for p in pairs if len(p) == 2 and p[0] in sources and p[1] in targets]
        per_source = {s: [t for a, t in pairs if a == s] for s in sources}
        one_to_one = (all(len(t) == 1 for t in per_source.values())
                      and len({t for _, t in pairs}) == len(pairs))
        mode = self._mode("matching", "per-item" if self.decl.mapping else None)
        if not dragdrop and not self.ours and not one_to_one:
            dragdrop = all(len(t) == 1 for t in per_source.values())
            if not dragdrop:
                raise Skip("its match interaction pairs an option with several others")
        if dragdrop:
            data = {"categories": [{"id": t["id"], "text": t["text"]}
                                   for t in targets.values()],
                    "items": []}
            for key, source in sources.items():
                item = self._plain([source], "text", "media", "mediaAlt")[0]
                item["category"] = targets[per_source[key][0]]["id"]
                data["items"].append(item)
            qtype = "dragdrop"
        else:
            unused = [t["id"] for k, t in targets.items() if k not in {b for _, b in pairs}]
            if unused:
                self.note(f"its unmatched options {', '.join(unused)} are not kept")
            data = {"pairs": [{"id": sources[a]["id"], "left": sources[a]["text"],
                               "right": targets[b]["text"]} for a, b in pairs]}
            for source in sources.values():
                if self.context.media.pop(f"item:{source['id']}", None):
                    self.note(f"option {source['id']}: its picture is not kept (matching "
                              "shows none there)")
            qtype = "matching"
        if mode:
            data["scoring"] = mode
        return qtype, data

    def _set(self, elem: etree._Element, prefix: str, keep: str | None) -> list[dict]:
        saved, self.interaction = self.interaction, elem
        try:
            return self._choices(keep, "simpleAssociableChoice", prefix)
        finally:
            self.interaction = saved


def _unkeyed(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k != "key"}


def _source(node: etree._Element) -> tuple[str | None, str]:
    """(file, text alternative) of an <img>, <object>, <audio> or <video>."""
    if node.tag == "img":
        return node.get("src"), node.get("alt") or ""
    if node.tag == "object":
        return node.get("data"), " ".join("".join(node.itertext()).split())
    source = node.find("source")
    src = node.get("src") or (source.get("src") if source is not None else None)
    return src, node.get("ariaLabel") or node.get("title") or ""
