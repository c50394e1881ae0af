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

  function isFiniteNumber(x) { return typeof x === "number" && isFinite(x); }

  /* Weights that sum to 100 - WEIGHT_SLACK or more give full credit (Moodle's 0.33333 x 3). */
  var WEIGHT_SLACK = 0.01;
  /* The unscored question types, as the registry declares them (checked by a test). */
  var UNSCORED = ["likert", "essay", "description"];

  function clamp(x) { return Math.min(1, Math.max(0, x)); }

  /* A list-of-ids response with duplicates dropped (first kept); null for any other shape. */
  function idList(r) {
    if (!Array.isArray(r) || !r.every(function (x) { return typeof x === "string"; })) { return null; }
    return r.filter(function (id, i) { return r.indexOf(id) === i; });
  }

  function choiceWeight(choice) {
    if (isFiniteNumber(choice.weight)) { return choice.weight; }
    return choice.correct === true ? 100 : 0;
  }

  /* -> {right, wrong, wanted} of a list-of-ids response over q[options]; null if not a list. */
  function picks(q, options, r) {
    var given = idList(r);
    if (given === null) { return null; }
    var wanted = (q[options] || []).filter(function (o) { return o.correct === true; })
      .map(function (o) { return o.id; });
    var right = given.filter(function (id) { return wanted.indexOf(id) >= 0; }).length;
    return { right: right, wrong: given.length - right, wanted: wanted.length };
  }

  function share(p) { return p.wanted ? clamp((p.right - p.wrong) / p.wanted) : 0; }
  function exact(p) { return p.right === p.wanted && p.wrong === 0 ? 1 : 0; }

  function perItem(q, right, count) {
    if (q.scoring === "per-item") { return count ? right / count : 0; }
    return right === count ? 1 : 0;
  }

  function bestPartial(q, matches) {
    var best = 0;
    (q.partial || []).forEach(function (entry) {
      if (isFiniteNumber(entry.weight) && matches(entry) && entry.weight > best) { best = entry.weight; }
    });
    return clamp(best / 100);
  }

  function near(value, tolerance, r) {
    var slack = isFiniteNumber(tolerance) ? Math.abs(tolerance) : 0;
    return isFiniteNumber(value) && Math.abs(r - value) <= slack + NUMERIC_EPSILON;
  }

  /* Credit functions: (question, response) -> 0..1 (1 fully right); any other shape is 0. */
  var credits = {
    choice: function (q, r) {
      var choices = q.choices || [];
      for (var i = 0; i < choices.length; i++) {
        if (typeof r === "string" && choices[i].id === r) { return Math.max(0, choiceWeight(choices[i])) / 100; }
      }
      return 0;
    },
    multiple: function (q, r) {
      var p = picks(q, "choices", r);
      if (p === null) { return 0; }
      if (q.scoring === "partial") { return share(p); }
      if (q.scoring === "weighted") {
        var total = 0;
        (q.choices || []).forEach(function (c) { if (r.indexOf(c.id) >= 0) { total += choiceWeight(c); } });
        return total >= 100 - WEIGHT_SLACK ? 1 : clamp(total / 100);
      }
      return exact(p);
    },
    truefalse: function (q, r) { return typeof r === "boolean" && r === (q.answer === true) ? 1 : 0; },
    fill: function (q, r) {
      if (typeof r !== "string") { return 0; }
      var given = normaliseText(r, q);
      if ((q.answers || []).some(function (a) { return normaliseText(a, q) === given; })) { return 1; }
      return bestPartial(q, function (entry) { return normaliseText(entry.text, q) === given; });
    },
    numeric: function (q, r) {
      if (!isFiniteNumber(r)) { return 0; }
      if (isFiniteNumber(q.value)) {
        if (near(q.value, q.tolerance, r)) { return 1; }
      } else {
        var aboveMin = !isFiniteNumber(q.min) || r >= q.min - NUMERIC_EPSILON;
        var belowMax = !isFiniteNumber(q.max) || r <= q.max + NUMERIC_EPSILON;
        if (aboveMin && belowMax) { return 1; }
      }
      return bestPartial(q, function (entry) { return near(entry.value, entry.tolerance, r); });
    },
    matching: function (q, r) {
      if (!r || typeof r !== "object" || Array.isArray(r)) { return 0; }
      var pairs = q.pairs || [], rightOf = {};
      pairs.forEach(function (p) { rightOf[p.id] = p.right; });
      var right = pairs.filter(function (p) {
        var chosen = r[p.id];
        return typeof chosen === "string" && Object.prototype.hasOwnProperty.call(rightOf, chosen) &&
          rightOf[chosen] === p.right;
      }).length;
      return perItem(q, right, pairs.length);
    },
    sequencing: function (q, r) {
      var items = q.items || [];
      if (!Array.isArray(r)) { return 0; }
      var right = items.filter(function (item, i) {
        return i < r.length && typeof r[i] === "string" && r[i] === item.id;
      }).length;
      if (q.scoring !== "per-item" && r.length !== items.length) { return 0; }
      return perItem(q, right, items.length);
    },
    hotspot: function (q, r) {
      var p = picks(q, "regions", r);
      if (p === null) { return 0; }
      return q.scoring === "partial" ? share(p) : exact(p);
    },
    dragdrop: function (q, r) {
      if (!r || typeof r !== "object" || Array.isArray(r)) { return 0; }
      var items = q.items || [];
      var right = items.filter(function (item) {
        return Object.prototype.hasOwnProperty.call(r, item.id) && r[item.id] === item.category;
      }).length;
      return perItem(q, right, items.length);
    }
  };

  function isScored(question) { return UNSCORED.indexOf(question.type) < 0; }

  /* -> {score: points * credit, max, correct: credit === 1, credit: 0..1}; correct and credit
     are null for unscored questions (likert, essay, description). */
  function scoreQuestion(question, response) {
    if (!isScored(question)) { return { score: 0, max: 0, correct: null, credit: null }; }
    var creditOf = credits[question.type];
    if (!creditOf) { throw new Error("Unknown question type: " + question.type); }
    var points = isFiniteNumber(question.points) ? question.points : 1;
    var credit = response === null || response === undefined ? 0 : creditOf(question, response);
    return { score: points * credit, max: points, correct: credit === 1, credit: credit };
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
    isScored: isScored,
    UNSCORED: UNSCORED
  };
})(window);
