// "Should I run today?" and friends: one question at a time, in place.
//
// The start page the build wrote is the truth: its Start link leads to static
// question pages that work without JavaScript. This module only enhances it.
// It reads the tree from an inert JSON block, keeps the answers in the URL
// (?answers=0.1.0) so links, reload and back/forward work, and never turns
// text into markup: question text goes in with textContent, and outcome panels
// are copies of HTML the build rendered. Anything it does not understand sends
// the reader to the static pages, never to a result.

const VERDICTS = ["go", "easy", "cross-train", "rest", "see-a-physio", "urgent"];
const PARAM = "answers";

class QuizDataError extends Error {}

// Check the data before trusting it: every edge must land on a known node.
function checkTree(tree, $root) {
  const ok = (test, what) => { if (!test) throw new QuizDataError(what); };
  ok(tree && tree.version === 1 && tree.questions && tree.outcomes, "unknown data");
  ok(tree.questions[tree.start], "no start question");
  for (const [id, q] of Object.entries(tree.questions)) {
    ok(typeof q.text === "string" && Array.isArray(q.answers) && q.answers.length >= 2, `question ${id}`);
    for (const a of q.answers) {
      ok(typeof a.label === "string" && (tree.questions[a.next] || tree.outcomes[a.next]), `answer of ${id}`);
    }
  }
  for (const [id, o] of Object.entries(tree.outcomes)) {
    ok(typeof o.title === "string" && VERDICTS.includes(o.verdict), `outcome ${id}`);
    ok(panelOf($root, id), `panel ${id}`);
  }
  return tree;
}

function panelOf($root, id) {
  return [...$root.querySelectorAll(".slsr-quiz__outcomes [data-outcome-id]")].find(($p) => $p.dataset.outcomeId === id);
}

function el(tag, className, text) {
  const $el = document.createElement(tag);
  if (className) $el.className = className;
  if (text) $el.textContent = text;
  return $el;
}

class Quiz {
  constructor($root) {
    this.$root = $root;
    this.tree = checkTree(JSON.parse($root.querySelector(".slsr-quiz__data").textContent), $root);
    this.$intro = $root.querySelector(".slsr-quiz__intro");
    const prefix = `${this.tree.title} - `; // the start page is titled "<quiz> - <site>"
    this.siteTitle = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title;
    this.introTitle = document.title;
    this.lastChoice = new Map(); // answers so far -> answer chosen next, so Back can show it
    this.build();
    $root.querySelector(".slsr-quiz__start").addEventListener("click", (event) => {
      event.preventDefault();
      this.go([], true);
    });
    window.addEventListener("popstate", () => this.show(true));
    document.documentElement.classList.add("slsr-js");
    this.show(false);
  }

  build() {
    this.$stage = el("div", "slsr-quiz__stage");
    this.$stage.hidden = true;
    this.$progress = el("p", "slsr-quiz__progress");
    this.$heading = el("h1", "slsr-quiz__heading");
    this.$heading.tabIndex = -1;
    this.$help = el("p", "slsr-quiz__help");
    this.$body = el("div", "slsr-quiz__body");
    const $controls = el("p", "slsr-quiz__controls");
    this.$back = el("button", "md-button", "Back");
    this.$restart = el("button", "md-button", "Start again");
    this.$print = el("button", "md-button", "Print for your physio");
    for (const $b of [this.$back, this.$restart, this.$print]) $b.type = "button";
    this.$back.addEventListener("click", () => this.back());
    this.$restart.addEventListener("click", () => this.go([], true));
    this.$print.addEventListener("click", () => window.print());
    $controls.append(this.$back, this.$restart, this.$print);
    this.$notice = el("p", "slsr-quiz__notice", "That quiz link is out of date. Please start again.");
    this.$notice.hidden = true;
    this.$intro.prepend(this.$notice);
    this.$live = el("div", "slsr-sr-only");
    this.$live.setAttribute("aria-live", "polite");
    this.$stage.append(this.$progress, this.$heading, this.$help, this.$body, $controls);
    this.$root.append(this.$stage, this.$live);
  }

  // The answers in the URL, or null when the reader is on the start page.
  answers() {
    const raw = new URLSearchParams(location.search).get(PARAM);
    if (raw === null) return null;
    return raw === "" ? [] : raw.split(".").map((n) => (/^\d{1,3}$/.test(n) ? Number(n) : -1));
  }

  go(answers, push) {
    const url = new URL(location.href);
    url.searchParams.set(PARAM, answers.join("."));
    history[push ? "pushState" : "replaceState"]({ slsrQuiz: answers.length, fromQuiz: push }, "", url);
    this.show(true);
  }

  // Back undoes the last answer. When the previous step is our own history
  // entry, step back through history so browser Forward still works.
  back() {
    const answers = this.answers() || [];
    if (answers.length === 0) return this.leave();
    // Remember the answer being undone, also after a reload or a shared link.
    this.lastChoice.set(answers.slice(0, -1).join("."), answers[answers.length - 1]);
    const state = history.state;
    if (state && state.slsrQuiz === answers.length && state.fromQuiz) history.back();
    else this.go(answers.slice(0, -1), false);
  }

  leave() {
    const url = new URL(location.href);
    url.searchParams.delete(PARAM);
    history.pushState(null, "", url);
    this.show(true);
  }

  // Follow the answers from the start. Returns the node reached, or null if
  // the answers do not fit this tree (an old or edited link).
  walk(answers) {
    const steps = [];
    let node = this.tree.start;
    for (const choice of answers) {
      const q = this.tree.questions[node];
      if (!q || !q.answers[choice]) return null;
      steps.push({ question: q, answer: q.answers[choice] });
      node = q.answers[choice].next;
    }
    return { node, steps };
  }

  show(moveFocus) {
    const answers = this.answers();
    const walked = answers && this.walk(answers);
    if (!walked) {
      this.$intro.hidden = false;
      this.$stage.hidden = true;
      document.title = this.introTitle;
      this.$notice.hidden = !answers;
      if (moveFocus) this.$intro.querySelector("h1").focus();
      if (answers) this.announce(this.$notice.textContent);
      return;
    }
    this.$intro.hidden = true;
    this.$stage.hidden = false;
    this.$body.replaceChildren();
    const question = this.tree.questions[walked.node];
    if (question) this.showQuestion(question, answers);
    else this.showOutcome(walked.node, walked.steps);
    document.title = `${this.$heading.textContent} - ${this.siteTitle}`;
    this.$print.hidden = Boolean(question);
    if (moveFocus) this.$heading.focus();
    this.announce(`${this.$progress.textContent}. ${this.$heading.textContent}`);
  }

  showQuestion(question, answers) {
    const step = answers.length + 1;
    this.$progress.textContent = `Question ${step} of up to ${step - 1 + question.left}`;
    this.$heading.textContent = question.text;
    this.$help.textContent = question.help || "";
    this.$help.hidden = !question.help;
    const $list = el("ul", "slsr-quiz__answers");
    const previous = this.lastChoice.get(answers.join("."));
    question.answers.forEach((answer, index) => {
      const $item = el("li");
      const $button = el("button", "slsr-quiz__answer", answer.label);
      $button.type = "button";
      $button.addEventListener("click", () => {
        this.lastChoice.set(answers.join("."), index);
        this.go([...answers, index], true);
      });
      $item.append($button);
      if (index === previous) {
        const $note = el("span", "slsr-quiz__previous", "Your last answer");
        $note.id = `slsr-previous-${answers.length}`;
        $button.setAttribute("aria-describedby", $note.id);
        $item.append($note);
      }
      $list.append($item);
    });
    this.$body.append($list);
  }

  showOutcome(id, steps) {
    this.$progress.textContent = "Your result";
    this.$heading.textContent = this.tree.outcomes[id].title;
    this.$help.hidden = true;
    const $copy = this.panel(id).cloneNode(true);
    const $given = el("div", "slsr-quiz__given");
    $given.append(el("h2", "", "Your answers"));
    const $list = el("ol");
    for (const { question, answer } of steps) {
      const $item = el("li", "", `${question.text} `);
      $item.append(el("strong", "", answer.label));
      $list.append($item);
    }
    $given.append($list);
    $copy.append($given);
    this.$body.append($copy);
  }

  panel(id) {
    return panelOf(this.$root, id);
  }

  announce(text) {
    this.$live.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeats too.
    setTimeout(() => { this.$live.textContent = text; }, 50);
  }
}

// Each quiz on the page starts on its own, so one broken quiz breaks nothing else.
for (const $root of document.querySelectorAll('[data-module="slsr-quiz"]')) {
  try {
    new Quiz($root);
  } catch (error) {
    // Unknown data: keep the static pages (the Start link still works) and say so.
    const $broken = $root.querySelector(".slsr-quiz__broken");
    if ($broken) $broken.hidden = false;
    console.warn("Quiz fell back to the step-by-step pages:", error.message);
  }
}
