/* The player: walks the items of one launch, keeps the resume state and reports to the
   tracking adapter at each milestone. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  function flatten(data, unitId) {
    var entries = [];
    (data.modules || []).forEach(function (module) {
      (module.lessons || []).forEach(function (lesson) {
        if (unitId && lesson.id !== unitId) { return; }
        (lesson.items || []).forEach(function (item) {
          entries.push({ item: item, module: module, lesson: lesson });
        });
      });
    });
    return entries;
  }

  /* The kept essay texts of essays this launch still asks (a republished course may have
     dropped some): the rest would only take room in the resume state. */
  function keptForThisCourse(essays, entries) {
    var kept = {};
    entries.forEach(function (e) {
      var questions = (e.item.questions || []).slice();
      (e.item.cues || []).forEach(function (cue) { questions = questions.concat(cue.questions || []); });
      questions.forEach(function (q) {
        if (q.type === "essay" && typeof essays[q.id] === "string") { kept[q.id] = essays[q.id]; }
      });
    });
    return kept;
  }

  function fail(main, message) {
    CP.clear(main).appendChild(el("p", { class: "fatal", role: "alert", text: message }));
  }

  function start(win) {
    var doc = win.document;
    var main = doc.getElementById("main");
    var data = win.COURSE_DATA;
    if (!data || !data.course) { fail(main, "The course data (course-data.js) is missing."); return null; }
    var params = CP.query(win.location.search);
    var unit = params.unit || null;
    var entries = flatten(data, unit);
    if (!entries.length) { fail(main, "This course has no items" + (unit ? " for unit " + unit : "") + "."); return null; }

    var course = data.course;
    dressPage();

    var quizPositions = [];
    entries.forEach(function (e, i) { if (e.item.kind === "quiz") { quizPositions.push(i); } });

    var adapter = CP.tracking.create(params.tracking || data.tracking || "local",
      { window: win, courseId: course.id, unit: unit });
    var launch = adapter.start();
    CP.trackingStatus.attach(win, adapter, course);
    var sw = CP.lmsSwitches.resolve(data);
    var commits = CP.commitPolicy.create(adapter, sw, win, Date.now());
    var saved = CP.resumeState.decode(launch.state, entries.length, quizPositions.length);
    var state = saved || {
      index: 0,
      viewed: entries.map(function () { return false; }),
      quizzes: quizPositions.map(function () { return { attempts: 0, best: null, passed: false }; }),
      essays: {}
    };
    state.essays = keptForThisCourse(state.essays || {}, entries);
    if (!saved && launch.location) {
      entries.forEach(function (e, i) { if (e.item.id === launch.location) { state.index = i; } });
    }
    var returning = !!saved || state.index > 0;
    var languages = Array.isArray(data.languages) && data.languages.length > 1 ? data.languages : null;
    var referenceQuestions = {};
    if (languages) {
      entries.forEach(function (e) {
        var questions = (e.item.questions || []).slice();
        (e.item.cues || []).forEach(function (cue) { questions = questions.concat(cue.questions || []); });
        questions.forEach(function (q) { referenceQuestions[q.id] = q; });
      });
    }
    var shown = null;  /* what the page shows: "cover", "prompt" or "item" (results included) */
    var cueHandled = {};  /* item id -> {cue id: true}: cues closed in the item shown */
    var redrawing = false;  /* the item is drawn again in another language */
    var picker = null;
    if (languages) {
      CP.languages.remember(data, course.language);
      var wanted = CP.languages.find(languages, (saved && saved.lang) || CP.languages.stored(win, course.id));
      state.lang = course.language;
      picker = CP.languages.picker(doc, languages, course.language, function (entry) { switchTo(entry); });
    }
    if (languages || course.dir) { CP.captions.setLanguage(course.language); }

    var els = {
      main: main, title: null,
      next: doc.getElementById("next"), previous: doc.getElementById("previous"),
      menu: doc.getElementById("menu"), outline: doc.getElementById("outline"),
      position: doc.getElementById("position")
    };
    var current = null;
    var blocked = false;
    var finished = false;
    var drawHistory = {};
    var attemptDraws = {};  /* quiz id -> ids of the questions of the attempt on screen */
    var cueAttempts = {};
    var stateErrors = {};
    var draftTimer = null;
    var DRAFT_SAVE_MS = 2000;

    /* The page in the language of the data shown: strings, lang and dir, titles. */
    function dressPage() {
      CP.languages.applyStrings((data.theme || {}).strings);
      CP.screens.dressChrome(doc);
      CP.languages.dress(doc, course);
      var unitTitle = unit ? entries[0].lesson.title : course.title;
      doc.title = unitTitle;
      doc.getElementById("course-title").textContent = unitTitle;
    }

    /* Another language, in place: the same items (same ids) with that language's text and
       media; the learner stays where they are, tracking goes on as it was. */
    function switchTo(entry, then) {
      CP.languages.load(win, entry, function (next) {
        var nextEntries = next && flatten(next, unit);
        if (!next || nextEntries.length !== entries.length) {
          picker.value = course.language;
          if (then) { then(); }
          return;
        }
        data = next;
        course = data.course;
        entries = nextEntries;
        state.lang = entry.tag;
        CP.languages.store(win, course.id, entry.tag);
        CP.captions.setLanguage(entry.tag);
        dressPage();
        CP.languages.relabel(doc, picker, entry.tag);
        if (then) { then(); return; }
        redraw();
        if (!finished) { writeProgress(); }
      });
    }

    /* The item shown again in the new language: the answers given so far and the media's
       time carried over. */
    function redraw() {
      if (shown === "cover") { begin(false, false); return; }
      if (shown !== "item") { updateChrome(); return; }
      var media = main.querySelector("video, audio");
      var at = media ? media.currentTime : 0;
      var restore = CP.languages.keepAnswers(main);
      redrawing = true;
      go(state.index, false);
      redrawing = false;
      restore(main);
      media = main.querySelector("video, audio");
      if (media && at) {
        if (media.readyState > 0) { media.currentTime = at; }
        else { media.addEventListener("loadedmetadata", function () { media.currentTime = at; }, { once: true }); }
      }
    }

    function quizRecord(index) { return state.quizzes[quizPositions.indexOf(index)]; }

    function isScoredQuiz(item) { return (item.questions || []).some(CP.scoring.isScored); }

    function summary() {
      var quizzes = quizPositions.map(function (pos, k) {
        var item = entries[pos].item;
        var rec = state.quizzes[k];
        return { title: item.title, weight: item.weight, best: rec.best, attempts: rec.attempts,
          passed: rec.passed, scored: isScoredQuiz(item), limit: item.attempts || 0,
          bestText: CP.quiz.bestScoreText(item, rec.best), essays: keptEssays(item) };
      });
      var course = CP.scoring.scoreCourse(quizzes, data.course.masteryScore);
      return { complete: isComplete(quizzes), percent: course.percent, passed: course.passed,
        quizzes: quizzes, hasMastery: typeof data.course.masteryScore === "number" };
    }

    /* [{question, text}]: the quiz's essays the learner wrote something in. */
    function keptEssays(item) {
      return (item.questions || []).filter(function (q) {
        return q.type === "essay" && state.essays[q.id];
      }).map(function (q) { return { question: q, text: state.essays[q.id] }; });
    }

    /* What the learner types in an essay is kept as it is typed (saved once typing pauses),
       so that a relaunch shows it; a submitted answer is kept the same way. */
    function keepDraft(questionId, text) {
      if (text) { state.essays[questionId] = text; } else { delete state.essays[questionId]; }
      if (draftTimer !== null) { win.clearTimeout(draftTimer); }
      draftTimer = win.setTimeout(function () { draftTimer = null; report(false); }, DRAFT_SAVE_MS);
    }

    function isComplete(quizzes) {
      var viewed = state.viewed.filter(Boolean).length;
      var policy = data.course.completion || "all_items";
      if (policy === "percent_viewed") {
        var threshold = typeof data.course.completionThreshold === "number" ? data.course.completionThreshold : 1;
        return viewed / entries.length >= threshold - 1e-9;
      }
      if (policy === "quizzes_passed" && quizzes.length) {
        return quizzes.every(function (q) {
          return q.passed || (q.limit > 0 && q.attempts >= q.limit);
        });
      }
      return viewed === entries.length;
    }

    /* The resume state within the profile's suspend-data limit; what had to be dropped (or
       the whole state, when even the reduced form is too long) is noted once as an error. */
    function saveState() {
      var fitted = CP.resumeState.fit(state, sw.suspend_data_limit, sw.compress_suspend_data);
      var code = fitted.text === null ? "length" : fitted.reduced ? "reduced" : null;
      if (code && !stateErrors[code]) {
        stateErrors[code] = true;
        adapter.errors.push({ call: "saveState", element: "suspend_data", code: code });
      }
      if (fitted.text !== null) { adapter.saveState(fitted.text); }
    }

    function writeProgress() {
      if (finished) { return; }  /* the session ended: the LMS takes no more values */
      saveState();
      adapter.setLocation(state.index < entries.length ? entries[state.index].item.id : "results");
      adapter.setProgress(state.viewed.filter(Boolean).length / entries.length);
    }

    function writeStatus(s) {
      adapter.setSuccess(s.complete && s.hasMastery ? s.passed : null);
      adapter.setCompletion(s.complete);
    }

    function report(milestone) {
      if (finished) { return; }
      writeProgress();
      if (!milestone) { commits.request("change"); return; }
      var s = summary();
      var attempted = s.quizzes.some(function (q) { return q.attempts > 0; });
      if (!sw.score_before_status) { writeStatus(s); }
      if (attempted && s.percent !== null) {
        adapter.setScore({ raw: Math.round(s.percent * 100) / 100, min: 0, max: 100,
          scaled: Math.round(s.percent * 100) / 10000 });
      }
      if (sw.score_before_status) { writeStatus(s); }
      commits.request("status");
      updateChrome();
    }

    /* One cmi.objectives.n per quiz (k: its place among the quizzes). */
    function reportObjective(k) {
      if (!sw.objectives || !adapter.setObjective || finished) { return; }
      var item = entries[quizPositions[k]].item;
      var rec = state.quizzes[k];
      var exhausted = item.attempts > 0 && rec.attempts >= item.attempts;
      adapter.setObjective({
        index: k, id: item.id, raw: rec.best, min: 0, max: 100,
        scaled: rec.best === null ? null : Math.round(rec.best * 100) / 10000,
        status: !isScoredQuiz(item) ? "completed" : rec.passed ? "passed" : exhausted ? "failed" : "incomplete"
      });
    }

    function markViewed(index) {
      if (state.viewed[index]) { return; }
      state.viewed[index] = true;
      report(true);
    }

    /* attempt: 1 for a first answer; ids carry it (q1_a2) when the LMS wants unique ids.
       The question as the package's default language words it (its description, options and
       correct pattern): the records are the same whichever language the learner reads. */
    function record(question, response, outcome, idPrefix, latencyMs, attempt) {
      if (!sw.interactions || finished) { return; }
      var id = idPrefix + "_" + question.id + (sw.unique_interaction_ids ? "_a" + attempt : "");
      var reference = referenceQuestions[question.id] || question;
      var interaction = CP.tracking.interactionFor(reference, response, outcome, {
        id: id, latencyMs: latencyMs, timestamp: Date.now()
      });
      if (interaction) { adapter.recordInteraction(interaction); }
    }

    function recordAll(result, idPrefix, attempt) {
      result.questions.forEach(function (q) {
        if (q.type === "essay" && result.responses[q.id]) { state.essays[q.id] = result.responses[q.id]; }
        if (CP.questions.isTextOnly(q)) { return; }  /* text between questions: not an interaction */
        record(q, result.responses[q.id], result.results[q.id], idPrefix, result.latencyMs, attempt);
      });
    }

    /* What a cue point of a video or narrated slide reports: its answers as interactions
       <item>_<cue>_<question>, and navigation held while a must-answer cue is open. */
    function cueContext(item) {
      return {
        handled: cueHandled[item.id] = cueHandled[item.id] || {},
        onCueAnswered: function (cue, result) {
          var prefix = item.id + "_" + cue.id;
          cueAttempts[prefix] = (cueAttempts[prefix] || 0) + 1;
          recordAll(result, prefix, cueAttempts[prefix]);
          commits.request("change");
        },
        setBlocked: function (value) { blocked = value; updateChrome(); }
      };
    }

    function viewFor(index) {
      var item = entries[index].item;
      switch (item.kind) {
        case "video": {
          var ctx = cueContext(item);
          ctx.onComplete = function () { markViewed(index); };
          return CP.video.VideoView(item, ctx);
        }
        case "slide": return CP.views.SlideView(item, cueContext(item));
        case "page": return CP.views.PageView(item);
        case "quiz": {
          var rec = quizRecord(index);
          drawHistory[item.id] = drawHistory[item.id] || {};
          if (!redrawing) { delete attemptDraws[item.id]; }  /* a visit draws a new attempt */
          return CP.quiz.QuizView(item, {
            record: rec, seen: drawHistory[item.id], random: Math.random,
            kept: state.essays, onDraft: keepDraft, drawn: attemptDraws[item.id] || null,
            onDrawn: function (ids) { attemptDraws[item.id] = ids; },
            onSubmitted: function (result) {
              delete attemptDraws[item.id];  /* shown again, the quiz draws its next attempt */
              rec.attempts += 1;
              if (result.percent !== null && (rec.best === null || result.percent > rec.best)) {
                rec.best = result.percent;
              }
              rec.passed = rec.passed || result.passed;
              recordAll(result, item.id, rec.attempts);
              reportObjective(quizPositions.indexOf(index));
              if (state.viewed[index]) { report(true); } else { markViewed(index); }
            }
          });
        }
        default:
          return { render: function () { return el("p", { text: item.title }); } };
      }
    }

    function renderResultsScreen(container) {
      var s = summary();
      CP.screens.renderResults(container, s, course.endMessage);
      CP.certificate.renderEnd(container, { course: course, learnerName: launch.learnerName, summary: s,
        theme: data.theme, window: win, wholeCourse: !unit });
      if (unit && s.complete && adapter.canContinue()) {
        container.appendChild(el("div", { class: "actions" }, [
          el("button", { type: "button", class: "primary", text: S.continue, onclick: function () {
            adapter.requestContinue();
            exit();
            container.appendChild(el("p", { role: "status", text: S.finished }));
          } })
        ]));
      }
    }

    function updateChrome() {
      els.previous.disabled = blocked || state.index === 0;
      els.next.disabled = blocked || state.index >= entries.length;
      els.position.textContent = state.index < entries.length
        ? CP.say("itemOf", { current: state.index + 1, total: entries.length }) : S.results;
      if (!els.outline.hidden) { drawOutline(); }
    }

    function drawOutline() {
      CP.screens.renderOutline(els.outline, entries, state.index,
        function (i) { return state.viewed[i] ? S.completed : S.notStarted; },
        function (i) { toggleMenu(false); go(i, true); });
    }

    function toggleMenu(open) {
      els.outline.hidden = !open;
      els.menu.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        drawOutline();
        var here = els.outline.querySelector("[aria-current]");
        if (here) { here.focus(); }
      }
    }

    function go(index, moveFocus) {
      if (blocked || index < 0 || index > entries.length) { return; }
      if (current && current.leave) { current.leave(); }
      state.index = index;
      shown = "item";
      if (!redrawing) { cueHandled = {}; }  /* a visit asks the item's cues again */
      var viewedNow = false;
      CP.clear(main);
      var heading = el("h1", { id: "item-title", tabindex: "-1" });
      main.appendChild(heading);
      if (index === entries.length) {
        heading.textContent = S.results;
        current = null;
        /* an LMS that records a grade only at LMSFinish may never see one sent at unload */
        if (sw.finish_when_complete && !finished && summary().complete) {
          writeProgress();
          exit();
        }
        renderResultsScreen(main);
      } else {
        var item = entries[index].item;
        heading.textContent = item.title;
        main.setAttribute("data-kind", item.kind);
        current = viewFor(index);
        main.appendChild(current.render());
        viewedNow = item.kind === "slide" || item.kind === "page";
        if (viewedNow) { state.viewed[index] = true; report(true); }
      }
      if (index === entries.length) { main.setAttribute("data-kind", "results"); }
      if (viewedNow) { writeProgress(); } else { report(false); }  /* no second commit request */
      updateChrome();
      if (moveFocus) { heading.focus(); }
    }

    /* unload: the page is being dismissed (else the learner chose to leave, e.g. Continue). */
    function exit(unload) {
      if (finished) { return; }
      finished = true;
      commits.stop();
      saveState();
      adapter.finish({ suspend: !summary().complete, unload: unload === true });
    }

    els.next.addEventListener("click", function () { go(state.index + 1, true); });
    els.previous.addEventListener("click", function () { go(state.index - 1, true); });
    els.menu.addEventListener("click", function () { toggleMenu(els.outline.hidden); });
    doc.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      if (event.key === "Escape" && !els.outline.hidden) { toggleMenu(false); els.menu.focus(); return; }
      if (CP.isFormField(event.target)) { return; }
      /* mirrored in a right-to-left language: the arrow pointing ahead goes on */
      var rtl = doc.documentElement.getAttribute("dir") === "rtl";
      var ahead = rtl ? "ArrowLeft" : "ArrowRight", back = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === ahead && !els.next.disabled) { event.preventDefault(); go(state.index + 1, true); }
      if (event.key === back && !els.previous.disabled) { event.preventDefault(); go(state.index - 1, true); }
    });
    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState === "hidden" && !finished) { writeProgress(); commits.hide(); }
    });
    win.addEventListener("pagehide", function () { exit(true); });

    /* resume: continue at the saved item; else start at the first (what was completed stays),
       behind the cover when the course has one and this launch begins the course. */
    function begin(resume, moveFocus) {
      if (resume) { go(Math.min(state.index, entries.length), moveFocus); return; }
      state.index = 0;
      if (!course.cover || (unit && unit !== flatten(data, null)[0].lesson.id)) { go(0, moveFocus); return; }
      els.previous.disabled = els.next.disabled = true;
      els.position.textContent = "";
      shown = "cover";
      var coverHeading = CP.cover.render(main, course, data.theme, function () { go(0, true); });
      if (moveFocus) { coverHeading.focus(); }
    }
    var resumeChoice = returning ? course.resume || "always" : "never";
    if (resumeChoice === "ask" && state.index === 0) { resumeChoice = "always"; }  /* nothing to choose */
    function open() {
      if (resumeChoice === "ask") {
        els.previous.disabled = els.next.disabled = true;
        shown = "prompt";
        CP.resumePrompt.ask(doc, function (resume) { begin(resume, true); });
      }
      else { begin(resumeChoice !== "never", false); }
    }
    /* the language chosen before, when it is not the one the package opens in */
    if (languages && wanted && wanted.tag !== course.language) { switchTo(wanted, open); }
    else { open(); }
    return { adapter: adapter, state: state, entries: entries, go: go, exit: exit, summary: summary };
  }

  CP.start = start;
  document.addEventListener("DOMContentLoaded", function () { CP.app = start(window); });
})(window);
