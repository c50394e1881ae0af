"""Caption files as they arrive from vendors, editors and video sites: code pages, loose
layouts, WebVTT markup, text that looks like markup, and the other subtitle formats."""

from __future__ import annotations

import pytest

from studio.errors import ImportFileError
from studio.media.captions import (
    Captions,
    Cue,
    cut_to_clip,
    load_captions,
    parse_caption_file,
    parse_captions,
    read_captions,
    write_vtt,
)

RUSSIAN = ("Добро пожаловать на курс.", "Сначала о безопасности.")


def srt(*texts: str, newline: str = "\r\n") -> str:
    blocks = [f"{n}{newline}00:00:0{n},000 --> 00:00:0{n},900{newline}{text}{newline}"
              for n, text in enumerate(texts, start=1)]
    return newline.join(blocks)


@pytest.mark.parametrize("language,encoding,texts", [
    ("ru", "cp1251", RUSSIAN),
    ("ru", "koi8_r", RUSSIAN),
    ("uk", "cp1251", ("Ласкаво просимо на курс.", "Спершу про безпеку.")),
    ("pl", "cp1250", ("Zażółć gęślą jaźń.", "Łódź to miasto.")),
    ("cs", "iso8859_2", ("Příliš žluťoučký kůň", "úpěl ďábelské ódy.")),
    ("fr", "cp1252", ("À bientôt, élève !", "Ça va très bien, n’est-ce pas ?")),
    ("de", "iso8859_15", ("Grüße aus Köln.", "Das kostet 5 €.")),
    ("el", "cp1253", ("Καλώς ήρθατε στο μάθημα.", "Άλλο θέμα.")),
    ("el", "iso8859_7", ("Καλώς ήρθατε στο μάθημα.", "Άλλο θέμα.")),
    ("tr", "cp1254", ("Güvenlik önce gelir,", "şimdi başlayalım.")),
    ("ar", "cp1256", ("مرحبا بكم في الدورة.", "أولا السلامة.")),
    ("he", "cp1255", ("ברוכים הבאים לקורס.", "קודם כל בטיחות.")),
    ("ja", "shift_jis", ("コースへようこそ。", "まず安全について。")),
    ("ja-JP", "euc_jp", ("コースへようこそ。", "まず安全について。")),
    ("zh", "gb18030", ("欢迎来到本课程。", "首先是安全。")),
    ("zh-TW", "big5", ("歡迎來到本課程。", "首先是安全。")),
    ("ko", "euc_kr", ("강좌에 오신 것을 환영합니다.", "먼저 안전입니다.")),
])
def test_legacy_code_pages_read_right_with_the_language_as_hint(tmp_path, language, encoding,
                                                                 texts):
    path = tmp_path / "subs.srt"
    path.write_bytes(srt(*texts).encode(encoding))
    assert [cue.text for cue in read_captions(path, language)] == list(texts)


def test_a_rarer_code_page_reads_right_or_is_refused_naming_it(tmp_path):
    path = tmp_path / "subs.srt"
    path.write_bytes(srt(*RUSSIAN).encode("iso8859_5"))
    try:
        assert [cue.text for cue in read_captions(path, "ru")] == list(RUSSIAN)
    except ImportFileError as refused:
        assert "iso8859-5" in refused.message and "\n" not in refused.message


@pytest.mark.parametrize("language", ["en", None, "x-unknown"])
def test_an_unclear_code_page_is_refused_in_one_line_naming_the_candidates(tmp_path, language):
    path = tmp_path / "lesson.srt"
    path.write_bytes(srt(*RUSSIAN).encode("cp1251"))  # Russian, said to be English
    with pytest.raises(ImportFileError) as caught:
        read_captions(path, language)
    message = caught.value.message
    assert "\n" not in message and "cp1251" in message and "--encoding cp1251" in message
    assert message.startswith("lesson.srt is not UTF-8")
    assert [c.text for c in read_captions(path, language, encoding="cp1251")] == list(RUSSIAN)


def test_a_named_encoding_must_fit(tmp_path):
    path = tmp_path / "lesson.srt"
    path.write_bytes(srt(*RUSSIAN).encode("cp1251"))
    for encoding, words in (("utf-8", "is not utf-8"), ("klingon", "not a text encoding")):
        with pytest.raises(ImportFileError) as caught:
            read_captions(path, "ru", encoding)
        assert words in caught.value.message and "\n" not in caught.value.message


def test_boms_utf16_and_line_ends(tmp_path):
    text = srt("Bonjour à tous", "Zweite Zeile")
    for encoding, newline in (("utf-8-sig", "\r\n"), ("utf-16", "\n"), ("utf-16-le", "\r"),
                              ("utf-32", "\n"), ("utf-8", "\r")):
        path = tmp_path / f"subs-{encoding}.srt"
        path.write_bytes(text.replace("\r\n", newline).encode(encoding))
        assert [c.text for c in read_captions(path)] == ["Bonjour à tous", "Zweite Zeile"]


def test_cues_with_no_blank_line_between_them():  # field case 18
    text = ("1\n00:00:00,500 --> 00:00:01,500\nWelcome back.\n2\n00:00:01,600 --> 00:00:02,500\n"
            "Now open the settings.\n3\n00:00:02,600 --> 00:00:03,500\nPick the Display tab.")
    assert parse_captions(text) == [Cue(0.5, 1.5, "Welcome back."),
                                    Cue(1.6, 2.5, "Now open the settings."),
                                    Cue(2.6, 3.5, "Pick the Display tab.")]
    tight = ("1\n00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,000\n2024\n"
             "3\n00:00:05,000 --> 00:00:06,000\nD")
    assert parse_caption_file(tight, "t.srt") == Captions(
        (Cue(3.0, 4.0, "2024"), Cue(5.0, 6.0, "D")), ("line 2: an empty cue was skipped",))
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n00:02.000 --> 00:03.000\nTwo\n"
    assert parse_captions(vtt) == [Cue(1.0, 2.0, "One"), Cue(2.0, 3.0, "Two")]


def test_empty_cues_are_skipped_with_a_notice_and_overlaps_kept():
    text = ("1\n00:00:01,000 --> 00:00:04,000\nLong\n\n2\n00:00:02,000 --> 00:00:03,000\n\n"
            "3\n00:00:02,500 --> 00:00:05,000\nOverlapping\n\n4\n00:00:06,000 --> 00:00:07,000\n"
            "   \n")
    found = parse_caption_file(text, "s.srt")
    assert found.cues == (Cue(1.0, 4.0, "Long"), Cue(2.5, 5.0, "Overlapping"))
    assert found.notices == ("line 6: an empty cue was skipped",
                             "line 13: an empty cue was skipped")
    with pytest.raises(ImportFileError, match="holds no captions"):
        parse_captions("1\n00:00:01,000 --> 00:00:02,000\n\n", "empty.srt")


def test_hours_past_99_and_either_decimal_mark():
    text = ("1\n123:04:05,678 --> 123:04:06.5\nLate\n\n2\n00:00:01.250 --> 00:00:02,000\nEarly\n")
    late = 123 * 3600 + 4 * 60 + 5.678
    assert parse_captions(text) == [Cue(1.25, 2.0, "Early"),
                                    Cue(late, pytest.approx(late + 0.822), "Late")]
    assert "123:04:05.678 --> 123:04:06.500" in write_vtt(parse_captions(text))


def test_webvtt_settings_voices_and_styling_survive_import_trim_and_export():
    text = ("WEBVTT\n\nSTYLE\n::cue(.loud) { color: red }\n\nq1\n"
            "00:00:01.000 --> 00:00:04.000 align:start line:10% position:20% size:50%\n"
            "<v.loud Dr. Lee>Mind the <b>step</b></v>\n<c.yellow>now</c> <i>please</i> "
            "<u>here</u> <lang fr>merci</lang> <ruby>漢<rt>kan</rt></ruby> <00:00:02.000>go\n")
    [cue] = parse_captions(text)
    assert cue.settings == "align:start line:10% position:20% size:50%"
    assert cue.identifier == "q1"
    [cut] = cut_to_clip([cue], 2.0, 10.0)
    assert (cut.start, cut.end, cut.text, cut.settings) == (0.0, 2.0, cue.text, cue.settings)
    out = write_vtt([cut])
    assert "q1\n00:00:00.000 --> 00:00:02.000 align:start line:10% position:20% size:50%\n" \
           "<v.loud Dr. Lee>Mind the <b>step</b></v>\n<c.yellow>now</c> <i>please</i> " \
           "<u>here</u> <lang fr>merci</lang> <ruby>漢<rt>kan</rt></ruby> <00:00:02.000>go\n" \
        in out
    assert parse_captions(out) == [cut]


def test_srt_styling_is_mapped_to_webvtt():
    text = ('1\n00:00:01,000 --> 00:00:02,000\n<i>Tilted</i> <B>bold</B> <u>under</u> '
            '<font color="red">red</font> <font color="#00ff00">lime</font> '
            '<font color="#123456" face="Arial">other</font> <s>struck</s>\n')
    [cue] = parse_captions(text)
    assert cue.text == ("<i>Tilted</i> <b>bold</b> <u>under</u> <c.red>red</c> "
                        "<c.lime>lime</c> other struck")


def test_text_that_is_not_markup_is_escaped_so_players_show_it():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nif a < b and c > d & e -> f\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\n< b and c > &amp; &copy\n")
    cues = parse_captions(text)
    assert [c.text for c in cues] == ["if a &lt; b and c &gt; d &amp; e -&gt; f",
                                      "&lt; b and c &gt; &amp; &amp;copy"]
    out = write_vtt(cues)
    assert "\n&lt; b and c &gt; &amp; &amp;copy\n" in out
    assert sum("-->" in line for line in out.splitlines()) == 2  # the two timing lines
    # plain text written by the studio (slide notes) is escaped the same way
    assert "a &lt; b &amp; c" in write_vtt([Cue(0.0, 1.0, "a < b & c")])


def test_sbv_ass_ssa_and_ttml_become_webvtt(tmp_path):
    files = {
        "talk.sbv": "0:00:01.000,0:00:02.500\nHello\nthere\n\n0:00:03.000,0:00:04.000\n"
                    "a < b\n",
        "talk.ass": "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, "
                    "Fontname, Fontsize\nStyle: Default,Arial,20\n\n[Events]\nFormat: Layer, "
                    "Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                    "Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,{\\i1}Hello{\\i0}"
                    "\\Nthere\nComment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,hidden\n"
                    "Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\pos(10,20)}a < b\n",
        "talk.ssa": "[Script Info]\nScriptType: v4.00\n\n[V4 Styles]\nFormat: Name, Fontname\n"
                    "Style: Default,Arial\n\n[Events]\nFormat: Marked, Start, End, Style, Name, "
                    "MarginL, MarginR, MarginV, Effect, Text\nDialogue: Marked=0,0:00:01.00,"
                    "0:00:02.50,Default,,0000,0000,0000,,Hello\\Nthere\nDialogue: Marked=0,"
                    "0:00:03.00,0:00:04.00,Default,,0000,0000,0000,,a < b\n",
        "talk.ttml": '<?xml version="1.0" encoding="utf-8"?>\n<tt xmlns="http://www.w3.org/ns/'
                     'ttml" xml:lang="en"><body><div><p begin="00:00:01.000" end="00:00:02.500"'
                     '>Hello<br/>there</p><p begin="3s" end="4s">a &lt; b</p></div></body></tt>',
    }
    files["talk.dfxp"] = files["talk.ttml"].replace("http://www.w3.org/ns/ttml",
                                                    "http://www.w3.org/2006/10/ttaf1")
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        cues = read_captions(path)
        assert [(c.start, c.end) for c in cues] == [(1.0, 2.5), (3.0, 4.0)], name
        assert cues[1].text == "a &lt; b", name
        first = cues[0].text
        assert first == {"talk.ass": "<v Ann><i>Hello</i>\nthere</v>"}.get(name,
                                                                         "Hello\nthere"), name
        assert write_vtt(cues).startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n"), name


def test_bad_files_are_refused_in_one_line(tmp_path):
    for name, data in (("bad.ass", b"[Script Info]\n[Events]\nFormat: nonsense\nDialogue: x\n"),
                       ("bad.ttml", b"<tt><p begin='x'>"), ("bad.sbv", b"not a caption\n"),
                       ("bad.srt", b"\x00\x01\x02garbage"), ("notes.doc", b"text")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFileError) as caught:
            load_captions(path)
        assert "\n" not in caught.value.message, name
