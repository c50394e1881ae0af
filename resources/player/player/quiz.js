/* Quiz attempts: draw, render, submit, feedback, retry. Also used for in-video questions. */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer;
  var el = CP.el;
  var S = CP.strings;

  /* Draw n questions without repeats inside an attempt, preferring ones not drawn before. */
  function draw(questions, n, seen, random) {
    if (!n || n >= questions.length) { return questions.slice(); }
    var fresh = CP.shuffled(questions.filter(function (q) { return !seen[q.id]; }), random);
    var old = CP.shuffled(questions.filter(function (q) { return seen[q.id]; }), random);
    var picked = fresh.concat(old).slice(0, n);
    if (fresh.length <= n) { questions.forEach(function (q) { seen[q.id] = false; }); }
    picked.forEach(function (q) { seen[q.id] = true; });
    /* Keep authored order among the drawn questions. */
    return questions.filter(function (q) { return picked.indexOf(q) >= 0; });
  }

  /* The questions of one attempt: every fixed question, and n drawn from the bank
     (the same rule as the studio's scoring.attempt_questions). */
  function attemptQuestions(questions, n, seen, random) {
    var bank = questions.filter(function (q) { return q.pool === "bank"; });
    var drawn = draw(bank, n, seen, random);
    return questions.filter(function (q) { return q.pool !== "bank" || drawn.indexOf(q) >= 0; });
  }

  /* A form of questions with one Submit button; text-only entries (descriptions) are shown in
     place but neither numbered nor counted.
     options: {shuffle, random, passMark, showAnswers(result) -> bool, onSubmit(result),
       kept: {questionId: text} (written answers to show again), onDraft(questionId, text) }
     result: {percent, passed, score, max, results, responses, latencyMs, questions} */
  function attemptForm(questions, options) {
    var startedAt = Date.now();
    var form = el("form", { class: "attempt", novalidate: true });
    var alertBox = el("p", { class: "form-alert", role: "alert" });
    var total = questions.filter(function (q) { return !CP.questions.isTextOnly(q); }).length;
    var number = 0;
    var rendered = questions.map(function (q) {
      if (!CP.questions.isTextOnly(q)) { number += 1; }
      var view = CP.questions.render(q, { shuffle: options.shuffle, random: options.random,
        number: number, total: total, kept: options.kept || {}, onDraft: options.onDraft });
      view.number = number;
      form.appendChild(view.node);
      return view;
    });
    var submit = el("button", { type: "submit", class: "primary", text: S.submit });
    form.appendChild(alertBox);
    form.appendChild(el("div", { class: "actions" }, [submit]));

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var responses = {};
      var missing = [];
      rendered.forEach(function (view) {
        var read = view.read();
        view.setMessage(read.answered ? "" : read.message || "");
        if (!read.answered) { missing.push({ view: view, number: view.number }); }
        responses[view.question.id] = read.response;
      });
      if (missing.length) {
        alertBox.textContent = S.unanswered + missing.map(function (m) { return m.number; }).join(", ");
        missing[0].view.focus();
        return;
      }
      alertBox.textContent = "";
      var result = CP.scoring.scoreQuiz(questions, responses, options.passMark);
      result.responses = responses;
      result.questions = questions;
      result.latencyMs = Date.now() - startedAt;
      var reveal = options.showAnswers(result);
      rendered.forEach(function (view) {
        view.showFeedback(result.results[view.question.id], responses[view.question.id], reveal);
        view.disable();
      });
      submit.remove();
      options.onSubmit(result);
    });
    return { node: form, focus: function () { rendered.some(function (view) { return view.focus(); }); } };
  }

  /* The points one attempt at the quiz is worth; null when drawing from the bank makes it
     differ from attempt to attempt. */
  function maxPoints(item) {
    var questions = item.questions || [];
    var worth = function (q) { return CP.scoring.scoreQuestion(q, null).max; };
    var sum = function (list) { return list.reduce(function (t, q) { return t + worth(q); }, 0); };
    var bank = questions.filter(function (q) { return q.pool === "bank"; });
    var fixed = sum(questions.filter(function (q) { return q.pool !== "bank"; }));
    if (!item.draw || item.draw >= bank.length) { return fixed + sum(bank); }
    var each = bank.length ? worth(bank[0]) : 0;
    var even = bank.every(function (q) { return worth(q) === each; });
    return even ? fixed + item.draw * each : null;
  }

  /* "Score: 4.5 of 6 points, 75%; pass mark 50%." (points when max > 0, the pass mark when
     mark is a number). */
  function scoreSentence(pct, mark, score, max) {
    var hasPoints = typeof max === "number" && max > 0, hasMark = typeof mark === "number";
    var key = hasPoints ? (hasMark ? "quizSummary" : "quizSummaryNoPassMark")
      : (hasMark ? "quizSummaryNoPoints" : "quizSummaryPercent");
    return CP.say(key, { points: hasPoints ? CP.points(score, max) : null, percent: CP.fmtPct(pct),
      mark: mark });
  }

  /* "75%", or "75% (4.5 of 6 points)" when the quiz is worth a fixed number of points. */
  function bestScoreText(item, best) {
    var max = best === null || best === undefined ? null : maxPoints(item);
    return CP.fmtPct(best) + (max ? " (" + CP.points(best * max / 100, max) + ")" : "");
  }

  function attemptsLeft(item, record) {
    return item.attempts ? Math.max(0, item.attempts - record.attempts) : -1;
  }

  function revealPolicy(item) {
    return function (result) {
      if (item.showAnswers === "always") { return true; }
      if (item.showAnswers === "after_pass") { return result.passed; }
      return false;
    };
  }

  /* The quiz item. ctx: {record: {attempts, best, passed}, seen: {}, random,
     onSubmitted(result), focusAfterRender(node), kept: {questionId: text}, onDraft(id, text),
     drawn: [questionId] (the attempt on screen, shown again rather than drawn anew),
     onDrawn([questionId])} */
  function QuizView(item, ctx) {
    var root = el("div", { class: "quiz" });
    var status = el("p", { class: "quiz-status" });
    var area = el("div", { class: "quiz-area" });
    root.appendChild(status);
    root.appendChild(area);

    function describe() {
      var rec = ctx.record;
      var parts = [];
      if (typeof item.passMark === "number") { parts.push(CP.say("passMark", { mark: item.passMark })); }
      if (rec.attempts) { parts.push(S.bestScore + bestScoreText(item, rec.best) + "."); }
      var left = attemptsLeft(item, rec);
      parts.push(left === 0 ? S.noAttemptsLeft
        : left < 0 ? S.unlimitedAttempts : CP.say("attemptsLeft", { count: left }, left));
      status.textContent = parts.join(" ");
    }

    function summary(result) {
      var box = el("section", { class: "quiz-result", "aria-labelledby": CP.uid("r") });
      var heading = el("h2", { id: box.getAttribute("aria-labelledby"), tabindex: "-1", text: S.result });
      box.appendChild(heading);
      var verdict = result.percent === null ? S.answered
        : scoreSentence(result.percent, item.passMark, result.score, result.max) + " " +
          (result.passed ? S.passed : S.failed) + ".";
      box.appendChild(el("p", { class: "verdict " + (result.passed ? "is-correct" : "is-incorrect"), text: verdict }));
      var left = attemptsLeft(item, ctx.record);
      if (!ctx.record.passed && left !== 0) {
        box.appendChild(el("div", { class: "actions" }, [
          el("button", { type: "button", class: "primary", text: S.retry, onclick: startAttempt })
        ]));
      }
      return { node: box, heading: heading };
    }

    function startAttempt(event) {
      CP.clear(area);
      var again = !event && ctx.drawn;
      var questions = again
        ? (item.questions || []).filter(function (q) { return again.indexOf(q.id) >= 0; })
        : attemptQuestions(item.questions || [], item.draw, ctx.seen, ctx.random);
      if (ctx.onDrawn) { ctx.onDrawn(questions.map(function (q) { return q.id; })); }
      var form = attemptForm(questions, {
        shuffle: item.shuffle === true, random: ctx.random, passMark: item.passMark,
        showAnswers: revealPolicy(item), kept: ctx.kept, onDraft: ctx.onDraft,
        onSubmit: function (result) {
          ctx.onSubmitted(result);
          describe();
          var built = summary(result);
          area.appendChild(built.node);
          built.heading.focus();
        }
      });
      area.appendChild(form.node);
      describe();
      if (event) { form.focus(); }
    }

    function render() {
      describe();
      var left = attemptsLeft(item, ctx.record);
      if (ctx.record.passed || left === 0) {
        area.appendChild(el("p", { class: "verdict " + (ctx.record.passed ? "is-correct" : "is-incorrect"),
          text: S.bestScore + bestScoreText(item, ctx.record.best) + ". " + (ctx.record.passed ? S.passed : S.failed) + "." }));
        /* what the learner wrote stays readable once the quiz is closed */
        (item.questions || []).forEach(function (q) {
          var text = (ctx.kept || {})[q.id];
          if (q.type === "essay" && text) { area.appendChild(CP.essay.keptAnswer(q, text, "h2")); }
        });
      } else {
        startAttempt(null);
      }
      return root;
    }

    return { render: render };
  }

  CP.quiz = {
    QuizView: QuizView, attemptForm: attemptForm, draw: draw, attemptQuestions: attemptQuestions,
    maxPoints: maxPoints, bestScoreText: bestScoreText
  };
})(window);
