// The loader a partner site pastes (see the site's "Embed the quiz" page):
//
//   <div data-slsr-quiz="should-i-run-today"><a href="…/quiz/should-i-run-today/">Should I run today?</a></div>
//   <script src="…/assets/javascripts/embed.js" integrity="sha384-…" crossorigin="anonymous" async></script>
//
// It turns each such element into a sandboxed iframe of the quiz's embed page
// (the link's words become the frame's title; without JavaScript the link
// stays), and keeps each frame exactly as tall as its quiz: after the frame
// loads it says hello, and it takes from that frame, and only from it, a
// message holding a height in a sane range. Nothing else crosses: no answers,
// no outcomes, no cookies. No dependencies; several quizzes per page work.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const site = new URL("../../", script.src); // this file lives at <site>/assets/javascripts/
  const frames = new Map(); // the frame's window -> the frame

  window.addEventListener("message", (event) => {
    const frame = frames.get(event.source);
    const data = event.data;
    // A sandboxed frame's messages come from the origin "null"; anything else is not ours.
    if (!frame || (event.origin !== "null" && event.origin !== site.origin)) return;
    if (!data || data.type !== "slsr-quiz:height") return;
    const height = data.height;
    if (typeof height === "number" && Number.isFinite(height) && height >= 80 && height <= 20000) {
      frame.style.height = `${Math.ceil(height)}px`;
    }
  });

  for (const $host of document.querySelectorAll("[data-slsr-quiz]")) {
    const tree = $host.dataset.slsrQuiz;
    if ($host.dataset.slsrQuizReady !== undefined || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(tree)) continue;
    $host.dataset.slsrQuizReady = "";
    const src = new URL(`quiz/${tree}/embed/`, site);
    for (const option of ["theme", "intro"]) {
      if ($host.dataset[option]) src.searchParams.set(option, $host.dataset[option]);
    }
    const frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = $host.textContent.trim() || "Quiz";
    frame.loading = "lazy";
    frame.setAttribute("sandbox", "allow-scripts allow-popups allow-popups-to-escape-sandbox");
    frame.style.cssText = "display:block;width:100%;height:640px;border:0;overflow:hidden";
    frame.addEventListener("load", () => {
      frames.set(frame.contentWindow, frame);
      frame.contentWindow.postMessage({ type: "slsr-quiz:hello" }, "*"); // its origin is opaque: "*" is the only target
    });
    $host.replaceChildren(frame);
  }
})();
