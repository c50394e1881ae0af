/* The scripted learner: works through the player as a person would, by what the screen says.

   TwinLearner.run(scoWindow, plan, log) -> Promise<{resumed_at, stopped_at}>
     plan: {do: "complete" | "observe", stop_at: index, fail_quiz: item id,
            media: "events" (dispatch media events even where videos play: the long course)}
     log(did): notes one action for the journal.
   Buttons, radios, checkboxes, text boxes and selects are found by their accessible names
   (the player's own strings, CoursePlayer.strings); the answers come from the SCO's
   COURSE_DATA. A video, and a narrated slide with questions, is played to each cue point;
   where the engine cannot decode it, the media events the player listens to are dispatched
   instead (timeupdate at each cue time, then ended for a video). */
(function (global) {
  "use strict";

  var POLL_MS = 15;

  function sleep(ms) { return new Promise(function (resolve) { global.setTimeout(resolve, ms); }); }

  async function waitFor(test, timeoutMs, what) {
    var until = Date.now() + timeoutMs;
    for (;;) {
      var value = test();
      if (value) { return value; }
      if (Date.now() > until) { throw new Error("timed out waiting for " + what); }
      await sleep(POLL_MS);
    }
  }

  function text(node) { return node ? String(node.textContent || "").replace(/\s+/g, " ").trim() : ""; }

  /* The accessible name of a control, as assistive technology computes it for the player's
     markup: aria-labelledby, aria-label, a label for it, a fieldset's legend, its own text. */
  function nameOf(node) {
    var doc = node.ownerDocument;
    var ids = node.getAttribute("aria-labelledby");
    if (ids) { return ids.split(/\s+/).map(function (id) { return text(doc.getElementById(id)); }).join(" "); }
    if (node.getAttribute("aria-label")) { return node.getAttribute("aria-label").trim(); }
    if (node.id) {
      var label = doc.querySelector("label[for='" + node.id + "']");
      if (label) { return text(label); }
    }
    if (node.tagName === "FIELDSET") { return text(node.querySelector("legend")); }
    return text(node);
  }

  var ROLES = {
    button: "button, [role=button]",
    radio: "input[type=radio]",
    checkbox: "input[type=checkbox]",
    textbox: "input[type=text], input:not([type]), textarea",
    combobox: "select",
    group: "fieldset, [role=group]",
    heading: "h1, h2, h3, h4, h5, h6"
  };

  function shown(node) { return !node.closest("[hidden]") && node.getClientRects().length > 0; }

  function find(root, role, name) {
    var all = Array.prototype.slice.call(root.querySelectorAll(ROLES[role]));
    return all.filter(function (n) { return shown(n) && nameOf(n) === name; })[0] || null;
  }

  function Learner(win, plan, log) {
    var doc = win.document;
    var CP = win.CoursePlayer;
    var S = CP.strings;
    var data = win.COURSE_DATA;
    var lesson = new URLSearchParams(win.location.search).get("unit");
    var items = [];
    (data.modules || []).forEach(function (m) {
      (m.lessons || []).forEach(function (l) {
        if (lesson && l.id !== lesson) { return; }
        (l.items || []).forEach(function (item) { items.push(item); });
      });
    });
    var main = doc.getElementById("main");
    var failed = {};

    /* Where the player is: "Item 3 of 8" -> 2; the results screen -> items.length. */
    function position() {
      var shownText = text(doc.getElementById("position"));
      var m = /(\d+)\D+(\d+)/.exec(shownText);
      return m ? Number(m[1]) - 1 : items.length;
    }

    function button(name, root) { return find(root || doc, "button", name); }

    async function press(name, root, timeoutMs) {
      var node = await waitFor(function () {
        var b = button(name, root);
        return b && !b.disabled ? b : null;
      }, timeoutMs || 5000, "the " + name + " button");
      node.click();
      await sleep(0);
    }

    function fill(box, value) {
      box.focus();
      box.value = String(value);
      box.dispatchEvent(new win.Event("input", { bubbles: true }));
      box.dispatchEvent(new win.Event("change", { bubbles: true }));
    }

    function choose(select, label) {
      var option = Array.prototype.slice.call(select.options).filter(function (o) { return text(o) === label; })[0];
      if (!option) { throw new Error("no option " + label + " in " + nameOf(select)); }
      select.value = option.value;
      select.dispatchEvent(new win.Event("change", { bubbles: true }));
    }

    function tick(node) { if (!node.checked) { node.click(); } }

    function control(scope, role, name) {
      var node = find(scope, role, name);
      if (!node) { throw new Error("no " + role + " named " + name); }
      return node;
    }

    /* One question, right or wrong, inside its node (the group the player draws for it). */
    function answer(q, scope, right) {
      var group = scope;
      switch (q.type) {
        case "choice": {
          var pick = (q.choices || []).filter(function (c) { return c.correct === right; })[0];
          tick(control(group, "radio", pick.text));
          break;
        }
        case "multiple":
          (q.choices || []).filter(function (c) { return c.correct === right; })
            .slice(0, right ? undefined : 1)
            .forEach(function (c) { tick(control(group, "checkbox", c.text)); });
          break;
        case "truefalse":
          tick(control(group, "radio", (q.answer === right) ? S.trueLabel : S.falseLabel));
          break;
        case "fill":
          fill(control(group, "textbox", q.prompt), right ? (q.answers || [""])[0] : "no such answer");
          break;
        case "numeric": {
          var value = typeof q.value === "number" ? q.value : typeof q.min === "number" ? q.min : q.max;
          var wrongBy = 1000 + Math.abs(q.tolerance || 0) + Math.abs((q.max || 0) - (q.min || 0));
          fill(control(group, "textbox", q.prompt), right ? value : value + wrongBy);
          break;
        }
        case "matching": {
          var rights = [];
          (q.pairs || []).forEach(function (p) { if (rights.indexOf(p.right) < 0) { rights.push(p.right); } });
          (q.pairs || []).forEach(function (p) {
            var target = right ? p.right : rights[(rights.indexOf(p.right) + 1) % rights.length];
            choose(control(group, "combobox", p.left), target);
          });
          break;
        }
        case "sequencing": {
          var order = (q.items || []).slice();
          if (!right) { order.reverse(); }
          order.forEach(function (entry, i) {
            choose(control(group, "combobox", S.position + " " + (i + 1)), entry.text);
          });
          break;
        }
        case "likert": {
          var scale = q.scale || [];
          tick(control(group, "radio", scale[scale.length - 1].text));
          break;
        }
        case "hotspot": {
          /* the list of areas, the view's keyboard alternative to clicking the picture */
          var areas = control(group, "group", S.hotspotAreas);
          var regions = q.regions || [];
          var picks = regions.filter(function (r) { return r.correct === right; }).slice(0, right ? undefined : 1);
          if (!picks.length) { picks = regions.slice(0, 1); }
          picks.forEach(function (r) { tick(control(areas, "checkbox", r.label)); });
          break;
        }
        case "dragdrop": {
          var categories = q.categories || [];
          (q.items || []).forEach(function (entry, i) {
            var at = categories.map(function (c) { return c.id; }).indexOf(entry.category);
            var target = right || i > 0 ? categories[at] : categories[(at + 1) % categories.length];
            choose(control(group, "combobox", S.dragCategoryFor + entry.text), target.text);
          });
          break;
        }
        case "essay":
          fill(control(group, "textbox", q.prompt), "Written by the scripted learner.");
          break;
        case "description":
          break;  /* text between questions: nothing to answer */
        default:
          throw new Error("the learner cannot answer a " + q.type + " question");
      }
    }

    /* The questions the player drew, answered, then Submit; returns after the verdict. */
    async function answerShown(scope, questions, right, what) {
      var byId = {};
      questions.forEach(function (q) { byId[q.id] = q; });
      var nodes = Array.prototype.slice.call(scope.querySelectorAll("[data-question]"));
      nodes.forEach(function (node) {
        var q = byId[node.getAttribute("data-question")];
        if (q) { answer(q, node, right); }
      });
      log("answered " + what + (right ? " right" : " wrong") + " (" + nodes.length + " question(s))");
      await press(S.submit, scope);
    }

    async function takeQuiz(item) {
      var form = main.querySelector("form");
      if (!form || !button(S.submit, form)) { log("found " + item.title + " already done"); return; }
      var wrongFirst = plan.fail_quiz === item.id && !failed[item.id];
      await answerShown(form, item.questions || [], !wrongFirst, item.title);
      await waitFor(function () { return find(main, "heading", S.result); }, 5000, "the quiz result");
      if (!wrongFirst) { return; }
      failed[item.id] = true;
      var retry = button(S.retry, main);
      if (!retry) { log("could not retry " + item.title + ": no Retry button"); return; }
      retry.click();
      log("pressed " + S.retry);
      var again = await waitFor(function () {
        var f = main.querySelector("form");
        return f && button(S.submit, f) ? f : null;
      }, 5000, "the quiz's second attempt");
      await answerShown(again, item.questions || [], true, item.title);
      await waitFor(function () { return find(main, "heading", S.result); }, 5000, "the quiz result");
    }

    function cuePanel() {
      var panel = main.querySelector(".cue-panel");
      return panel && !panel.hidden ? panel : null;
    }

    async function answerCue(cue) {
      var panel = await waitFor(cuePanel, 8000, "the question at " + cue.time + " s");
      await answerShown(panel, cue.questions || [], true, "the question at " + cue.time + " s");
      await press(S.continue, panel);
    }

    function videoDone() { return text(main).indexOf(S.videoComplete) >= 0; }

    async function decodes(video) {
      try {
        await waitFor(function () { return video.readyState >= 1 || video.error; }, 3000, "metadata");
      } catch (e) { return false; }
      return !video.error && video.readyState >= 1;
    }

    /* The questions at each cue of a playing medium (a video, or a slide's narration), in
       time order: played to each cue where the engine decodes it, else its events dispatched. */
    async function answerCues(media, item) {
      var cues = (item.cues || []).slice().sort(function (a, b) { return a.time - b.time; });
      if (plan.media !== "events" && await decodes(media)) {
        log("played " + item.title + " to each cue" + (item.kind === "video" ? " and the end" : ""));
        for (var i = 0; i < cues.length; i += 1) {
          media.currentTime = cues[i].time + 0.05;
          await answerCue(cues[i]);
        }
        return true;
      }
      log((plan.media === "events" ? "skipped through " : "cannot decode ") + item.title +
        ": its media events are dispatched");
      return false;
    }

    /* Stands in for a medium the engine does not play: its time is what the learner sets. */
    function dispatchCues(media, item) {
      var at = 0;
      Object.defineProperty(media, "currentTime", { configurable: true,
        get: function () { return at; }, set: function (v) { at = Number(v) || 0; } });
      return {
        to: function (time) { at = time; media.dispatchEvent(new win.Event("timeupdate")); },
        cues: (item.cues || []).slice().sort(function (a, b) { return a.time - b.time; })
      };
    }

    async function watchVideo(item) {
      var video = main.querySelector("video");
      if (!video) { return; }
      var end = typeof item.end === "number" && item.end > 0 ? item.end : null;
      if (await answerCues(video, item)) {
        if (video.paused) { await press(S.play, main); }
        video.currentTime = Math.max(0, (end || video.duration) - 0.02);
        try {
          await waitFor(videoDone, 8000, "the end of " + item.title);
          return;
        } catch (e) { log("the video did not end by itself: its events are dispatched"); }
      }
      var stand = dispatchCues(video, item);
      for (var c = 0; c < stand.cues.length; c += 1) {
        if (cuePanel() || videoDone()) { break; }
        stand.to(stand.cues[c].time);
        if (cuePanel()) { await answerCue(stand.cues[c]); }
      }
      stand.to(end || item.duration || 0);
      video.dispatchEvent(new win.Event("ended"));
      await waitFor(videoDone, 5000, "the end of " + item.title);
    }

    /* A narrated slide with questions at its cue points: each asked and answered. */
    async function hearSlide(item) {
      var audio = main.querySelector("audio");
      if (!audio || !(item.cues || []).length) { log("viewed " + item.title); return; }
      if (!(await answerCues(audio, item))) {
        var stand = dispatchCues(audio, item);
        for (var c = 0; c < stand.cues.length; c += 1) {
          stand.to(stand.cues[c].time);
          if (cuePanel()) { await answerCue(stand.cues[c]); }
        }
      }
      audio.pause();
    }

    async function work(item) {
      if (item.kind === "video") { await watchVideo(item); }
      else if (item.kind === "slide") { await hearSlide(item); }
      else if (item.kind === "quiz") { await takeQuiz(item); }
      else { log("viewed " + item.title); }
    }

    async function run() {
      var start = position();
      var seen = { resumed_at: start === 0 ? null : start >= items.length ? "results" : items[start].id,
        stopped_at: null };
      log("started on " + (start >= items.length ? "the results" : "item " + (start + 1) + " of " + items.length));
      if (plan.do === "observe") { return seen; }
      for (;;) {
        var index = position();
        if (index >= items.length) { log("reached the results"); break; }
        if (typeof plan.stop_at === "number" && index >= plan.stop_at) {
          seen.stopped_at = items[index].id;
          log("left on " + items[index].title);
          break;
        }
        await work(items[index]);
        await press(S.next);
        await waitFor(function () { return position() === index + 1; }, 5000, "the next item");
      }
      return seen;
    }

    return { run: run };
  }

  global.TwinLearner = {
    run: function (win, plan, log) { return Learner(win, plan, log).run(); }
  };
})(window);
