"""`studio alt DIR ITEM [N "text" | N --decorative]`: list a deck slide's pictures, or
describe one for screen readers, or mark it decorative."""

from __future__ import annotations

from studio.cli.output import say
from studio.errors import InvalidEditError, NotFoundError, StudioError


def add_alt_parser(add) -> None:
    """The `alt` subcommand's grammar, on the parser's ``add`` helper."""
    p = add("alt", "List a deck slide's pictures, or describe picture N for screen readers "
            "(or mark it --decorative).", cmd_alt)
    p.add_argument("item", metavar="ITEM_ID", help="the slide")
    p.add_argument("index", metavar="N", type=int, nargs="?",
                   help="the picture's number, as the list shows it (1 = first)")
    p.add_argument("text", metavar="TEXT", nargs="?", help="what the picture shows")
    p.add_argument("--decorative", action="store_true",
                   help="mark the picture decorative: screen readers pass over it")


def cmd_alt(args) -> None:
    from studio.commands import set_picture_alt
    from studio.model import Slide
    from studio.store import Project

    with Project.open(args.dir) as project:
        slide = project.course().find(args.item)
        if not isinstance(slide, Slide):
            raise NotFoundError(f"There is no slide {args.item}.")
        if args.index is None:
            if args.text is not None or args.decorative:
                raise StudioError("Say which picture: studio alt DIR ITEM N \"text\".")
            _list(slide)
            return
        if args.decorative == (args.text is not None):
            raise InvalidEditError("Give the picture's description, or --decorative (not "
                                   "both).")
        set_picture_alt(project, slide.id, args.index - 1, args.text or "", args.decorative)
    say(f"Picture {args.index} of {slide.title}: "
        + ("decorative" if args.decorative else "described"))


def _list(slide) -> None:
    if slide.pictures is None:
        print(f"The pictures of {slide.title} are not known: re-import its deck to read them.")
        return
    if not slide.pictures:
        print(f"{slide.title} has no pictures.")
        return
    for number, picture in enumerate(slide.pictures, start=1):
        state = "decorative" if picture.decorative else (
            repr(picture.alt) if picture.alt else "NO DESCRIPTION")
        print(f"{number}. {picture.name or 'Picture'}: {state}")
