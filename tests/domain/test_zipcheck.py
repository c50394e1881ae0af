"""Zip limits judged from declared sizes alone, for decks and packages alike."""

import zipfile
import zlib

from studio.zipcheck import GiB, MiB, ZipLimits, damage_reason, zip_problem

LIMITS = ZipLimits(max_unpacked=2 * GiB, max_ratio=200, ratio_from=MiB, max_members=2000)


def member(name: str, size: int, packed: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size, info.compress_size = size, packed
    return info


def test_real_content_passes():
    video = member("media/clip.mp4", 900 * MiB, 899 * MiB)
    pages = [member(f"p{i}.xml", 40_000, 6_000) for i in range(50)]
    tiny = member("empty.txt", 10_000, 20)  # absurd ratio, but too small to matter
    assert zip_problem([video, tiny, *pages], LIMITS) is None


def test_one_member_that_packs_too_well_is_named():
    problem = zip_problem([member("a.xml", 10, 10), member("big.bin", 64 * MiB, 65_000)],
                          LIMITS)
    assert problem.member == "big.bin" and "which only zip bombs do" in problem.message


def test_many_members_each_under_the_limit_are_judged_together():
    thin = [member(f"part{i}.bin", MiB - 1, 1_030) for i in range(1500)]
    problem = zip_problem(thin, LIMITS)
    assert problem.member is None and "1.46 GiB" in problem.message


def test_total_size_and_member_count_have_limits():
    stored = [member(f"v{i}.mp4", 300 * MiB, 300 * MiB) for i in range(8)]
    assert "would unpack to 2.34 GiB" in zip_problem(stored, LIMITS).message
    many = [member(f"f{i}", 1, 1) for i in range(2001)]
    assert "holds 2001 files" in zip_problem(many, LIMITS).message


def test_damage_is_told_in_plain_words():
    assert damage_reason(zlib.error("Error -3 while decompressing")) == "invalid deflate data"
    assert "checksum" in damage_reason(zipfile.BadZipFile("Bad CRC-32 for file 'a'"))
    assert "local header" in damage_reason(zipfile.BadZipFile("Bad magic number for file "
                                                              "header"))
