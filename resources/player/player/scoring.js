/* Scoring rules of the player data contract (notes: docs in the contract; the Python scorer
   follows the same rules and is checked against the same shared cases). */
(function (global) {
  "use strict";

  var CP = global.CoursePlayer = global.CoursePlayer || {};

  /* Whitespace is this explicit class (not \s) so that both scorers agree on every character. */
  var SPACE_RUN = /[\t\n\u000b\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var NUMERIC_EPSILON = 1e-9;

  function normaliseText(text, question) {
    var out = String(text === null || text === undefined ? "" : text).normalize("NFC");
    if (question.normaliseSpace !== false) { out = out.replace(SPACE_RUN, " ").trim(); }
    if (!question.caseSensitive) { out = out.toLowerCase(); }
    return out;
  }

  function correctChoiceIds(question) {
    return (question.choices || []).filter(function (c) { return c.correct === true; })
      .map(function (c) { return c.id; });
  }

  function isFiniteNumber(x) { return typeof x === "number" && isFinite(x); }

  var judges = {
    choice: function (q, r) {
      return typeof r === "string" && correctChoiceIds(q).indexOf(r) >= 0;
    },
    multiple: function (q, r) {
      if (!Array.isArray(r)) { return false; }
      var wanted = correctChoiceIds(q).slice().sort();
      var given = r.filter(function (id, i) { return r.indexOf(id) === i; }).sort();
      return wanted.length === given.length && wanted.every(function (id, i) { return id === given[i]; });
    },
    truefalse: function (q, r) { return typeof r === "boolean" && r === (q.answer === true); },
    fill: function (q, r) {
      if (typeof r !== "string") { return false; }
      var given = normaliseText(r, q);
      return (q.answers || []).some(function (a) { return normaliseText(a, q) === given; });
    },
    numeric: function (q, r) {
      if (!isFiniteNumber(r)) { return false; }
      if (isFiniteNumber(q.value)) {
        var tolerance = isFiniteNumber(q.tolerance) ? Math.abs(q.tolerance) : 0;
        return Math.abs(r - q.value) <= tolerance + NUMERIC_EPSILON;
      }
      var aboveMin = !isFiniteNumber(q.min) || r >= q.min - NUMERIC_EPSILON;
      var belowMax = !isFiniteNumber(q.max) || r <= q.max + NUMERIC_EPSILON;
      return aboveMin && belowMax;
    },
    matching: function (q, r) {
      if (!r || typeof r !== "object" || Array.isArray(r)) { return false; }
      var rightOf = {};
      (q.pairs || []).forEach(function (p) { rightOf[p.id] = p.right; });
      return (q.pairs || []).every(function (p) {
        var chosen = r[p.id];
        return typeof chosen === "string" && Object.prototype.hasOwnProperty.call(rightOf, chosen) &&
          rightOf[chosen] === p.right;
      });
    },
    sequencing: function (q, r) {
      var items = q.items || [];
      return Array.isArray(r) && r.length === items.length &&
        items.every(function (item, i) { return r[i] === item.id; });
    }
  };

  function isScored(question) { return question.type !== "likert"; }

  /* -> {score, max, correct}; correct is null for unscored (likert) questions. */
  function scoreQuestion(question, response) {
    if (!isScored(question)) { return { score: 0, max: 0, correct: null }; }
    var judge = judges[question.type];
    if (!judge) { throw new Error("Unknown question type: " + question.type); }
    var points = isFiniteNumber(question.points) ? question.points : 1;
    var correct = response !== null && response !== undefined && judge(question, response);
    return { score: correct ? points : 0, max: points, correct: correct };
  }

  /* questions: the questions of one attempt; responses: {questionId: response}.
     -> {score, max, percent (null when nothing is scored), passed, results: {id: result}} */
  function scoreQuiz(questions, responses, passMark) {
    var score = 0, max = 0, results = {};
    questions.forEach(function (q) {
      var result = scoreQuestion(q, responses[q.id]);
      results[q.id] = result;
      score += result.score;
      max += result.max;
    });
    var percent = max > 0 ? 100 * score / max : null;
    var passed = percent === null ? true : percent >= (isFiniteNumber(passMark) ? passMark : 0);
    return { score: score, max: max, percent: percent, passed: passed, results: results };
  }

  /* quizzes: [{weight, best (percent or null when unattempted), scored (bool)}]
     -> {percent (null when no weighted scored quiz), passed (null when undecidable)} */
  function scoreCourse(quizzes, masteryScore) {
    var total = 0, weights = 0;
    quizzes.forEach(function (q) {
      var weight = isFiniteNumber(q.weight) ? q.weight : 1;
      if (weight <= 0 || q.scored === false) { return; }
      weights += weight;
      total += weight * (isFiniteNumber(q.best) ? q.best : 0);
    });
    var percent = weights > 0 ? total / weights : null;
    var passed;
    if (masteryScore === null || masteryScore === undefined) { passed = true; }
    else if (percent === null) { passed = null; }
    else { passed = percent >= masteryScore; }
    return { percent: percent, passed: passed };
  }

  CP.scoring = {
    normaliseText: normaliseText,
    scoreQuestion: scoreQuestion,
    scoreQuiz: scoreQuiz,
    scoreCourse: scoreCourse,
    isScored: isScored
  };
})(window);
