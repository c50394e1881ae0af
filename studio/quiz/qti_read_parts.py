"""Parts of a QTI item the reader takes apart: the response declaration, numbers and
weights, region coordinates, and the numeric answer in response rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from studio.quiz.qti_build import MAXSCORE, SCORE


class Skip(Exception):
    """The item cannot become a question; the message says why."""


@dataclass
class Declaration:
    """A responseDeclaration: correct values in order, mapping entries in order."""
    cardinality: str = "single"
    base_type: str = "identifier"
    correct: list[str] = field(default_factory=list)
    mapping: dict[str, float] = field(default_factory=dict)
    case_sensitive: list[bool] = field(default_factory=list)
    areas: list[tuple[str, str, float]] = field(default_factory=list)  # shape, coords, value
    upper: float | None = None  # the mapping's upperBound

    @classmethod
    def read(cls, elem: etree._Element | None) -> Declaration:
        """The declaration ``elem`` holds (an empty one for None)."""
        if elem is None:
            return cls()
        out = cls(elem.get("cardinality", "single"), elem.get("baseType", "identifier"))
        out.correct = [(v.text or "") for v in elem.findall("correctResponse/value")]
        mapping = elem.find("mapping")
        if mapping is not None and mapping.get("upperBound"):
            out.upper = float_of(mapping.get("upperBound"))
        for entry in elem.findall("mapping/mapEntry"):
            out.mapping[entry.get("mapKey", "")] = float_of(entry.get("mappedValue"))
            out.case_sensitive.append(entry.get("caseSensitive", "false") == "true")
        for area in elem.findall("areaMapping/areaMapEntry"):
            out.areas.append((area.get("shape", ""), area.get("coords", ""),
                              float_of(area.get("mappedValue"))))
        return out


def float_of(text: str | None) -> float:
    """``text`` as a float; 0.0 when it is missing or not a number."""
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def percent(value: float) -> float | int:
    """A share read back as percent, rounded to 10 significant digits (so the weights the
    writer turned into points come back as they were)."""
    out = float(f"{value * 100:.10g}")
    return int(out) if out.is_integer() else out


def number_of(text: str) -> float | int:
    """``text`` as an int when it is whole, else a float. Raises ValueError."""
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def fractions(shape: str, coords: str, size: tuple[int, int]) -> list[float]:
    """QTI ``coords`` (pixels, or percent with ``%``) as fractions of the picture: rect
    ``[x, y, w, h]``, circle ``[cx, cy, r]`` (r of the width), polygon ``[x1, y1, ...]``."""
    raw = [c.strip() for c in coords.split(",") if c.strip()]
    width, height = (100, 100) if any(r.endswith("%") for r in raw) else size
    values = [float(r.rstrip("%")) for r in raw]
    if shape == "rect" and len(values) == 4:
        x1, y1, x2, y2 = values
        return [x1 / width, y1 / height, (x2 - x1) / width, (y2 - y1) / height]
    if shape == "circle" and len(values) == 3:
        return [values[0] / width, values[1] / height, values[2] / width]
    return [v / (height if i % 2 else width) for i, v in enumerate(values)]


class NumericRules:
    """The main answer and partial answers of a numeric item from its rules: the first
    condition that gives points without a ``lt(SCORE, ...)`` guard (``equal`` with its
    tolerance, against a value or the correct response, or ``gte``/``lte``) is the answer;
    guarded ones raise SCORE to part of the points (partial answers)."""

    def __init__(self, rules: etree._Element, scale: float, correct: list[str]):
        self.rules, self.scale, self.correct = rules, scale, correct

    def read(self) -> dict | None:
        """{"value", "tolerance"} or {"min", "max"}, with "partial" when there are partial
        answers; None when the rules give no answer this reader knows."""
        main, partial = None, []
        for branch in self.rules.iter("responseIf", "responseElseIf"):
            test = branch[0] if len(branch) else None
            setter = branch.find("setOutcomeValue")
            if test is None or setter is None or setter.get("identifier") != SCORE \
                    or not len(setter):
                continue
            answer, worth = self._answer(test), setter[0]
            if answer is None:
                continue
            guarded = any(lt.find("variable[@identifier='SCORE']") is not None
                          for lt in test.iter("lt"))
            if guarded and worth.tag == "baseValue" and "value" in answer:
                partial.append({**answer, "weight": percent(float_of(worth.text) / self.scale)})
            elif main is None and not guarded and (
                    (worth.tag == "variable" and worth.get("identifier") == MAXSCORE)
                    or (worth.tag == "baseValue" and float_of(worth.text) > 0)):
                main = answer
        if main is None:
            return None
        return {**main, **({"partial": partial} if partial else {})}

    def _answer(self, test: etree._Element) -> dict | None:
        for equal in test.iter("equal"):
            operand = next((e for e in equal if e.tag in ("baseValue", "correct")), None)
            if operand is None:
                continue
            text = operand.text if operand.tag == "baseValue" else (self.correct or [""])[0]
            try:
                value = number_of(text or "")
            except ValueError:
                return None
            mode = equal.get("toleranceMode", "exact")
            tolerance = [float_of(t) for t in equal.get("tolerance", "0").split()] or [0.0]
            if mode == "relative":
                tolerance = [abs(value) * t / 100 for t in tolerance]
            return {"value": value,
                    "tolerance": 0 if mode == "exact" else number_of(repr(max(tolerance)))}
        if test.tag == "and":
            low, high = test.find("gte/baseValue"), test.find("lte/baseValue")
            if low is not None and high is not None:
                return {"min": number_of(low.text or "0"), "max": number_of(high.text or "0")}
        return None
