/* Slide and page items: authored text always goes into text nodes. */
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

  function SlideView(item) {
    function render() {
      var root = el("div", { class: "slide" });
      if (item.image) {
        root.appendChild(el("figure", { class: "slide-figure" }, [
          el("img", { src: item.image, alt: item.alt || "" })
        ]));
      }
      if (item.text) {
        /* With an image the text is for screen readers (the image shows it); without, for all. */
        var text = paragraphs(item.text, item.image ? "slide-text visually-hidden" : "slide-text");
        root.appendChild(el("section", { "aria-label": S.slideText }, [text]));
      }
      if (item.audio) {
        var audio = el("audio", { controls: true, preload: "metadata", src: item.audio,
          "aria-label": item.title });
        CP.video.addTracks(audio, item.captions);
        root.appendChild(audio);
      }
      if (item.notes) {
        root.appendChild(el("details", { class: "transcript" }, [
          el("summary", { text: S.transcript }),
          paragraphs(item.notes, "transcript-text")
        ]));
      }
      return root;
    }
    return { render: render };
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
    function render() {
      var root = el("div", { class: "page" });
      (item.blocks || []).forEach(function (block) {
        var node = renderBlock(block);
        if (node) { root.appendChild(node); }
      });
      return root;
    }
    return { render: render };
  }

  CP.views = { SlideView: SlideView, PageView: PageView };
})(window);
