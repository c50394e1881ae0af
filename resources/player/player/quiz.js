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

  /* A form of questions with one Submit button.
     options: {shuffle, random, passMark, showAnswers(result) -> bool, onSubmit(result) }
     result: {percent, passed, score, max, results, responses, latencyMs, questions} */
  function attemptForm(questions, options) {
    var startedAt = Date.now();
    var form = el("form", { class: "attempt", novalidate: true });
    var alertBox = el("p", { class: "form-alert", role: "alert" });
    var rendered = questions.map(function (q, i) {
      var view = CP.questions.render(q, { shuffle: options.shuffle, random: options.random,
        number: i + 1, total: questions.length });
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
      rendered.forEach(function (view, i) {
        var read = view.read();
        view.setMessage(read.answered ? "" : read.message || "");
        if (!read.answered) { missing.push({ view: view, number: i + 1 }); }
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
    return { node: form, focus: function () { if (rendered.length) { rendered[0].focus(); } } };
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
     onSubmitted(result), focusAfterRender(node)} */
  function QuizView(item, ctx) {
    var root = el("div", { class: "quiz" });
    var status = el("p", { class: "quiz-status" });
    var area = el("div", { class: "quiz-area" });
    root.appendChild(status);
    root.appendChild(area);

    function describe() {
      var rec = ctx.record;
      var parts = [];
      if (typeof item.passMark === "number") { parts.push(S.passMark(item.passMark)); }
      if (rec.attempts) { parts.push(S.bestScore + CP.fmtPct(rec.best) + "."); }
      var left = attemptsLeft(item, rec);
      parts.push(left === 0 ? S.noAttemptsLeft : S.attemptsLeft(left));
      status.textContent = parts.join(" ");
    }

    function summary(result) {
      var box = el("section", { class: "quiz-result", "aria-labelledby": CP.uid("r") });
      var heading = el("h2", { id: box.getAttribute("aria-labelledby"), tabindex: "-1", text: S.result });
      box.appendChild(heading);
      var verdict = result.percent === null ? S.answered
        : S.quizSummary(result.percent, item.passMark) + " " + (result.passed ? S.passed : S.failed) + ".";
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
      var questions = attemptQuestions(item.questions || [], item.draw, ctx.seen, ctx.random);
      var form = attemptForm(questions, {
        shuffle: item.shuffle === true, random: ctx.random, passMark: item.passMark,
        showAnswers: revealPolicy(item),
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
          text: S.bestScore + CP.fmtPct(ctx.record.best) + ". " + (ctx.record.passed ? S.passed : S.failed) + "." }));
      } else {
        startAttempt(null);
      }
      return root;
    }

    return { render: render };
  }

  CP.quiz = {
    QuizView: QuizView, attemptForm: attemptForm, draw: draw, attemptQuestions: attemptQuestions
  };
})(window);
