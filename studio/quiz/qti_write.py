"""One question as a QTI assessment item (QTI 2.1 §3.2 assessmentItem; QTI 3.0 ASI
qti-assessment-item), built as a canonical tree (:mod:`studio.quiz.qti_xml`).

Every item declares ``RESPONSE`` (the learner's answer), ``SCORE`` (points earned) and
``MAXSCORE`` (the question's points); scores are in points, so a player that sums ``SCORE``
gets the quiz's raw score. Partial credit is a ``mapping`` (choices, fill-in answers, pairs,
regions: ``mapResponse`` with ``lowerBound`` 0) or response conditions (numeric tolerances,
sequence positions). Right/wrong and general feedback are ``modalFeedback`` on the
``FEEDBACK`` outcome; a choice's own feedback is a ``feedbackInline`` in it.

What QTI has no word for rides on the interaction's ``class`` (ignored by players):
``cs-scoring-<mode>`` (a scoring mode other than the type's default), ``cs-keep-spaces``
(fill-in without space normalising), ``cs-dragdrop`` and ``cs-likert``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lxml import etree

from studio.errors import ExportError
from studio.quiz.gift_writer import number
from studio.quiz.qti_build import (
    CHOICE_FEEDBACK,
    FEEDBACK,
    MAXSCORE,
    RESPONSE,
    SCORE,
    SHAPES,
    E,
    MediaFile,
    base,
    choice_weight,
    declaration,
    full,
    if_null_zero,
    item_title,
    lines,
    mapped_score,
    matched_score,
    pixel_coords,
    set_outcome,
    value,
    var,
    zero,
)
from studio.quiz.qti_xml import QTI30, TOOL_NAME, to_identifier
from studio.quiz.questions import BLANK
from studio.quiz.types import ALL_OR_NOTHING


class ItemWriter:
    """Builds the canonical item tree of one question for ``version``; ``media`` gives the
    MediaFile of an asset id (None when the question's file is missing)."""

    def __init__(self, version: str, media: Callable[[str], MediaFile | None]):
        self.version, self.media = version, media

    # ---- building blocks -------------------------------------------------------------
    def scale(self, points: float) -> float:
        """What full credit is worth in mapped values: the points, or 1 for a 0-point
        question (so its weights survive)."""
        return points if points > 0 else 1.0

    def media_element(self, asset: str | None, alt: str | None) -> etree._Element | None:
        """<img> for a picture, <object> for sound or video (QTI 2.1 has no <audio>)."""
        found = self.media(asset) if asset else None
        if found is None:
            return None
        if found.kind == "image":
            return E("img", {"src": found.href, "alt": alt or ""})
        return E("object", {"data": found.href, "type": found.mime}, text=alt or None)

    def block(self, text: str, asset: str | None = None,
              alt: str | None = None) -> list[etree._Element]:
        """Paragraphs: ``text`` (lines as <br/>) and the picture or sound of ``asset``."""
        out = [lines(E("p"), text)] if text else []
        shown = self.media_element(asset, alt)
        if shown is not None:
            out.append(E("p", None, shown))
        return out

    def choice(self, tag: str, identifier: str, entry: Mapping, text_key: str = "text",
               **attrs: object) -> etree._Element:
        """A choice element (``tag``) showing ``entry[text_key]``, its media and its own
        feedback (a feedbackInline shown when it is picked)."""
        elem = lines(E(tag, {"identifier": identifier, **attrs}), entry[text_key])
        shown = self.media_element(entry.get("media"), entry.get("mediaAlt"))
        if shown is not None:
            elem.append(shown)
        if entry.get("feedback"):
            elem.append(lines(E("feedbackInline", {
                "outcomeIdentifier": CHOICE_FEEDBACK, "identifier": identifier,
                "showHide": "show"}), entry["feedback"]))
        return elem

    def prompt(self, text: str) -> etree._Element:
        """<prompt> holding ``text``."""
        return lines(E("prompt"), text)

    def modal(self, identifier: str, show: str, text: str) -> etree._Element:
        """A modalFeedback on FEEDBACK (3.0: its text in qti-content-body)."""
        body = lines(E("contentBody") if self.version == QTI30 else E("p"), text)
        return E("modalFeedback", {"outcomeIdentifier": FEEDBACK, "identifier": identifier,
                                   "showHide": show}, body)

    # ---- the item --------------------------------------------------------------------
    def item(self, question) -> etree._Element:
        """The assessmentItem of ``question`` (a QuestionOut)."""
        data = question.data
        identifier = to_identifier(question.id)
        root = E("assessmentItem", {"identifier": identifier, "title": item_title(question),
                                    "adaptive": "false", "timeDependent": "false",
                                    "toolName": TOOL_NAME})
        if question.type == "description":
            body = E("itemBody", None, *self.block(question.prompt, data.get("media"),
                                                   data.get("mediaAlt")))
            root.append(body)
            return root
        build = {"choice": self._choice, "multiple": self._multiple,
                 "truefalse": self._truefalse, "likert": self._likert, "essay": self._essay,
                 "fill": self._fill, "numeric": self._numeric, "matching": self._matching,
                 "dragdrop": self._dragdrop, "sequencing": self._sequencing,
                 "hotspot": self._hotspot}.get(question.type)
        if build is None:
            raise ExportError(f"QTI has no mapping for {question.type} questions.")
        declaration, interaction, scoring = build(question)
        root.append(declaration)
        root.append(E("outcomeDeclaration", {"identifier": SCORE, "cardinality": "single",
                                             "baseType": "float", "normalMaximum":
                                             number(question.points)},
                      E("defaultValue", None, value("0"))))
        root.append(E("outcomeDeclaration", {"identifier": MAXSCORE, "cardinality": "single",
                                             "baseType": "float"},
                      E("defaultValue", None, value(number(question.points)))))
        feedback = data.get("feedback") or {}
        if any(feedback.values()):
            root.append(E("outcomeDeclaration", {"identifier": FEEDBACK,
                                                 "cardinality": "single",
                                                 "baseType": "identifier"}))
        per_choice = any(c.get("feedback") for c in data.get("choices") or [])
        if per_choice:
            root.append(E("outcomeDeclaration", {
                "identifier": CHOICE_FEEDBACK, "baseType": "identifier",
                "cardinality": declaration.get("cardinality")}))
        body = E("itemBody")
        if question.type in ("fill", "numeric"):
            body.extend(self._entry_body(question.prompt, interaction))
            shown = self.media_element(data.get("media"), data.get("mediaAlt"))
            if shown is not None:
                body.insert(0, E("p", None, shown))
        else:
            body.extend(self.block("", data.get("media"), data.get("mediaAlt")))
            interaction.insert(0, self.prompt(question.prompt))
            body.append(interaction)
        root.append(body)
        rules = list(scoring)
        if rules and any(feedback.get(k) for k in ("correct", "incorrect")):
            rules.append(E("responseCondition", None,
                           E("responseIf", None, E("gte", None, var(SCORE), var(MAXSCORE)),
                             set_outcome(FEEDBACK, base("identifier", "correct"))),
                           E("responseElse", None,
                             set_outcome(FEEDBACK, base("identifier", "incorrect")))))
        if per_choice:
            rules.append(set_outcome(CHOICE_FEEDBACK, var(RESPONSE)))
        if rules:
            root.append(E("responseProcessing", None, *rules))
        for key, show in (("correct", "show"), ("incorrect", "show"), ("general", "hide")):
            if feedback.get(key):
                root.append(self.modal(key, show, feedback[key]))
        return root

    def _entry_body(self, prompt: str, interaction: etree._Element) -> list[etree._Element]:
        """A text entry sits where the prompt's blank is, else in a paragraph of its own."""
        at = prompt.find(BLANK)
        if at < 0:
            return [lines(E("p"), prompt), E("p", None, interaction)]
        paragraph = lines(E("p"), prompt[:at])
        paragraph.append(interaction)
        after = lines(E("span"), prompt[at + len(BLANK):])
        interaction.tail = after.text
        paragraph.extend(list(after))
        return [paragraph]

    # ---- per type: (responseDeclaration, interaction, response rules) ------------------
    def _scoring_class(self, question, *extra: str) -> str | None:
        mode = question.data.get("scoring")
        tokens = list(extra)
        if mode and mode != ALL_OR_NOTHING:
            tokens.append(f"cs-scoring-{mode}")
        return " ".join(tokens) or None

    def _choice(self, question):
        choices = question.data["choices"]
        scale = self.scale(question.points)
        weights = [(to_identifier(c["id"]), choice_weight(c)) for c in choices]
        right = [key for key, weight in weights if weight == 100][:1]
        decl = declaration("single", "identifier", right,
                           [(k, w / 100 * scale) for k, w in weights if w])
        interaction = E("choiceInteraction", {"responseIdentifier": RESPONSE,
                                              "shuffle": "false", "maxChoices": "1"},
                        *[self.choice("simpleChoice", to_identifier(c["id"]), c)
                          for c in choices])
        return decl, interaction, [mapped_score()]

    def _multiple(self, question):
        data = question.data
        choices, mode = data["choices"], data.get("scoring") or ALL_OR_NOTHING
        scale = self.scale(question.points)
        keys = [to_identifier(c["id"]) for c in choices]
        right = [k for k, c in zip(keys, choices, strict=True) if c["correct"]]
        mapping = None
        if mode == "partial":
            share = scale / len(right)
            mapping = [(k, share if k in right else -share) for k in keys]
        elif mode == "weighted":
            mapping = [(k, choice_weight(c) / 100 * scale)
                       for k, c in zip(keys, choices, strict=True) if choice_weight(c)]
        decl = declaration("multiple", "identifier", right, mapping,
                           upper=scale if mapping else None)
        interaction = E("choiceInteraction", {"responseIdentifier": RESPONSE,
                                              "shuffle": "false", "maxChoices": "0",
                                              "class": self._scoring_class(question)},
                        *[self.choice("simpleChoice", k, c)
                          for k, c in zip(keys, choices, strict=True)])
        return decl, interaction, [mapped_score() if mapping else matched_score()]

    def _truefalse(self, question):
        decl = declaration("single", "identifier",
                           ["true" if question.data["answer"] else "false"])
        interaction = E("choiceInteraction", {"responseIdentifier": RESPONSE,
                                              "shuffle": "false", "maxChoices": "1"},
                        E("simpleChoice", {"identifier": "true"}, text="True"),
                        E("simpleChoice", {"identifier": "false"}, text="False"))
        return decl, interaction, [matched_score()]

    def _likert(self, question):
        decl = declaration("single", "identifier", [])
        interaction = E("choiceInteraction", {"responseIdentifier": RESPONSE,
                                              "shuffle": "false", "maxChoices": "1",
                                              "class": "cs-likert"},
                        *[self.choice("simpleChoice", to_identifier(s["id"]), s)
                          for s in question.data["scale"]])
        return decl, interaction, []

    def _essay(self, question):
        data = question.data
        model = data.get("modelAnswer")
        decl = declaration("single", "string", [model] if model else [],
                           interpretation="model answer" if model else None)
        interaction = E("extendedTextInteraction", {
            "responseIdentifier": RESPONSE, "expectedLength": data.get("maxLength")})
        return decl, interaction, []

    def _fill(self, question):
        data = question.data
        scale = self.scale(question.points)
        mapping = [(a, scale) for a in data["answers"]]
        mapping += [(p["text"], p["weight"] / 100 * scale) for p in data.get("partial") or []]
        decl = declaration("single", "string", [data["answers"][0]], mapping,
                           case_sensitive=bool(data.get("caseSensitive")))
        keep = "cs-keep-spaces" if data.get("normaliseSpace") is False else None
        interaction = E("textEntryInteraction", {"responseIdentifier": RESPONSE,
                                                 "class": keep})
        return decl, interaction, [mapped_score()]

    def _numeric(self, question):
        data = question.data
        scale = self.scale(question.points)
        if data.get("value") is not None:
            correct = number(data["value"])
            main = self._near(data["value"], data.get("tolerance") or 0)
        else:
            correct = number((data["min"] + data["max"]) / 2)
            main = E("and", None,
                     E("gte", None, var(RESPONSE), base("float", number(data["min"]))),
                     E("lte", None, var(RESPONSE), base("float", number(data["max"]))))
        decl = declaration("single", "float", [correct])
        rules = [E("responseCondition", None,
                   E("responseIf", None, E("isNull", None, var(RESPONSE)), zero()),
                   E("responseElseIf", None, main, full()),
                   E("responseElse", None, zero()))]
        for part in data.get("partial") or []:
            worth = number(part["weight"] / 100 * scale)
            rules.append(E("responseCondition", None, E("responseIf", None, E(
                "and", None, E("not", None, E("isNull", None, var(RESPONSE))),
                self._near(part["value"], part.get("tolerance") or 0),
                E("lt", None, var(SCORE), base("float", worth))),
                set_outcome(SCORE, base("float", worth)))))
        interaction = E("textEntryInteraction", {"responseIdentifier": RESPONSE})
        return decl, interaction, rules

    def _near(self, value: float, tolerance: float) -> etree._Element:
        if tolerance:
            return E("equal", {"toleranceMode": "absolute", "tolerance": number(tolerance)},
                     var(RESPONSE), base("float", number(value)))
        return E("equal", {"toleranceMode": "exact"}, var(RESPONSE),
                 base("float", number(value)))

    def _pairs_scoring(self, question, pairs: list[str]):
        """(mapping or None, rules) for pair answers: per-item credit or all-or-nothing."""
        if question.data.get("scoring") in ("per-item",):
            share = self.scale(question.points) / len(pairs)
            return [(p, share) for p in pairs], [mapped_score()]
        return None, [matched_score()]

    def _matching(self, question):
        pairs = question.data["pairs"]
        keys = [to_identifier(p["id"]) for p in pairs]
        correct = [f"L_{k} R_{k}" for k in keys]
        mapping, rules = self._pairs_scoring(question, correct)
        decl = declaration("multiple", "directedPair", correct, mapping,
                           upper=self.scale(question.points) if mapping else None)
        lefts = [self.choice("simpleAssociableChoice", f"L_{k}", p, "left", matchMax=1)
                 for k, p in zip(keys, pairs, strict=True)]
        rights = [self.choice("simpleAssociableChoice", f"R_{k}", p, "right",
                              matchMax=len(pairs)) for k, p in zip(keys, pairs, strict=True)]
        interaction = E("matchInteraction", {"responseIdentifier": RESPONSE,
                                             "shuffle": "true", "maxAssociations": len(pairs),
                                             "class": self._scoring_class(question)},
                        E("simpleMatchSet", None, *lefts), E("simpleMatchSet", None, *rights))
        return decl, interaction, rules

    def _dragdrop(self, question):
        data = question.data
        items, categories = data["items"], data["categories"]
        correct = [f"I_{to_identifier(i['id'])} C_{to_identifier(i['category'])}"
                   for i in items]
        mapping, rules = self._pairs_scoring(question, correct)
        decl = declaration("multiple", "directedPair", correct, mapping,
                           upper=self.scale(question.points) if mapping else None)
        sources = [self.choice("simpleAssociableChoice", f"I_{to_identifier(i['id'])}", i,
                               matchMax=1) for i in items]
        targets = [self.choice("simpleAssociableChoice", f"C_{to_identifier(c['id'])}", c,
                               matchMax=0) for c in categories]
        interaction = E("matchInteraction", {
            "responseIdentifier": RESPONSE, "shuffle": "false", "maxAssociations": len(items),
            "class": self._scoring_class(question, "cs-dragdrop")},
            E("simpleMatchSet", None, *sources), E("simpleMatchSet", None, *targets))
        return decl, interaction, rules

    def _sequencing(self, question):
        items = question.data["items"]
        keys = [to_identifier(i["id"]) for i in items]
        decl = declaration("ordered", "identifier", keys)
        if question.data.get("scoring") == "per-item":
            share = number(self.scale(question.points) / len(keys))
            rules = [if_null_zero([zero()])]
            for position, key in enumerate(keys, start=1):
                rules.append(E("responseCondition", None, E(
                    "responseIf", None,
                    E("match", None, E("index", {"n": position}, var(RESPONSE)),
                      base("identifier", key)),
                    set_outcome(SCORE, E("sum", None, var(SCORE), base("float", share))))))
        else:
            rules = [matched_score()]
        interaction = E("orderInteraction", {"responseIdentifier": RESPONSE,
                                             "shuffle": "true",
                                             "class": self._scoring_class(question)},
                        *[self.choice("simpleChoice", k, i)
                          for k, i in zip(keys, items, strict=True)])
        return decl, interaction, rules

    def _hotspot(self, question):
        data = question.data
        regions = data["regions"]
        keys = [to_identifier(r["id"]) for r in regions]
        right = [k for k, r in zip(keys, regions, strict=True) if r.get("correct")]
        mapping = None
        scale = self.scale(question.points)
        if data.get("scoring") == "partial":
            share = scale / len(right)
            mapping = [(k, share if k in right else -share) for k in keys]
        decl = declaration("multiple", "identifier", right, mapping,
                           upper=scale if mapping else None)
        picture = self.media(data["image"]) if data.get("image") else None
        if picture is None or picture.kind != "image":
            raise ExportError(f"The hotspot question '{item_title(question)}' has no "
                              "picture; choose one before exporting it.")
        # Coordinates are pixels of the picture; percent when its size cannot be read (SVG).
        width, height = picture.size or (100, 100)
        unit = "" if picture.size else "%"
        size = {"width": width, "height": height} if picture.size else {}
        alt = data.get("imageAlt") or ""
        if self.version == QTI30:
            shown = E("img", {"src": picture.href, "alt": alt, **size})
        else:
            shown = E("object", {"data": picture.href, "type": picture.mime, **size},
                      text=alt or None)
        spots = [E("hotspotChoice", {"identifier": k, "shape": SHAPES[r["shape"]],
                                     "coords": pixel_coords(r["shape"], r["coords"], width,
                                                            height, unit),
                                     "hotspotLabel": r["label"]})
                 for k, r in zip(keys, regions, strict=True)]
        interaction = E("hotspotInteraction", {
            "responseIdentifier": RESPONSE, "maxChoices": 1 if len(right) == 1 else 0,
            "class": self._scoring_class(question)}, shown, *spots)
        return decl, interaction, [mapped_score() if mapping else matched_score()]
