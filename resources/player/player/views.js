/* Slide and page items: authored text always goes into text nodes. A narrated slide or page
   plays its sound with a caption box (player/captions.js); a slide's cue points pause its
   narration for questions (player/cues.js). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  function paragraphs(text, className) {
    var box = el("div", { class: className });
    String(text || "").split(/\n\s*\n|\n/).forEach(function (line) {
      if (line.trim()) { box.appendChild(el("p", { text: line })); }
    });
    return box;
  }

  /* The narration of a slide or page: a labelled <audio> with its caption box. */
  function narration(item, label) {
    var audio = el("audio", { controls: true, preload: "metadata", src: item.audio, "aria-label": label });
    var box = CP.captions.CaptionBox(audio, item.captions);
    return { audio: audio, node: el("div", { class: "narration" }, [audio, box]) };
  }

  function play(audio) {
    var promise = audio.play();
    if (promise && promise.catch) { promise.catch(function () { /* blocked autoplay: learner retries */ }); }
  }

  /* ctx: {onCueAnswered(cue, result), setBlocked(bool)}, used when the slide has cue points. */
  function SlideView(item, ctx) {
    var engine = null;
    var audio = null;

    function render() {
      var root = el("div", { class: "slide" });
      if (item.image) {
        var figure = [el("img", { src: item.image, alt: item.alt || "" })];
        /* what the slide's pictures show, described for screen readers (the deck's alt texts) */
        if ((item.pictures || []).length) {
          figure.push(el("figcaption", { class: "visually-hidden" }, [
            el("ul", { class: "slide-pictures" }, item.pictures.map(function (alt) {
              return el("li", { text: alt });
            }))
          ]));
        }
        root.appendChild(el("figure", { class: "slide-figure" }, figure));
      }
      if (item.text) {
        /* With an image the text is for screen readers (the image shows it); without, for all. */
        var text = paragraphs(item.text, item.image ? "slide-text visually-hidden" : "slide-text");
        root.appendChild(el("section", { "aria-label": S.slideText }, [text]));
      }
      if (item.audio) {
        var sound = narration(item, item.title);
        audio = sound.audio;
        root.appendChild(sound.node);
        if (ctx && (item.cues || []).length) {
          engine = CP.cues.CueEngine(sound.audio, item.cues, ctx, {
            resume: function () { play(sound.audio); },
            returnFocus: function () { sound.audio.focus(); }
          });
          root.appendChild(engine.panel);
        }
      }
      if (item.notes) {
        root.appendChild(el("details", { class: "transcript" }, [
          el("summary", { text: S.transcript }),
          paragraphs(item.notes, "transcript-text")
        ]));
      }
      return root;
    }

    function leave() {
      if (engine) { engine.leave(); } else if (audio) { audio.pause(); }
    }

    return { render: render, leave: leave };
  }

  function renderBlock(block) {
    switch (block.type) {
      case "heading": return el("h2", { text: block.text });
      case "paragraph": return el("p", { text: block.text });
      case "list": {
        var list = el(block.ordered ? "ol" : "ul");
        (block.items || []).forEach(function (entry) { list.appendChild(el("li", { text: entry })); });
        return list;
      }
      default:
        return block.text ? el("p", { text: block.text }) : null;
    }
  }

  function PageView(item) {
    var audio = null;

    function render() {
      var root = el("div", { class: "page" });
      if (item.audio) {
        var sound = narration(item, S.narration + ": " + item.title);
        audio = sound.audio;
        root.appendChild(sound.node);
      }
      (item.blocks || []).forEach(function (block) {
        var node = renderBlock(block);
        if (node) { root.appendChild(node); }
      });
      return root;
    }

    function leave() { if (audio) { audio.pause(); } }

    return { render: render, leave: leave };
  }

  /* A clip's description (what it shows that its soundtrack does not say): a disclosure
     under the video, a media alternative for learners who cannot see it. */
  function videoDescription(item) {
    if (!item.description) { return null; }
    return el("details", { class: "transcript video-description" }, [
      el("summary", { text: S.videoDescription }),
      paragraphs(item.description, "transcript-text")
    ]);
  }

  CP.views = { SlideView: SlideView, PageView: PageView, videoDescription: videoDescription };
})(window);
