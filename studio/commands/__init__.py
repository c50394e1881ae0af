"""Named edit commands: each is one transaction and one undo step, or changes nothing.

The CLI, the window and the tests call these same functions. Each takes the open
:class:`~studio.store.Project` first and addresses things by stable id. A command that
cannot apply raises a :class:`~studio.errors.StudioError` and leaves the project as it was.
"""

from studio.commands._base import derived_ids, new_id
from studio.commands.captions import attach_captions, detach_captions
from studio.commands.content import QUESTION_TYPES, add_asset, add_question, remove_asset
from studio.commands.narration import (
    apply_track,
    remove_glossary_entry,
    remove_track,
    set_glossary_entry,
    set_item_voice,
    set_script,
)
from studio.commands.properties import COURSE_FIELDS, set_course, set_item
from studio.commands.questions import (
    add_questions,
    edit_question,
    move_question,
    remove_question,
    set_feedback,
    set_pool,
)
from studio.commands.slides import (
    add_imported_slide,
    order_items,
    set_picture_alt,
    update_slide,
)
from studio.commands.structure import (
    add_lesson,
    add_module,
    add_page,
    add_quiz,
    add_slide,
    add_video,
    move,
    remove,
    rename,
)
from studio.commands.timeline import (
    add_cue,
    copy_question_to_cue,
    move_cue,
    nudge,
    part_titles,
    relink,
    remove_cue,
    rename_cue,
    set_must_answer,
    split,
    trim,
)
from studio.commands.translation import (
    add_language,
    remove_language,
    set_translation,
    store_translations,
)

__all__ = [
    "COURSE_FIELDS", "QUESTION_TYPES", "add_asset", "add_cue", "add_imported_slide", "add_lesson",
    "add_module",
    "add_page", "add_question", "add_quiz", "add_slide", "add_video", "attach_captions",
    "derived_ids", "detach_captions", "move", "new_id",
    "nudge", "order_items", "remove", "rename", "set_course", "set_item", "split", "trim",
    "update_slide", "set_picture_alt",
    "add_questions", "edit_question", "move_question", "remove_question", "set_feedback",
    "set_pool",
    "remove_asset", "copy_question_to_cue", "move_cue", "part_titles", "relink", "remove_cue",
    "rename_cue", "set_must_answer",
    "apply_track", "remove_glossary_entry", "remove_track", "set_glossary_entry",
    "set_item_voice", "set_script",
    "add_language", "remove_language", "set_translation", "store_translations",
]
