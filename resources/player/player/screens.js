/* Course outline (menu) and the results screen. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* entries: [{item, module, lesson}]; status(i) -> "completed" | "not started";
     onPick(index) */
  function renderOutline(nav, entries, currentIndex, status, onPick) {
    CP.clear(nav);
    nav.appendChild(el("h2", { class: "outline-title", text: S.outline }));
    var moduleList = null, itemList = null, lastModule = null, lastLesson = null;
    var topList = el("ul", { class: "outline-modules" });
    nav.appendChild(topList);
    entries.forEach(function (entry, index) {
      if (entry.module !== lastModule) {
        lastModule = entry.module;
        lastLesson = null;
        moduleList = el("ul", { class: "outline-lessons" });
        topList.appendChild(el("li", {}, [el("h3", { text: entry.module.title }), moduleList]));
      }
      if (entry.lesson !== lastLesson) {
        lastLesson = entry.lesson;
        itemList = el("ol", { class: "outline-items" });
        moduleList.appendChild(el("li", {}, [el("h4", { text: entry.lesson.title }), itemList]));
      }
      itemList.appendChild(el("li", {}, [outlineButton(entry.item.title, index, currentIndex, status(index), onPick)]));
    });
    var resultsIndex = entries.length;
    nav.appendChild(el("p", { class: "outline-results" }, [
      outlineButton(S.results, resultsIndex, currentIndex, null, onPick)
    ]));
  }

  function outlineButton(title, index, currentIndex, state, onPick) {
    var button = el("button", { type: "button", class: "outline-item", "data-index": index,
      "aria-current": index === currentIndex ? "step" : null,
      "aria-label": state ? title + ", " + state : null,
      onclick: function () { onPick(index); } }, [el("span", { class: "outline-label", text: title })]);
    if (state) {
      button.appendChild(el("span", { class: "outline-state " + (state === S.completed ? "done" : "todo"),
        "aria-hidden": "true" }));
    }
    return button;
  }

  /* summary: {complete, percent, passed, quizzes: [{title, attempts, best, passed, scored,
     bestText (best with its points), essays: [{question, text}]}]};
     endMessage: the course's own words for a complete course ("" or absent: the default). */
  function renderResults(root, summary, endMessage) {
    root.appendChild(el("p", { class: "results-status",
      text: summary.complete ? endMessage || S.completeCourse : S.incompleteCourse }));
    if (summary.percent !== null) {
      root.appendChild(el("p", { class: "results-score", text: S.courseScore + CP.fmtPct(summary.percent) }));
    }
    if (summary.complete && summary.passed !== null && summary.hasMastery) {
      root.appendChild(el("p", { class: "results-verdict " + (summary.passed ? "is-correct" : "is-incorrect"),
        text: S.courseStatus + (summary.passed ? S.passed : S.failed) }));
    }
    if (!summary.quizzes.length) { return; }
    var table = el("table", { class: "results-table" }, [el("caption", { text: S.quiz })]);
    var head = el("tr");
    [S.quiz, S.attempts, S.score, S.result].forEach(function (label) {
      head.appendChild(el("th", { scope: "col", text: label }));
    });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    summary.quizzes.forEach(function (q) {
      var verdict = !q.attempts ? S.notAttempted : !q.scored ? S.survey : q.passed ? S.passed : S.failed;
      body.appendChild(el("tr", {}, [
        el("th", { scope: "row", text: q.title }),
        el("td", { text: String(q.attempts) }),
        el("td", { text: q.scored ? q.bestText || CP.fmtPct(q.best) : "–" }),
        el("td", { text: verdict })
      ]));
    });
    table.appendChild(body);
    /* Focusable so that keyboard users can scroll it when a narrow screen makes it overflow. */
    root.appendChild(el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": S.quiz },
      [table]));
    renderWritten(root, summary.quizzes);
  }

  /* What the learner wrote in essays, quiz by quiz. */
  function renderWritten(root, quizzes) {
    var withText = quizzes.filter(function (q) { return (q.essays || []).length; });
    if (!withText.length) { return; }
    var headingId = CP.uid("written");
    var box = el("section", { class: "written-answers", "aria-labelledby": headingId },
      [el("h2", { id: headingId, text: S.yourAnswers })]);
    withText.forEach(function (quiz) {
      box.appendChild(el("h3", { text: quiz.title }));
      quiz.essays.forEach(function (e) { box.appendChild(CP.essay.keptAnswer(e.question, e.text, "h4")); });
    });
    root.appendChild(box);
  }

  /* The page's fixed parts (index.html) in the current strings: a kit may rename them. */
  function dressChrome(doc) {
    var labels = { menu: S.menu, previous: S.previous, next: S.next };
    Object.keys(labels).forEach(function (id) {
      var node = doc.getElementById(id);
      if (node) { node.textContent = labels[id]; }
    });
    var skip = doc.querySelector(".skip-link");
    if (skip) { skip.textContent = S.skipToContent; }
    var outline = doc.getElementById("outline");
    if (outline) { outline.setAttribute("aria-label", S.outline); }
    var pager = doc.querySelector(".pager");
    if (pager) { pager.setAttribute("aria-label", S.itemNavigation); }
  }

  CP.screens = { renderOutline: renderOutline, renderResults: renderResults, dressChrome: dressChrome };
})(window);
