/*! Re-ported from Material for MkDocs, partials/javascripts/base.html and
    partials/javascripts/palette.html (MIT licence, Copyright (c) 2016-2025
    Martin Donath): see THIRD-PARTY.md. */
// What Material's two inline scripts do before its bundle runs, as one script,
// inline first in <head> (main.html, block site_meta; the site's policy allows
// it by its hash, scripts/build/csp.py), before the stylesheets, so it never
// waits for them nor the parser for it: 1. the globals the bundle expects
// (scoped localStorage helpers); 2. the reader's saved palette, put on <body>
// as soon as the parser makes it, before the page is painted. (In the header,
// where Material has its palette script, the parser stopped there for the
// stylesheets: 2x stock's blocking time on an article, `make audit`.)
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-md-scope") || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or blocked */ }
  };

  // Scripts run: the sidebars take no height from the first paint (site.css), as
  // once the bundle drops .no-js, so a short page does not shrink under the reader.
  document.documentElement.classList.add("slsr-md-init");

  if (!document.currentScript.hasAttribute("data-md-palette")) return;   // a site with one palette
  var saved;
  try { saved = window.__md_get("__palette"); } catch (e) { return; }
  if (!saved || !saved.color) return;
  var color = saved.color;
  // The automatic palette takes its colours from the header's matching toggle.
  var auto = color.media === "(prefers-color-scheme)";
  // A mutation observer's callback runs before the parser's task ends, and the
  // page is not painted before its stylesheets have come: the palette is on
  // <body> before the first paint.
  var observer = new MutationObserver(function () {
    var input = auto && document.querySelector("[data-md-color-media='(prefers-color-scheme: "
      + (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark") + ")']");
    if (!document.body || (auto && !input)) return;
    observer.disconnect();
    if (input) {
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        color[key] = input.getAttribute("data-md-color-" + key);
      });
    }
    Object.keys(color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, color[key]);
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { observer.disconnect(); });
})();
