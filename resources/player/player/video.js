/* Video item: captions, start/end range, and questions that pause the video at cue points.
   Cue times are on the media file's timeline, like start and end. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var END_SLACK = 0.05;

  function addTracks(media, captions) {
    (captions || []).forEach(function (c, i) {
      media.appendChild(el("track", { kind: "captions", src: c.src, srclang: c.lang, label: c.label,
        default: i === 0 }));
    });
  }

  /* ctx: {onComplete(), onCueAnswered(cue, result), setBlocked(bool)} */
  function VideoView(item, ctx) {
    var start = typeof item.start === "number" ? item.start : 0;
    var end = typeof item.end === "number" && item.end > start ? item.end : null;
    var cues = (item.cues || []).slice().sort(function (a, b) { return a.time - b.time; });
    var handled = {};
    var openCue = null;
    var done = false;
    var video, toggle, statusLine, panel, frame = 0;

    function finish() {
      if (done) { return; }
      done = true;
      statusLine.textContent = S.videoComplete;
      ctx.onComplete();
    }

    function closeCue() {
      handled[openCue.id] = true;
      openCue = null;
      panel.hidden = true;
      CP.clear(panel);
      ctx.setBlocked(false);
      toggle.focus();
      play();
    }

    function showCue(cue) {
      openCue = cue;
      video.pause();
      ctx.setBlocked(cue.mustAnswer === true);
      CP.clear(panel);
      var headingId = CP.uid("cue");
      var heading = el("h2", { id: headingId, tabindex: "-1", text: S.questionTime });
      panel.setAttribute("aria-labelledby", headingId);
      panel.appendChild(heading);
      var form = CP.quiz.attemptForm(cue.questions || [], {
        shuffle: false, passMark: null,
        showAnswers: function () { return true; },
        onSubmit: function (result) {
          ctx.onCueAnswered(cue, result);
          if (skip) { skip.remove(); }
          var next = el("button", { type: "button", class: "primary", text: S.continue, onclick: closeCue });
          panel.appendChild(el("div", { class: "actions" }, [next]));
          next.focus();
        }
      });
      panel.appendChild(form.node);
      var skip = cue.mustAnswer ? null
        : el("button", { type: "button", class: "secondary", text: S.skip, onclick: closeCue });
      if (skip) { panel.appendChild(el("div", { class: "actions" }, [skip])); }
      panel.hidden = false;
      heading.focus();
    }

    function check() {
      var t = video.currentTime;
      if (!openCue) {
        for (var i = 0; i < cues.length; i += 1) {
          if (!handled[cues[i].id] && t >= cues[i].time) { showCue(cues[i]); return; }
        }
      }
      if (end !== null && t >= end - END_SLACK) {
        video.pause();
        finish();
      }
    }

    function poll() {
      check();
      frame = video.paused ? 0 : global.requestAnimationFrame(poll);
    }

    function play() {
      var t = video.currentTime;
      if ((end !== null && t >= end - END_SLACK) || t < start - 0.25) { video.currentTime = start; }
      var promise = video.play();
      if (promise && promise.catch) { promise.catch(function () { /* blocked autoplay: learner retries */ }); }
    }

    function render() {
      video = el("video", { controls: true, preload: "metadata", playsinline: true, src: item.src,
        poster: item.poster || null, "aria-label": item.title });
      addTracks(video, item.captions);
      toggle = el("button", { type: "button", class: "primary", text: S.play, onclick: function () {
        if (video.paused) { play(); } else { video.pause(); }
      } });
      statusLine = el("p", { class: "media-status", role: "status" });
      panel = el("section", { class: "cue-panel", hidden: true });

      video.addEventListener("loadedmetadata", function () { if (start > 0) { video.currentTime = start; } });
      video.addEventListener("play", function () {
        if (openCue) { video.pause(); return; }
        toggle.textContent = S.pause;
        if (!frame) { frame = global.requestAnimationFrame(poll); }
      });
      video.addEventListener("pause", function () { toggle.textContent = S.play; });
      video.addEventListener("timeupdate", check);
      video.addEventListener("ended", function () { check(); finish(); });

      return el("div", { class: "video" }, [
        el("div", { class: "video-frame" }, [video]),
        el("div", { class: "actions" }, [toggle]),
        statusLine,
        panel
      ]);
    }

    function leave() {
      if (frame) { global.cancelAnimationFrame(frame); }
      if (video) { video.pause(); }
      ctx.setBlocked(false);
    }

    return { render: render, leave: leave };
  }

  CP.video = { VideoView: VideoView, addTracks: addTracks };
})(window);
