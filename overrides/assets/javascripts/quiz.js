// "Should I run today?" and friends: one question at a time, in place.
//
// The start page the build wrote is the truth: its Start link leads to static
// question pages that work without JavaScript, and every step this module
// shows is a <template> the build rendered with the same partials as those
// pages. The module only follows the answers: it reads the tree's structure
// from an inert JSON block, shows the step the answers lead to, points each
// answer link at ?answers=0.1.0 (so links, reload, back/forward and new tabs
// work), and fills in the few things only the reader's browser knows (the
// step number on a shared route, the answers given, today's date). It never
// turns text into markup. Anything it does not understand sends the reader to
// the static pages, never to a result.
//
// In the embed page (quiz/embed.html, inside a partner's sandboxed iframe) the
// answers live in memory, since a sandboxed frame may not rewrite its address,
// and the frame tells its parent page only its height, once the parent has
// said hello (see reportHeight below and embed.js).

const PARAM = "answers";
const EMBEDDED = document.documentElement.classList.contains("slsr-embed");

class QuizDataError extends Error {}

// Check the data before trusting it: every answer must land on a step the page has.
function readTree($root) {
  const data = JSON.parse($root.querySelector(".slsr-quiz__data").textContent);
  const ok = (test, what) => { if (!test) throw new QuizDataError(what); };
  ok(data && data.version === 2 && data.questions, "unknown data");
  const steps = new Map(); // node id -> { kind, $template }; a Map, so no id can reach Object.prototype
  for (const $t of $root.querySelectorAll("template[data-node]")) {
    steps.set($t.dataset.node, { kind: $t.dataset.kind, $template: $t });
  }
  const questions = new Map(Object.entries(data.questions));
  ok(questions.has(data.start), "no start question");
  for (const [id, q] of questions) {
    const step = steps.get(id);
    ok(step && step.kind === "question" && Array.isArray(q.next) && q.next.length >= 2, `question ${id}`);
    ok(step.$template.content.querySelectorAll("[data-answer]").length === q.next.length, `answers of ${id}`);
    for (const next of q.next) {
      ok(steps.has(next) && (questions.has(next) || steps.get(next).kind === "outcome"), `answer of ${id}`);
    }
    ok($root.querySelector(`template[data-given="${CSS.escape(id)}"]`), `answers given at ${id}`);
  }
  return { start: data.start, questions, steps };
}

function part($root, name) {
  const $template = $root.querySelector(`template[data-part="${name}"]`);
  if (!$template) throw new QuizDataError(`part ${name}`);
  return $template;
}

function copy($template) {
  return $template.content.firstElementChild.cloneNode(true);
}

// Where the answers live: the page's address on the site, so links, reload and
// back/forward work ...
class AddressState {
  constructor(onChange) {
    window.addEventListener("popstate", onChange);
  }

  // The answers, or null when the reader is on the start page.
  read() {
    const raw = new URLSearchParams(location.search).get(PARAM);
    if (raw === null) return null;
    return raw === "" ? [] : raw.split(".").map((n) => (/^\d{1,2}$/.test(n) ? Number(n) : -1));
  }

  href(answers) {
    const url = new URL(location.href);
    url.searchParams.set(PARAM, answers.join("."));
    return url.href;
  }

  write(answers, push) {
    history[push ? "pushState" : "replaceState"]({ slsrQuiz: answers.length, fromQuiz: push }, "", this.href(answers));
  }

  clear() {
    const url = new URL(location.href);
    url.searchParams.delete(PARAM);
    history.pushState(null, "", url);
  }

  // Undo the last answer. When the previous step is our own history entry, step
  // back through history (popstate shows it) so browser Forward still works.
  undo(answers, otherwise) {
    const state = history.state;
    if (state && state.slsrQuiz === answers.length && state.fromQuiz) history.back();
    else otherwise();
  }
}

// ... or memory, in the embed. Links still lead somewhere real: the same step of
// the quiz on the clinic's site (`base`), for a reader who opens one in a new tab.
class MemoryState {
  constructor(base) {
    this.base = base;
    this.answers = null;
  }

  read() {
    return this.answers;
  }

  href(answers) {
    const url = new URL(this.base);
    url.searchParams.set(PARAM, answers.join("."));
    return url.href;
  }

  write(answers) {
    this.answers = answers;
  }

  clear() {
    this.answers = null;
  }

  undo(answers, otherwise) {
    otherwise();
  }
}

class Quiz {
  constructor($root) {
    this.$root = $root;
    this.tree = readTree($root);
    this.$intro = $root.querySelector(".slsr-quiz__intro");
    this.$stage = $root.querySelector(".slsr-quiz__stage");
    this.$live = $root.querySelector('[data-part="live"]');
    this.$notice = $root.querySelector(".slsr-quiz__notice");
    this.$controls = part($root, "controls");
    this.$previous = part($root, "previous");
    this.$given = part($root, "given");
    const title = this.$intro.querySelector("h1").textContent;
    const prefix = `${title} - `; // the start page is titled "<quiz> - <site>"
    this.siteTitle = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title;
    this.introTitle = document.title;
    this.lastChoice = new Map(); // answers so far -> answer chosen next, so Back can show it
    const $start = $root.querySelector(".slsr-quiz__start");
    this.state = EMBEDDED ? new MemoryState($start.href) : new AddressState(() => this.show(true));
    $start.addEventListener("click", (event) => {
      event.preventDefault();
      this.go([], true);
    });
    this.$stage.addEventListener("click", (event) => this.onClick(event));
    document.documentElement.classList.add("slsr-js");
    // A partner may skip the intro (embed.js: data-intro="hide").
    if (EMBEDDED && new URLSearchParams(location.search).get("intro") === "hide") this.state.write([], false);
    this.show(false);
  }

  onClick(event) {
    const $answer = event.target.closest("a[data-answer]");
    if ($answer) {
      // A plain click answers in place; Ctrl/Cmd-click opens the same step in a new tab.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const answers = this.state.read() || [];
      this.lastChoice.set(answers.join("."), Number($answer.dataset.answer));
      this.go([...answers, Number($answer.dataset.answer)], true);
      return;
    }
    const $action = event.target.closest("button[data-action]");
    if ($action === null) return;
    if ($action.dataset.action === "back") this.back();
    else if ($action.dataset.action === "restart") this.go([], true);
    else if ($action.dataset.action === "print") window.print();
  }

  go(answers, push) {
    this.state.write(answers, push);
    this.show(true);
  }

  // Back undoes the last answer.
  back() {
    const answers = this.state.read() || [];
    if (answers.length === 0) return this.leave();
    // Remember the answer being undone, also after a reload or a shared link.
    this.lastChoice.set(answers.slice(0, -1).join("."), answers[answers.length - 1]);
    this.state.undo(answers, () => this.go(answers.slice(0, -1), false));
  }

  leave() {
    this.state.clear();
    this.show(true);
  }

  // Follow the answers from the start: the node reached and the answers on the
  // way, or null if the answers do not fit this tree (an old or edited link).
  walk(answers) {
    const steps = [];
    let node = this.tree.start;
    for (const choice of answers) {
      const question = this.tree.questions.get(node);
      if (!question || !Number.isInteger(choice) || choice < 0 || choice >= question.next.length) return null;
      steps.push({ node, choice });
      node = question.next[choice];
    }
    return { node, steps };
  }

  show(moveFocus) {
    const answers = this.state.read();
    const walked = answers && this.walk(answers);
    if (!walked) {
      this.$intro.hidden = false;
      this.$stage.hidden = true;
      this.$stage.replaceChildren();
      document.title = this.introTitle;
      this.$notice.hidden = !answers;
      if (moveFocus) this.$intro.querySelector("h1").focus();
      if (answers) this.announce(this.$notice.textContent);
      return;
    }
    const question = this.tree.questions.get(walked.node);
    const $step = copy(this.tree.steps.get(walked.node).$template);
    if (question) this.fillQuestion($step, question, answers);
    else this.fillOutcome($step, walked.steps);
    const $controls = copy(this.$controls);
    // (A sandboxed frame may not open the print dialogue.)
    $controls.querySelector('[data-action="print"]').hidden = Boolean(question) || EMBEDDED;
    this.$stage.replaceChildren($step, $controls);
    this.$intro.hidden = true;
    this.$stage.hidden = false;
    const $heading = $step.querySelector("h1");
    const $progress = $step.querySelector(".slsr-quiz__progress");
    document.title = `${$heading.textContent} - ${this.siteTitle}`;
    if (moveFocus && EMBEDDED) {
      $heading.focus(); // the frame is as tall as the quiz: the host page scrolls to the heading
    } else if (moveFocus) {
      // A reader who scrolled down a long list to answer sees the next step from its top.
      if (this.$stage.getBoundingClientRect().top < 0) this.$stage.scrollIntoView({ block: "start" });
      $heading.focus({ preventScroll: true });
    }
    this.announce(`${$progress.textContent}. ${$heading.textContent}`);
  }

  fillQuestion($step, question, answers) {
    const number = answers.length + 1;
    $step.querySelector(".slsr-quiz__progress").textContent = `Question ${number} of up to ${number - 1 + question.left}`;
    const previous = this.lastChoice.get(answers.join("."));
    for (const $answer of $step.querySelectorAll("a[data-answer]")) {
      const index = Number($answer.dataset.answer);
      $answer.href = this.state.href([...answers, index]);
      if (index === previous) {
        const $note = copy(this.$previous);
        $note.id = `slsr-previous-${answers.length}`;
        $answer.setAttribute("aria-describedby", $note.id);
        $answer.after($note);
      }
    }
  }

  fillOutcome($step, steps) {
    const $given = copy(this.$given);
    const $list = $given.querySelector("ol");
    for (const { node, choice } of steps) {
      const $item = copy(this.$root.querySelector(`template[data-given="${CSS.escape(node)}"]`));
      const $answer = this.tree.steps.get(node).$template.content.querySelectorAll("[data-answer]")[choice];
      $item.querySelector('[data-slot="answer"]').textContent = $answer.textContent;
      $list.append($item);
    }
    $step.querySelector(".slsr-quiz__date").before($given);
    $step.querySelector('[data-slot="date"]').textContent =
      new Date().toLocaleDateString(document.documentElement.lang || "en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  announce(text) {
    this.$live.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeats too.
    setTimeout(() => { this.$live.textContent = text; }, 50);
  }
}

// In the embed: once the parent page says hello (embed.js), tell it the height of
// the quiz whenever that changes, and nothing else, only to that page's origin.
function reportHeight() {
  let parentOrigin = null;
  const send = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (parentOrigin) window.parent.postMessage({ type: "slsr-quiz:height", height }, parentOrigin);
  };
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || window.parent === window) return;
    if (!event.data || event.data.type !== "slsr-quiz:hello" || !/^https?:\/\/[^/]+$/.test(event.origin)) return;
    parentOrigin = event.origin;
    document.documentElement.classList.add("slsr-embed--sized");
    send();
  });
  new ResizeObserver(send).observe(document.body);
}

if (EMBEDDED) {
  const theme = new URLSearchParams(location.search).get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  reportHeight();
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
