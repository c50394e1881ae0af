"""H.264 parameter sets and NAL units, as far as joining re-encoded and copied pictures needs.

Reads the sequence parameter set fields that decide whether two streams can follow each other
in one track (ITU-T H.264 §7.3.2.1.1 and Annex E.1.1), the ids a picture parameter set refers
to (§7.3.2.2), and the MP4 decoder configuration record that carries both (ISO/IEC 14496-15
§5.3.3.1). Everything here is a pure function of bytes.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

IDR = 5  # nal_unit_type of a slice of an IDR picture
SPS, PPS = 7, 8
HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}
EXTENDED_SAR = 255
_START_CODE = re.compile(b"\x00\x00\x01")
_EMULATION = re.compile(b"\x00\x00\x03(?=[\x00-\x03])")


class ParameterSetError(Exception):
    """A parameter set or configuration record that cannot be read."""


class _Bits:
    """Reads a NAL unit's payload (emulation prevention removed) bit by bit."""

    def __init__(self, payload: bytes):
        self.value = int.from_bytes(payload, "big")
        self.left = len(payload) * 8

    def u(self, count: int) -> int:
        if count > self.left:
            raise ParameterSetError("a parameter set ends early")
        self.left -= count
        return (self.value >> self.left) & ((1 << count) - 1)

    def ue(self) -> int:  # Exp-Golomb code, §9.1
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ParameterSetError("a parameter set has a malformed number")
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        code = self.ue()
        return (code + 1) // 2 if code % 2 else -(code // 2)


def rbsp(nal: bytes) -> bytes:
    """A NAL unit's payload after its one-byte header, emulation prevention bytes removed."""
    return _EMULATION.sub(b"\x00\x00", nal[1:])


def nal_type(nal: bytes) -> int:
    """The nal_unit_type (0..31) of a NAL unit."""
    return nal[0] & 0x1F


def sequence_fields(nal: bytes) -> dict:
    """The fields of a sequence parameter set NAL unit that shape the decoded picture:
    profile and level, id, chroma format and bit depths, whether scaling matrices are
    sent, size in macroblocks, frame-only coding, cropping, sample aspect ratio and
    colour description. Raises ParameterSetError for a damaged one."""
    bits = _Bits(rbsp(nal))
    fields = {"profile_idc": bits.u(8), "constraints": bits.u(8), "level_idc": bits.u(8),
              "sps_id": bits.ue(), "chroma_format_idc": 1, "bit_depth": (8, 8),
              "scaling_matrices": False}
    if fields["profile_idc"] in HIGH_PROFILES:
        fields["chroma_format_idc"] = bits.ue()
        if fields["chroma_format_idc"] == 3:
            bits.u(1)
        fields["bit_depth"] = (bits.ue() + 8, bits.ue() + 8)
        bits.u(1)
        fields["scaling_matrices"] = bool(bits.u(1))
        if fields["scaling_matrices"]:
            return fields  # the lists that follow are not read: such sources are not joined
    bits.ue()  # log2_max_frame_num_minus4
    poc_type = bits.ue()
    if poc_type == 0:
        bits.ue()
    elif poc_type == 1:
        bits.u(1)
        bits.se()
        bits.se()
        for _ in range(bits.ue()):
            bits.se()
    fields["max_num_ref_frames"] = bits.ue()
    bits.u(1)
    fields["size_in_mbs"] = (bits.ue() + 1, bits.ue() + 1)
    fields["frame_mbs_only"] = bits.u(1)
    if not fields["frame_mbs_only"]:
        fields["mb_adaptive"] = bits.u(1)
    bits.u(1)  # direct_8x8_inference_flag
    fields["cropping"] = (bits.ue(), bits.ue(), bits.ue(), bits.ue()) if bits.u(1) else None
    fields.update(sar=None, full_range=0, colour=None)
    if bits.u(1):  # vui_parameters_present_flag, Annex E.1.1
        if bits.u(1):
            idc = bits.u(8)
            fields["sar"] = (bits.u(16), bits.u(16)) if idc == EXTENDED_SAR else idc
        if bits.u(1):
            bits.u(1)
        if bits.u(1):
            bits.u(3)
            fields["full_range"] = bits.u(1)
            if bits.u(1):
                fields["colour"] = (bits.u(8), bits.u(8), bits.u(8))
    return fields


def picture_ids(nal: bytes) -> tuple[int, int]:
    """(pic_parameter_set_id, seq_parameter_set_id) of a picture parameter set NAL unit."""
    bits = _Bits(rbsp(nal))
    return bits.ue(), bits.ue()


@dataclass(frozen=True)
class DecoderConfig:
    """An avcC record: NAL length field size in bytes, its SPS and PPS NAL units, and the
    bytes after them (the High profiles' chroma and bit-depth fields), kept as they are."""

    header: bytes  # version, profile, compatibility, level
    length_size: int
    sps: tuple[bytes, ...]
    pps: tuple[bytes, ...]
    tail: bytes

    def with_sets(self, sps: list[bytes], pps: list[bytes]) -> DecoderConfig:
        """The same record also carrying ``sps`` and ``pps`` (NAL units)."""
        return DecoderConfig(self.header, self.length_size, (*self.sps, *sps),
                             (*self.pps, *pps), self.tail)

    def to_bytes(self) -> bytes:
        """The record as an avcC box body."""
        out = bytearray(self.header)
        out.append(0xFC | (self.length_size - 1))
        out.append(0xE0 | len(self.sps))
        for nal in self.sps:
            out += struct.pack(">H", len(nal)) + nal
        out.append(len(self.pps))
        for nal in self.pps:
            out += struct.pack(">H", len(nal)) + nal
        return bytes(out + self.tail)


def read_config(record: bytes) -> DecoderConfig:
    """Parse an avcC record; ParameterSetError when it is not one."""
    try:
        if record[0] != 1:
            raise ParameterSetError("the decoder configuration is not an avcC record")
        length_size = (record[4] & 3) + 1
        at, sets = 5, []
        for mask in (0x1F, 0xFF):
            count = record[at] & mask
            at += 1
            found = []
            for _ in range(count):
                (size,) = struct.unpack_from(">H", record, at)
                found.append(bytes(record[at + 2:at + 2 + size]))
                at += 2 + size
            sets.append(tuple(found))
    except (IndexError, struct.error) as exc:
        raise ParameterSetError("the decoder configuration is truncated") from exc
    return DecoderConfig(bytes(record[:4]), length_size, sets[0], sets[1], bytes(record[at:]))


def annexb_units(data: bytes) -> list[bytes]:
    """The NAL units of an Annex B byte stream (start-code separated), in order."""
    starts = [m.end() for m in _START_CODE.finditer(data)]
    units = []
    for n, start in enumerate(starts):
        end = starts[n + 1] - 3 if n + 1 < len(starts) else len(data)
        units.append(data[start:end].rstrip(b"\x00") if n + 1 < len(starts) else data[start:end])
    return [u for u in units if u]


def sample_units(sample: bytes, length_size: int) -> list[bytes]:
    """The NAL units of an MP4 sample (each preceded by its length in ``length_size``
    bytes); ParameterSetError when the lengths overrun the sample."""
    units, at = [], 0
    while at < len(sample):
        size = int.from_bytes(sample[at:at + length_size], "big")
        at += length_size
        if size == 0 or at + size > len(sample):
            raise ParameterSetError("a sample's NAL unit lengths overrun it")
        units.append(sample[at:at + size])
        at += size
    return units


def to_sample(units: list[bytes], length_size: int) -> bytes:
    """NAL units as one MP4 sample, each preceded by its length."""
    return b"".join(len(u).to_bytes(length_size, "big") + u for u in units)
