"""What a slide holds that the studio cannot read: charts, SmartArt, OLE objects, ink, 3D
models, SVG-only pictures, and content kept for newer PowerPoint versions.

python-pptx walks only the shapes it knows (ECMA-376 Part 1 §19.3.1.43, spTree) and passes
over ``mc:AlternateContent`` (Part 3 §10.2.1) without a word; these are found here in the
slide's XML, so an import can say, once per kind, what it left out.
"""

from __future__ import annotations

from lxml import etree

NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_SVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"

# a:graphicData@uri (ECMA-376 Part 1 §20.1.2.2.17) -> the kind of thing it holds
GRAPHIC_KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/table": None,  # read as a table
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt graphic",
    "http://schemas.openxmlformats.org/presentationml/2006/ole": "OLE object",
    "http://schemas.microsoft.com/office/drawing/2017/model3d": "3D model",
    "http://schemas.microsoft.com/office/drawing/2016/ink": "ink drawing",
}
OTHER_GRAPHIC = "embedded object"
NEWER_CONTENT = "object made for a newer PowerPoint"
UNREADABLE_SHAPE = "shape that could not be read"
SVG_PICTURE = "SVG picture"
# Singular -> plural, in the order notices are given.
KINDS = {
    "chart": "charts",
    "SmartArt graphic": "SmartArt graphics",
    "OLE object": "OLE objects",
    "ink drawing": "ink drawings",
    "3D model": "3D models",
    SVG_PICTURE: "SVG pictures",
    OTHER_GRAPHIC: "embedded objects",
    NEWER_CONTENT: "objects made for newer PowerPoint versions",
    UNREADABLE_SHAPE: "shapes that could not be read",
}


def readable_shapes(shapes) -> list:
    """The python-pptx shapes of a shape collection (``slide.shapes``, ``group.shapes``) that
    python-pptx can make an object of, in document order.

    python-pptx iterates a collection all or nothing: one element it has no class for (a
    ``p:contentPart`` holding ink, ECMA-376 Part 1 §19.3.1.14) ends the whole iteration with
    an AttributeError. Here such an element is passed over instead; :func:`unread_objects`
    names it. Never raises.
    """
    found = []
    for element in shapes._spTree.iter_shape_elms():
        try:
            found.append(shapes._shape_factory(element))
        except AttributeError:
            continue
    return found


def placeholder_kind(shape) -> str | None:
    """The placeholder type of a shape (ECMA-376 Part 1 §19.3.1.36: 'title', 'body', ...;
    'obj' when the type is left out), or None when the shape is no placeholder."""
    properties = next((c for c in shape._element if isinstance(c.tag, str)), None)
    found = properties.find(f"{{{NS_P}}}nvPr/{{{NS_P}}}ph") if properties is not None else None
    return None if found is None else found.get("type", "obj")


def title_shape(slide):
    """The slide's title placeholder (type title or ctrTitle, ECMA-376 Part 1 §19.7.10), or
    None; unlike python-pptx's ``shapes.title`` it never raises on unclassified elements."""
    for shape in readable_shapes(slide.shapes):
        if placeholder_kind(shape) in ("title", "ctrTitle"):
            return shape
    return None


def unread_objects(slide) -> list[str]:
    """One kind name (a key of :data:`KINDS`) per object on a python-pptx ``slide`` whose
    content is not read, in document order; [] for a slide read whole. Never raises."""
    tree = slide._element.find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree")
    found: list[str] = []
    if tree is not None:
        _walk(tree, slide.part, found)
    return found


def _walk(container, part, found: list[str]) -> None:
    for element in container:
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local == "grpSp":
            _walk(element, part, found)
        elif local == "AlternateContent" and etree.QName(element).namespace == NS_MC:
            found.append(_alternate(element))
        elif local == "graphicFrame":
            kind = _graphic_kind(element)
            if kind:
                found.append(kind)
        elif local == "contentPart":
            found.append("ink drawing")
        elif local == "pic" and _svg_only(element, part):
            found.append(SVG_PICTURE)


def _alternate(element) -> str:
    """python-pptx skips the whole block; its first choice says what the author put there."""
    choice = element.find(f"{{{NS_MC}}}Choice")
    if choice is None:
        return NEWER_CONTENT
    for inner in choice.iter(etree.Element):
        local = etree.QName(inner).localname
        if local == "contentPart":
            return "ink drawing"
        if local == "graphicFrame":
            return _graphic_kind(inner) or NEWER_CONTENT
    return NEWER_CONTENT


def _graphic_kind(frame) -> str | None:
    data = frame.find(f".//{{{NS_A}}}graphicData")
    uri = data.get("uri", "") if data is not None else ""
    return GRAPHIC_KINDS.get(uri, OTHER_GRAPHIC)


def _svg_only(pic, part) -> bool:
    """A picture whose only image is an SVG (no raster copy beside it) cannot be drawn."""
    blip = pic.find(f".//{{{NS_A}}}blip")
    if blip is None:
        return False
    embed = blip.get(f"{{{NS_R}}}embed")
    if embed is None:
        return blip.find(f".//{{{NS_SVG}}}svgBlip") is not None
    try:
        return part.related_part(embed).content_type == "image/svg+xml"
    except (KeyError, AttributeError):
        return False


def notices(slides: list[tuple[int, tuple[str, ...]]], drawn_elsewhere: bool) -> list[str]:
    """One notice per kind of unread object over a deck: ``slides`` pairs a slide number with
    its :func:`unread_objects`; ``drawn_elsewhere`` says the slide pictures come from a
    renderer (LibreOffice) that draws what the studio could not read."""
    where: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for number, kinds in slides:
        for kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
            if number not in where.setdefault(kind, []):
                where[kind].append(number)
    picture = ("they are still in the slide pictures" if drawn_elsewhere
               else "the slide pictures leave them out")
    result = []
    for kind, plural in KINDS.items():
        if kind not in counts:
            continue
        count = counts[kind]
        numbers = where[kind]
        on = (f"slide {numbers[0]}" if len(numbers) == 1
              else "slides " + ", ".join(str(n) for n in numbers))
        noun = kind if count == 1 else plural
        result.append(f"{count} {noun} on {on} could not be read: their text is not in the "
                      f"slide text and {picture}.")
    return result
