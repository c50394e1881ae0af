/* Questions at cue points of a playing medium: a video, or the narration of a slide. The
   medium pauses at each cue's time (seconds on the medium's own timeline), the cue's questions
   are asked in a panel, and it plays on once they are answered or skipped. A cue the learner
   must answer blocks navigation while its panel is open. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* media: the <video> or <audio>; cues: [{id, time, mustAnswer, questions}];
     ctx: {onCueAnswered(cue, result), setBlocked(bool), handled: {cueId: true} of cues
       already answered or skipped in this view (optional; the engine adds to it)};
     opts: {resume() plays on after a cue, returnFocus() the control focus goes back to,
            onTick(time) called at each check that opens no cue}.
     Returns {panel (the section to place in the view), check() (true when a cue is open),
     isOpen(), leave()}. */
  function CueEngine(media, cues, ctx, opts) {
    var sorted = (cues || []).slice().sort(function (a, b) { return a.time - b.time; });
    var handled = ctx.handled || {};
    var openCue = null;
    var frame = 0;
    var panel = el("section", { class: "cue-panel", hidden: true });

    function close() {
      handled[openCue.id] = true;
      openCue = null;
      panel.hidden = true;
      CP.clear(panel);
      ctx.setBlocked(false);
      opts.returnFocus();
      opts.resume();
    }

    function show(cue) {
      openCue = cue;
      media.pause();
      ctx.setBlocked(cue.mustAnswer === true);
      CP.clear(panel);
      var headingId = CP.uid("cue");
      var heading = el("h2", { id: headingId, tabindex: "-1", text: S.questionTime });
      panel.setAttribute("aria-labelledby", headingId);
      panel.appendChild(heading);
      var skip = null;
      var form = CP.quiz.attemptForm(cue.questions || [], {
        shuffle: false, passMark: null,
        showAnswers: function () { return true; },
        onSubmit: function (result) {
          ctx.onCueAnswered(cue, result);
          if (skip) { skip.remove(); }
          var next = el("button", { type: "button", class: "primary", text: S.continue, onclick: close });
          panel.appendChild(el("div", { class: "actions" }, [next]));
          next.focus();
        }
      });
      panel.appendChild(form.node);
      if (!cue.mustAnswer) {
        skip = el("button", { type: "button", class: "secondary", text: S.skip, onclick: close });
        panel.appendChild(el("div", { class: "actions" }, [skip]));
      }
      panel.hidden = false;
      heading.focus();
    }

    function check() {
      var t = media.currentTime;
      if (!openCue) {
        for (var i = 0; i < sorted.length; i += 1) {
          if (!handled[sorted[i].id] && t >= sorted[i].time) { show(sorted[i]); return true; }
        }
      }
      if (opts.onTick) { opts.onTick(t); }
      return openCue !== null;
    }

    function poll() {
      check();
      frame = media.paused ? 0 : global.requestAnimationFrame(poll);
    }

    media.addEventListener("play", function () {
      if (openCue) { media.pause(); return; }
      if (!frame) { frame = global.requestAnimationFrame(poll); }
    });
    media.addEventListener("timeupdate", check);

    function leave() {
      if (frame) { global.cancelAnimationFrame(frame); frame = 0; }
      media.pause();
      ctx.setBlocked(false);
    }

    return { panel: panel, check: check, isOpen: function () { return openCue !== null; }, leave: leave };
  }

  CP.cues = { CueEngine: CueEngine };
})(window);
