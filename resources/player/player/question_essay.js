/* Essay / reflection: a text area with a live character count. Unscored; what the learner
   wrote is kept (the resume state holds it) and shown again after submitting, with the
   author's model answer when there is one. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var MAX_LENGTH = 4000;  /* SCORM 2004 long-fill-in keeps 4000 characters (RTE 4.2.9.2) */
  var ANNOUNCE_AFTER_MS = 800;

  function limitOf(q) {
    var n = Math.floor(Number(q.maxLength));
    return n >= 1 && n <= MAX_LENGTH ? n : MAX_LENGTH;
  }

  /* Text as written: line breaks kept, never markup. */
  function writtenText(text, className) {
    return el("p", { class: "written " + className, text: text });
  }

  /* The learner's text under "Your answer" (and the model answer when given), for the
     feedback, the closed quiz and the results screen; headingTag names its heading level. */
  function keptAnswer(q, text, headingTag) {
    var box = el("div", { class: "kept-answer" });
    if (headingTag) { box.appendChild(el(headingTag, { class: "kept-prompt", text: q.prompt })); }
    box.appendChild(el("p", { class: "kept-label", text: S.yourAnswer + ":" }));
    box.appendChild(writtenText(text, "learner-text"));
    if (q.modelAnswer) {
      box.appendChild(el("p", { class: "kept-label", text: S.modelAnswer + ":" }));
      box.appendChild(writtenText(q.modelAnswer, "model-answer"));
    }
    return box;
  }

  function build(q, ctx) {
    var limit = limitOf(q);
    var countId = ctx.uid + "-count";
    var area = el("textarea", { id: ctx.uid + "-answer", "aria-labelledby": ctx.promptId,
      "aria-describedby": countId, maxlength: limit, rows: "6", spellcheck: "true" });
    var kept = (ctx.options.kept || {})[q.id];
    area.value = typeof kept === "string" ? kept.slice(0, limit) : "";
    var count = el("p", { class: "char-count", id: countId });
    var pending = null;

    function update() {
      count.textContent = CP.say("characterCount", { count: area.value.length, max: limit });
    }

    /* Screen readers hear the count only when typing pauses near the limit, not per key. */
    function announceSoon() {
      if (pending !== null) { global.clearTimeout(pending); }
      pending = global.setTimeout(function () {
        pending = null;
        var left = limit - area.value.length;
        if (left <= Math.max(20, limit / 10)) { CP.announce(CP.say("charactersLeft", { count: left }, left)); }
      }, ANNOUNCE_AFTER_MS);
    }

    area.addEventListener("input", function () {
      update();
      announceSoon();
      if (ctx.options.onDraft) { ctx.options.onDraft(q.id, area.value); }
    });
    update();
    ctx.body.appendChild(area);
    ctx.body.appendChild(count);

    return {
      controls: [area],
      read: function () { return { answered: area.value.trim() !== "", response: area.value }; },
      feedback: function (box, outcome, response) {
        if (typeof response === "string") { box.appendChild(keptAnswer(q, response, null)); }
      }
    };
  }

  CP.questionViews.essay = { build: build, grouped: false };
  CP.essay = { keptAnswer: keptAnswer, limitOf: limitOf };
})(window);
