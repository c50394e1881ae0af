"""Reading graphic QTI interactions as hotspot questions: hotspotInteraction regions, and
selectPointInteraction areas scored by map_response_point (QTI 2.1 §3.6.12 / §5.2)."""

from __future__ import annotations

import io

from lxml import etree

from studio.quiz.qti_build import SHAPES
from studio.quiz.qti_read_parts import Skip, fractions
from studio.quiz.qti_xml import from_identifier

_QTI_SHAPES = {v: k for k, v in SHAPES.items()}


class GraphicReading:
    """The hotspot part of :class:`studio.quiz.qti_read_item.ItemReader` (which gives
    ``interaction``, ``decl``, ``context``, ``note``, ``text``, ``media_of`` and ``_mode``)."""

    def _picture(self) -> tuple[dict, tuple[int, int]]:
        """({"media", "mediaAlt"}, (width, height) in pixels) of a graphic interaction."""
        picture = self.interaction.find("object")
        if picture is None:
            picture = self.interaction.find("img")
        image = self.media_of(picture, "hotspot", "the hotspot picture") \
            if picture is not None else {}
        return image, self._size(picture, image.get("media"))

    def _hotspot_data(self, image: dict, regions: list[dict], mode: str | None) -> dict:
        data = {"image": image.get("media"), "regions": regions}
        if image.get("mediaAlt"):
            data["imageAlt"] = image["mediaAlt"]
        if mode:
            data["scoring"] = mode
        return data

    def _hotspotInteraction(self) -> tuple[str, dict]:
        image, size = self._picture()
        regions = []
        right = set(self.decl.correct) or {k for k, v in self.decl.mapping.items() if v > 0}
        for n, spot in enumerate(self.interaction.iter("hotspotChoice"), start=1):
            key = spot.get("identifier", "")
            shape = _QTI_SHAPES.get(spot.get("shape", ""))
            if shape is None:
                self.note(f"region {key}: the shape {spot.get('shape')} is not kept")
                continue
            regions.append({"id": from_identifier(key),
                            "label": spot.get("hotspotLabel") or self.text(spot)
                            or f"Region {n}", "shape": shape,
                            "coords": fractions(shape, spot.get("coords", ""), size),
                            "correct": key in right})
        mode = self._mode("hotspot", "partial" if self.decl.mapping else None)
        return "hotspot", self._hotspot_data(image, regions, mode)

    def _selectPointInteraction(self) -> tuple[str, dict]:
        """Points scored by an area mapping (map_response_point) become picks of regions."""
        if not self.decl.areas:
            raise Skip("its point answer has no mapped areas to become regions")
        image, size = self._picture()
        regions = []
        for n, (qti_shape, coords, worth) in enumerate(self.decl.areas, start=1):
            shape = _QTI_SHAPES.get(qti_shape)
            if shape is None:
                self.note(f"area {n}: the shape {qti_shape} is not kept")
                continue
            regions.append({"id": f"r{n}", "label": f"Area {n}", "shape": shape,
                            "coords": fractions(shape, coords, size), "correct": worth > 0})
        self.note("its points are read as picks of the mapped areas")
        several = sum(r["correct"] for r in regions) > 1
        return "hotspot", self._hotspot_data(image, regions, "partial" if several else None)

    def _size(self, picture: etree._Element | None, path: str | None) -> tuple[int, int]:
        if picture is not None and (picture.get("width") or "").isdigit() \
                and (picture.get("height") or "").isdigit():
            return int(picture.get("width")), int(picture.get("height"))
        data = self.context.files.get(path or "")
        if data:
            from PIL import Image, UnidentifiedImageError  # noqa: PLC0415
            try:
                with Image.open(io.BytesIO(data)) as shown:
                    return shown.size
            except (UnidentifiedImageError, OSError, ValueError):
                pass
        raise Skip("its picture's size is not known, so its regions cannot be placed")
