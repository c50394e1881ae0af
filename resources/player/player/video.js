/* Video item: captions, start/end range, and questions that pause the video at cue points
   (player/cues.js). Cue times are on the media file's timeline, like start and end. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;
  var END_SLACK = 0.05;

  /* ctx: {onComplete(), onCueAnswered(cue, result), setBlocked(bool)} */
  function VideoView(item, ctx) {
    var start = typeof item.start === "number" ? item.start : 0;
    var end = typeof item.end === "number" && item.end > start ? item.end : null;
    var done = false;
    var video, toggle, statusLine, engine;

    function finish() {
      if (done) { return; }
      done = true;
      statusLine.textContent = S.videoComplete;
      ctx.onComplete();
    }

    function atEnd(t) {
      if (end !== null && t >= end - END_SLACK) {
        video.pause();
        finish();
      }
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
      CP.captions.addTracks(video, item.captions, CP.captions.preferred(item.captions));
      toggle = el("button", { type: "button", class: "primary", text: S.play, onclick: function () {
        if (video.paused) { play(); } else { video.pause(); }
      } });
      statusLine = el("p", { class: "media-status", role: "status" });
      engine = CP.cues.CueEngine(video, item.cues, ctx, {
        resume: play, returnFocus: function () { toggle.focus(); }, onTick: atEnd
      });

      video.addEventListener("loadedmetadata", function () { if (start > 0) { video.currentTime = start; } });
      video.addEventListener("play", function () {
        if (!engine.isOpen()) { toggle.textContent = S.pause; }
      });
      video.addEventListener("pause", function () { toggle.textContent = S.play; });
      video.addEventListener("ended", function () { engine.check(); finish(); });

      return el("div", { class: "video" }, [
        el("div", { class: "video-frame" }, [video]),
        el("div", { class: "actions" }, [toggle]),
        statusLine,
        engine.panel
      ].concat(CP.views.videoDescription(item) || []));
    }

    function leave() {
      if (engine) { engine.leave(); }
    }

    return { render: render, leave: leave };
  }

  CP.video = { VideoView: VideoView };
})(window);
