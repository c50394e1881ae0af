"""A build's write phase: each spec node made or merged into the node it made before, what
left the spec removed (or kept when a person edited it), and the outline put in the spec's
order around what a person added. Runs inside the build's one undo step
(:mod:`studio.media.build`)."""

from __future__ import annotations

from collections import Counter

from studio import commands
from studio.errors import ImportFileError
from studio.item_kinds import settings_of
from studio.jobs import CancelToken, Progress
from studio.media.build_map import (
    COURSE_ROW,
    Entry,
    Merge,
    children_of,
    deck_slides,
    has_children,
    node_digest,
    write_map,
)
from studio.media.build_sources import (
    Sources,
    check_trim,
    course_values,
    encoding_advice,
    item_key,
    item_values,
    lesson_key,
    module_key,
)
from studio.media.caption_encoding import CaptionEncodingError
from studio.media.clip_captions import import_captions
from studio.media.pptx_import import keep_followers
from studio.model import Course, Item, VideoClip, resolution_text
from studio.spec.model import CourseSpec, ItemSpec
from studio.store import Project

END = 1e-3  # seconds: an out point this close to the source's end is "to the end"


class Builder:
    """Applies a spec to an open project (see the module); ``counts``, ``notes`` and
    ``merge.conflicts`` are what the report says."""

    def __init__(self, project: Project, spec: CourseSpec, stored: dict[str, Entry],
                 sources: Sources, token: CancelToken):
        self.project, self.spec, self.stored = project, spec, stored
        self.sources, self.token = sources, token
        self.first = not stored
        self.merge = Merge()
        self.notes: list[str] = []
        self.counts: Counter = Counter(added=0, updated=0, removed=0, kept=0)
        self.after: dict[str, Entry] = {}
        self.items: set[str] = set()  # the keys of the items made or merged, decks aside

    # ---- what changed ------------------------------------------------------------------
    def changed(self) -> bool:
        """Whether the spec or a source differs from what the last build made from it."""
        wanted = {COURSE_ROW: course_values(self.spec)}
        for module in self.spec.modules:
            wanted[module_key(module)] = {"title": module.title}
            for lesson in module.lessons:
                wanted[lesson_key(module, lesson)] = {"title": lesson.title}
                for item in lesson.items:
                    wanted[item_key(module, lesson, item)] = item_values(item, self.sources)
        if list(wanted) != self.stored[COURSE_ROW].base.get("order"):
            return True  # a node added, removed or moved
        return any(self.stored[key].base.get("values") != values
                   for key, values in wanted.items())

    # ---- the write phase ---------------------------------------------------------------
    def run(self, progress: Progress) -> None:
        """Write every node (inside the caller's undo step); :meth:`finish` stores the map."""
        course = self.project.course()
        self._course(course)
        items = self.spec.items()
        done = 0
        module_ids, lesson_orders = [], {}
        for module in self.spec.modules:
            key = module_key(module)
            module_id = self._node(key, "module", {"title": module.title},
                                   lambda m=module: commands.add_module(self.project, m.title))
            module_ids.append(module_id)
            lesson_ids = []
            for lesson in module.lessons:
                lkey = lesson_key(module, lesson)
                lesson_id = self._node(lkey, "lesson", {"title": lesson.title},
                                       lambda m=module_id, t=lesson.title:
                                       commands.add_lesson(self.project, m, t))
                lesson_ids.append(lesson_id)
                made: list[str] = []
                for item in lesson.items:
                    self.token.check()
                    progress(done / max(1, len(items)), f"Building {item.path.name}")
                    made += self._item(item_key(module, lesson, item), lesson_id, item)
                    done += 1
                lesson_orders[lesson_id] = made
            self._order_children("lessons", module_id, lesson_ids)
        self._remove_gone()
        for lesson_id, made in lesson_orders.items():
            self._order_items(lesson_id, made)
        self._order_children("modules", None, module_ids)

    def finish(self, builds: int) -> None:
        """Store the build map: each node's digest as it is now (after narration) and this
        build's number ``builds``."""
        for key, entry in self.after.items():
            if key != COURSE_ROW:
                entry.base["digests"] = {node: node_digest(self.project, node)
                                         for node in _nodes(entry)}
            if key in self.items:  # the base of what the spec leaves out
                entry.base["found"] = self._ours(entry.node_id)
        self.after[COURSE_ROW].base["found"] = self._course_ours(self.project.course())
        self.after[COURSE_ROW].base["builds"] = builds
        self.after[COURSE_ROW].base["spec"] = str(self.spec.source.absolute())
        self.after[COURSE_ROW].base["order"] = list(self.after)  # every key, in course order
        write_map(self.project, self.stored, self.after)

    def _course(self, course: Course) -> None:
        theirs = course_values(self.spec)
        ours = self._course_ours(course)
        base = self._base(COURSE_ROW)
        changes = {name: value for name, value in theirs.items()
                   if self.merge.take("course", name, base.get(name), ours[name], value,
                                      self.first)}
        if changes:
            commands.set_course(self.project, **changes)
        self.after[COURSE_ROW] = Entry(None, {"values": theirs})

    @staticmethod
    def _course_ours(course: Course) -> dict:
        return {"title": course.title, "language": course.language,
                "description": course.description,
                "resolution": resolution_text(course.settings.resolution),
                "completion": course.tracking.completion.value,
                "completion_threshold": course.tracking.completion_threshold,
                "mastery_score": course.tracking.mastery_score}

    def _base(self, key: str, item_id: str | None = None) -> dict:
        """The merge base of a node: the values the spec gave at the last build, and for a
        field it left out, the value the build found in the project (a setting added to the
        spec later is then no conflict unless a person changed it since); a map stored
        before ``found`` takes an item unchanged since (same digest) as found."""
        entry = self.stored.get(key)
        if entry is None:
            return {}
        given, found = entry.base.get("values", {}), entry.base.get("found", {})
        if "found" not in entry.base and item_id and entry.base.get("digests", {}).get(
                item_id) == node_digest(self.project, item_id):
            found = self._ours(item_id)
        base = {**found, **given}
        if isinstance(found.get("settings"), dict):
            base["settings"] = {**found["settings"], **given.get("settings", {})}
        return base

    def _existing(self, key: str, table: str) -> str | None:
        entry = self.stored.get(key)
        if entry is None or entry.node_id is None:
            return None
        found = self.project.conn.execute(f"SELECT 1 FROM [{table}] WHERE id = ?",
                                          (entry.node_id,)).fetchone()
        return entry.node_id if found else None

    def _node(self, key: str, what: str, theirs: dict, make) -> str:
        """A module or lesson: made, or its title merged."""
        node_id = self._existing(key, f"{what}s")
        if node_id is None:
            node_id = make()
            self.counts["added"] += 1
        else:
            ours = self.project.course().find(node_id).title
            if self.merge.take(f"{what.capitalize()} “{ours}”", "title",
                               self._base(key).get("title"), ours,
                               theirs["title"], False):
                commands.rename(self.project, node_id, theirs["title"])
                self.counts["updated"] += 1
        self.after[key] = Entry(node_id, {"values": theirs})
        return node_id

    def _item(self, key: str, lesson_id: str, item: ItemSpec) -> list[str]:
        """Make or merge one item; returns the item ids it stands for, in order."""
        theirs = item_values(item, self.sources)
        if item.kind == "deck":
            return self._deck(key, lesson_id, item, theirs)
        item_id = self._existing(key, "items")
        new = item_id is None
        if new:
            item_id = self._make(lesson_id, item, theirs)
            self.counts["added"] += 1
        entry = Entry(item_id, {"values": theirs})
        if item.kind == "quiz":
            entry.base["questions"] = self._questions(key, item_id, item, new)
        if self._merge_fields(key, item_id, item, theirs, new) and not new:
            self.counts["updated"] += 1
        self.after[key] = entry
        self.items.add(key)
        return [item_id]

    def _make(self, lesson_id: str, item: ItemSpec, theirs: dict) -> str:
        project, title = self.project, theirs["title"]
        if item.kind in ("video", "audio"):
            return commands.add_video(project, lesson_id, self._asset(item), title=title)
        if item.kind == "image":
            return commands.add_slide(project, lesson_id, title, asset_id=self._asset(item))
        if item.kind == "page":
            return commands.add_page(project, lesson_id, title)
        return commands.add_quiz(project, lesson_id, title)

    def _asset(self, item: ItemSpec) -> str:
        found = self.sources.probed[item.path]
        sha, filename = self.project.store_media(item.path)
        from studio.media.render import asset_info  # noqa: PLC0415 (ffmpeg tooling: on use)

        return commands.add_asset(self.project, sha, filename, item.path.name, found.kind,
                                  item.path.stat().st_size, found.duration, found.width,
                                  found.height, asset_info(item.path, found))

    def _merge_fields(self, key: str, item_id: str, item: ItemSpec, theirs: dict,
                      new: bool) -> bool:
        """Merge each field of a made item; whether any was applied."""
        base, ours = self._base(key, item_id), self._ours(item_id)
        # conflicts name the item as a person sees it: its title now, and its file
        what = f"“{self.project.course().find(item_id).title}” ({item.path.name})"
        applied = False

        def take(name: str) -> bool:
            return self.merge.take(what, name, base.get(name), ours.get(name), theirs[name],
                                   new)

        if "source" in ours and take("source"):
            self._relink(item_id, item)
            applied = True
        if take("title"):
            commands.rename(self.project, item_id, theirs["title"])
            applied = True
        if item.kind in ("video", "audio"):
            applied |= self._clip(what, item_id, item, base, self._ours(item_id), theirs, new)
        for name, value in theirs.get("settings", {}).items():
            if self.merge.take(what, name, base.get("settings", {}).get(name),
                               ours["settings"].get(name), value, new):
                commands.set_item(self.project, item_id, **{name: value})
                applied = True
        if "text" in theirs and take("text"):
            commands.set_item(self.project, item_id, text=theirs["text"])
            applied = True
        if "script" in theirs and take("script"):
            commands.set_script(self.project, item_id, theirs["script"] or None)
            applied = True
        return applied

    def _ours(self, item_id: str) -> dict:
        course = self.project.course()
        node: Item = course.find(item_id)
        asset = course.assets.get(getattr(node, "asset_id", None) or "")
        values: dict = {"title": node.title}
        if asset is not None and node.kind.value in ("video", "slide"):
            values["source"] = asset.sha256
        if isinstance(node, VideoClip):
            values["in"] = node.in_point
            end = asset.duration if asset else None
            values["out"] = None if end is not None and abs(node.out_point - end) < END \
                else node.out_point
            return values
        kind = settings_of(node.kind.value)
        values["settings"] = {s.name: getattr(node, s.attribute) for s in kind.settings}
        if node.kind.value == "page":
            values["text"] = node.text
        if node.kind.value != "quiz":
            values["script"] = node.narration.script(course.language) or ""
        return values

    def _relink(self, item_id: str, item: ItemSpec) -> None:
        asset_id = self._asset(item)
        if item.kind == "image":
            commands.update_slide(self.project, item_id, asset_id=asset_id)
            return
        before = self.project.course().find(item_id)
        after = commands.relink(self.project, item_id, asset_id)
        if after != (before.in_point, before.out_point):
            self.notes.append(f"{before.title}: the trim {before.in_point:g}-"
                              f"{before.out_point:g} s is outside the new {item.path.name}; "
                              f"now {after[0]:g}-{after[1]:g} s")

    def _clip(self, what: str, item_id: str, item: ItemSpec, base: dict, ours: dict,
              theirs: dict, new: bool) -> bool:
        cut_in = self.merge.take(what, "in", base.get("in"), ours["in"], theirs["in"], new)
        cut_out = self.merge.take(what, "out", base.get("out"), ours["out"], theirs["out"],
                                  new)
        if cut_in or cut_out:
            clip = self.project.course().find(item_id)
            length = self.project.course().assets[clip.asset_id].duration
            check_trim(self.spec, item, theirs, length)
            end = length if theirs["out"] is None else theirs["out"]  # None: to the end
            commands.trim(self.project, item_id, theirs["in"] if cut_in else None,
                          end if cut_out else None)
        if theirs["captions"] == base.get("captions"):
            return cut_in or cut_out
        language = self.project.course().language
        for old in base.get("captions", []):
            commands.detach_captions(self.project, item_id, old[1] or language)
        for caption in item.captions:
            try:
                import_captions(self.project, item_id, caption.path,
                                caption.language or language, caption.label or "",
                                caption.encoding)
            except CaptionEncodingError as exc:
                raise ImportFileError(encoding_advice(exc, caption.path, self.spec.root)) from None
        return True

    def _questions(self, key: str, quiz_id: str, item: ItemSpec, new: bool) -> list[str]:
        """The quiz's questions from the file: added when new or the file changed (the
        built ones replaced, a person's own kept); their ids."""
        made = self.stored[key].base.get("questions", []) if not new else []
        parsed = self.sources.questions.get(item.path)
        if parsed is None:
            return made
        from studio.media.quiz_import import add_parsed  # noqa: PLC0415

        present = {row[0] for row in self.project.conn.execute(
            "SELECT id FROM questions WHERE item_id = ?", (quiz_id,))}
        for question_id in made:
            if question_id in present:
                commands.remove_question(self.project, question_id)
        return add_parsed(self.project, quiz_id, item.path, parsed)

    def _deck(self, key: str, lesson_id: str, item: ItemSpec, theirs: dict) -> list[str]:
        prepared = self.sources.decks.get(item.path)
        entry = self.stored.get(key)
        if prepared is not None:
            from studio.media.pptx_import import apply_deck  # noqa: PLC0415

            done = apply_deck(self.project, prepared, lesson_id)
            self.notes += [f"{item.path.name}: {w}" for w in done.warnings]
            self.counts["added" if entry is None else "updated"] += 1
        slides = deck_slides(self.project, lesson_id, item.path.name)
        base = entry.base.get("values", {}).get("scripts", []) if entry else []
        course = self.project.course()
        for number, item_id in enumerate(slides):
            script = theirs["scripts"][number] if number < len(theirs["scripts"]) else ""
            ours = course.find(item_id).narration.script(course.language) or ""
            old = base[number] if number < len(base) else ""
            if self.merge.take(f"{item.path.name} slide {number + 1}", "script", old, ours,
                               script,
                               entry is None):
                commands.set_script(self.project, item_id, script or None)
        if len(theirs["scripts"]) > len(slides):
            self.notes.append(f"{item.path.name}: the narration script has "
                              f"{len(theirs['scripts'])} parts for {len(slides)} slides")
        self.after[key] = Entry(lesson_id, {"values": theirs, "slides": slides})
        return slides

    # ---- removal and order -------------------------------------------------------------
    def _remove_gone(self) -> None:
        """Remove what left the spec, items first; keep (and report) what a person edited
        or what still holds a person's own items."""
        gone = sorted(set(self.stored) - set(self.after) - {COURSE_ROW},
                      key=lambda k: -k.count("/"))
        for key in gone:
            entry = self.stored[key]
            digests = entry.base.get("digests", {})
            edited, holding = [], []
            for node in _nodes(entry):
                if not self.project.course().find(node):
                    continue
                if node_digest(self.project, node) != digests.get(node):
                    edited.append(node)
                elif has_children(self.project, node):
                    holding.append(node)
                else:
                    commands.remove(self.project, node)
            course = self.project.course()
            if edited:
                names = ", ".join(f"“{course.find(node).title}”" for node in edited)
                verb = "was" if len(edited) == 1 else "were"
                self.notes.append(f"{names} left the spec but {verb} edited in the project; "
                                  "kept")
            for node in holding:
                inside = ", ".join(f"“{child.title}”" for child in children_of(course, node))
                self.notes.append(f"“{course.find(node).title}” left the spec; kept for what "
                                  f"it still holds: {inside}")
            self.counts["kept" if edited or holding else "removed"] += 1

    def _order_items(self, lesson_id: str, made: list[str]) -> None:
        current = [row[0] for row in self.project.conn.execute(
            "SELECT id FROM items WHERE lesson_id = ? ORDER BY position, id", (lesson_id,))]
        order = keep_followers(current, set(made), made)
        if order != current:
            commands.order_items(self.project, lesson_id, order)

    def _order_children(self, table: str, parent: str | None, made: list[str]) -> None:
        column = {"lessons": "module_id", "modules": None}[table]
        where = f"WHERE {column} = ?" if column else ""
        current = [row[0] for row in self.project.conn.execute(
            f"SELECT id FROM {table} {where} ORDER BY position, id", (parent,) if column else ())]
        order = keep_followers(current, set(made), made)
        if order != current:
            for index, node_id in enumerate(order):
                commands.move(self.project, node_id, parent, index)


def _nodes(entry: Entry) -> list[str]:
    """The project nodes a map entry stands for: a deck its slides, else its one node."""
    if "slides" in entry.base:
        return list(entry.base["slides"])
    return [entry.node_id] if entry.node_id else []
