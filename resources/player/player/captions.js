/* Caption tracks. A video draws its own; an <audio> element draws none, so a sound gets a
   caption box under it showing the active cue's text, which follows a hidden TextTrack's
   cuechange (WebVTT cues, HTML "text track cue" rules), with a Captions toggle and, for more
   than one track, a language list. The learner's choice (on or off, which language) holds for
   every sound of the launch. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var choice = { on: true, lang: null };

  /* captions: [{src, lang, label}]; the track at defaultIndex (none when -1) shows by default.
     Returns the <track> elements, appended to media. */
  function addTracks(media, captions, defaultIndex) {
    var first = defaultIndex === undefined ? 0 : defaultIndex;
    return (captions || []).map(function (c, i) {
      var node = el("track", { kind: "captions", src: c.src, srclang: c.lang, label: c.label,
        default: i === first });
      media.appendChild(node);
      return node;
    });
  }

  /* The index of the track in the chosen language (exact tag, else the same language
     subtag), else 0. */
  function preferred(captions) {
    var i;
    captions = captions || [];
    for (i = 0; i < captions.length; i += 1) {
      if (captions[i].lang === choice.lang) { return i; }
    }
    var base = String(choice.lang || "").split("-")[0].toLowerCase();
    for (i = 0; base && i < captions.length; i += 1) {
      if (String(captions[i].lang || "").split("-")[0].toLowerCase() === base) { return i; }
    }
    return 0;
  }

  /* The text of a track's active cues, markup left out, one cue a line. */
  function activeText(track) {
    var cues = track && track.activeCues;
    var lines = [];
    for (var i = 0; cues && i < cues.length; i += 1) {
      var cue = cues[i];
      lines.push(typeof cue.getCueAsHTML === "function" ? cue.getCueAsHTML().textContent : String(cue.text || ""));
    }
    return lines.join("\n");
  }

  /* The TextTrack of one caption entry: built from its ``cues`` ([start s, end s, WebVTT cue
     text]) when the data carries them, which needs no file to be fetched (a package opened
     from a folder over file:// may not load a <track>); else its <track> element's. */
  function textTrack(media, caption) {
    if (Array.isArray(caption.cues) && typeof global.VTTCue === "function") {
      var track = media.addTextTrack("captions", caption.label || caption.lang || "", caption.lang || "");
      caption.cues.forEach(function (cue) { track.addCue(new global.VTTCue(cue[0], cue[1], String(cue[2]))); });
      return track;
    }
    return addTracks(media, [caption], -1)[0].track;
  }

  /* The caption box of a sound (media: its <audio>), or null without captions. */
  function CaptionBox(media, captions) {
    captions = captions || [];
    if (!captions.length) { return null; }
    var tracks = captions.map(function (c) { return textTrack(media, c); });
    var current = -1;
    var line = el("p", { class: "caption-text" });
    var box = el("div", { class: "caption-box", "aria-live": "off" }, [line]);
    var toggle = el("button", { type: "button", class: "secondary caption-toggle", text: S.captions,
      onclick: function () { choice.on = !choice.on; apply(); } });
    var select = null;
    if (captions.length > 1) {
      select = el("select", { class: "caption-language", "aria-label": S.captionLanguage },
        captions.map(function (c, i) { return el("option", { value: String(i), lang: c.lang, text: c.label || c.lang }); }));
      select.addEventListener("change", function () {
        choice.lang = captions[Number(select.value)].lang;
        apply();
      });
    }

    function show() {
      line.textContent = current < 0 ? "" : activeText(tracks[current]);
      if (current >= 0 && captions[current].lang) { line.setAttribute("lang", captions[current].lang); }
    }

    function apply() {
      current = choice.on ? preferred(captions) : -1;
      tracks.forEach(function (track, i) { track.mode = i === current ? "hidden" : "disabled"; });
      box.hidden = !choice.on;
      toggle.setAttribute("aria-pressed", choice.on ? "true" : "false");
      if (select) {
        select.value = String(preferred(captions));
        select.disabled = !choice.on;
      }
      show();
    }

    tracks.forEach(function (track, i) {
      track.addEventListener("cuechange", function () { if (i === current) { show(); } });
    });
    var root = el("div", { class: "captions" }, [
      box, el("div", { class: "actions caption-controls" }, [toggle, select])
    ]);
    apply();
    return root;
  }

  /* The caption language to show first: the language the learner reads the course in. */
  function setLanguage(tag) { choice.lang = tag || null; }

  CP.captions = { addTracks: addTracks, CaptionBox: CaptionBox, preferred: preferred,
    setLanguage: setLanguage };
})(window);
