"""Each item kind's settings, declared once: name, type, default, allowed values and labels.

An item's settings are stored in its row's ``props`` JSON under the names given here. The
model takes its field defaults from these tables, the loader reads props through them, the
commands check edits with them and the inspector builds its fields from them. A setting
added to a kind's table is read, checked and shown everywhere without further edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.errors import InvalidEditError

# The types a setting can have; each decides how a value is checked and which field shows it.
NUMBER = "number"  # float within [low, high]
INTEGER = "integer"  # int within [low, high]
SWITCH = "switch"  # bool
CHOICE = "choice"  # one of ``choices``
TEXT = "text"  # free text, several lines
ASSET = "asset"  # the id of one of the project's assets, or None


def check_number(value: object, what: str, low: float, high: float) -> float:
    """``value`` as a float within [low, high].

    Raises :class:`InvalidEditError` naming ``what`` when it is not a number or out of range.
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidEditError(f"{what} must be a number.") from None
    if not low <= number <= high:
        raise InvalidEditError(f"{what} must be between {low:g} and {high:g}.")
    return number


@dataclass(frozen=True)
class Setting:
    """One setting of an item kind.

    ``name`` is its key in the item's props; ``field`` the model attribute when it is named
    otherwise. ``title`` names it in error messages; ``label`` in the inspector ("" keeps it
    out of the inspector). ``optional`` numbers also take None (stored for 0 or None);
    ``none_label`` is what the inspector shows for the lowest value (0 or None); ``unit`` the
    inspector's suffix and ``step`` its increment.
    """

    name: str
    type: str
    default: object
    title: str = ""
    label: str = ""
    low: float = 0.0
    high: float = 0.0
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    optional: bool = False
    none_label: str = ""
    unit: str = ""
    step: float = 1.0
    field: str = ""

    @property
    def attribute(self) -> str:
        """The model attribute that holds this setting."""
        return self.field or self.name

    def check(self, value: object) -> object:
        """``value`` as stored for this setting (float, int, bool, str or None).

        Raises :class:`InvalidEditError` when it is not a number, out of [low, high] or not
        one of the choices.
        """
        if self.type in (NUMBER, INTEGER):
            if self.optional and value in (None, 0):
                return None
            number = check_number(value, self.title, self.low, self.high)
            return int(number) if self.type == INTEGER else number
        if self.type == SWITCH:
            return bool(value)
        if self.type == CHOICE:
            allowed = [stored for stored, _label in self.choices]
            if value not in allowed:
                raise InvalidEditError(
                    f"{self.title} must be {', '.join(allowed[:-1])} or {allowed[-1]}.")
            return value
        if self.type == ASSET:
            return None if value is None else str(value)
        return str(value)


@dataclass(frozen=True)
class KindSettings:
    """The settings of one item kind, in the order the inspector shows them."""

    kind: str  # the item kind, as :class:`studio.model.ItemKind` spells it
    settings: tuple[Setting, ...] = ()

    def __getitem__(self, name: str) -> Setting:
        """The setting stored as ``name``; KeyError if the kind has none."""
        for setting in self.settings:
            if setting.name == name:
                return setting
        raise KeyError(name)

    def names(self) -> list[str]:
        """The props keys of this kind's settings, in table order."""
        return [s.name for s in self.settings]

    def read(self, props: dict) -> dict:
        """Model field values from an item's props: ``{attribute: value}``, defaults filled."""
        return {s.attribute: props.get(s.name, s.default) for s in self.settings}

    def apply(self, props: dict, values: dict) -> dict:
        """New props: ``props`` with defaults filled in and ``values`` checked and set.

        Raises :class:`InvalidEditError` for a name the kind has no setting for, or a value
        :meth:`Setting.check` refuses.
        """
        unknown = set(values) - set(self.names())
        if unknown:
            raise InvalidEditError(f"A {self.kind} has no setting {', '.join(sorted(unknown))}.")
        out = {**{s.name: s.default for s in self.settings}, **props}
        for name, value in values.items():
            out[name] = self[name].check(value)
        return out


# a clip's in/out, cues and captions have commands of their own
VIDEO = KindSettings("video", (
    # what is shown that the soundtrack does not say (audio description notes, WCAG 1.2.3)
    Setting("description", TEXT, "", "Description", "Description"),
))

SLIDE = KindSettings("slide", (
    Setting("duration", NUMBER, 5.0, "Slide duration", "Shown for", low=0.1, high=24 * 3600,
            unit=" s", step=0.1, field="slide_duration"),  # seconds
    Setting("text", TEXT, "", "Text", "Text"),
    Setting("notes", TEXT, "", "Notes", "Notes"),
    Setting("narration_asset_id", ASSET, None, "Narration"),
))

QUIZ = KindSettings("quiz", (
    Setting("pass_mark", NUMBER, 70.0, "Pass mark", "Pass mark", low=0, high=100, unit=" %"),
    Setting("attempts", INTEGER, 0, "Attempts", "Attempts", low=0, high=1000,
            none_label="unlimited"),
    Setting("shuffle", SWITCH, True, "Shuffle", "Shuffle questions and choices"),
    Setting("draw", INTEGER, None, "Draw", "Questions drawn", low=1, high=10000,
            optional=True, none_label="all"),  # questions drawn from the bank per attempt
    Setting("show_answers", CHOICE, "after_pass", "Show answers", "Show answers",
            choices=(("always", "Always"), ("after_pass", "After passing"),
                     ("never", "Never"))),
    Setting("weight", NUMBER, 1.0, "Weight", low=0, high=1000),  # in the course's score
))

PAGE = KindSettings("page", (
    # light markup: '# ' heading, '- ' / '1. ' list items, blank-line paragraphs
    Setting("text", TEXT, "", "Text", "Text"),
    Setting("narration_asset_id", ASSET, None, "Narration"),  # the page read aloud
))

KINDS: dict[str, KindSettings] = {k.kind: k for k in (VIDEO, SLIDE, QUIZ, PAGE)}


def settings_of(kind: str) -> KindSettings:
    """The settings table of an item kind ('video', 'slide', 'quiz', 'page').

    Raises :class:`InvalidEditError` for an unknown kind.
    """
    try:
        return KINDS[kind]
    except KeyError:
        raise InvalidEditError(f"There is no item kind {kind}.") from None
