// billdiff web UI: definition tooltips on hover and keyboard focus, shareable provision links, and the
// proposal builder's live preview. Plain JavaScript; every page works without it.
(function () {
  "use strict";

  // Tooltips: a term's use names its definition (aria-describedby); show that text beside it.
  function setupTips() {
    var tip = document.createElement("div");
    tip.id = "tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var current = null;
    function show(el) {
      var src = document.getElementById(el.getAttribute("data-tip"));
      if (!src) return;
      tip.textContent = "";
      tip.appendChild(src.cloneNode(true)).removeAttribute("id");
      tip.hidden = false;
      var r = el.getBoundingClientRect();
      tip.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
      tip.style.top = (window.scrollY + r.bottom + 6) + "px";
      current = el;
    }
    function hide() { tip.hidden = true; current = null; }
    function target(e) { return e.target.closest ? e.target.closest("[data-tip]") : null; }
    document.addEventListener("mouseover", function (e) { var t = target(e); if (t) show(t); });
    document.addEventListener("mouseout", function (e) { var t = target(e); if (t && t === current && document.activeElement !== t) hide(); });
    document.addEventListener("focusin", function (e) { var t = target(e); if (t) show(t); else hide(); });
    document.addEventListener("focusout", function (e) { if (target(e) === current) hide(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  }

  // A shared link may name a provision as printed ("SEC. 2(a)"): ids drop the spaces.
  function followHash() {
    var h;
    try { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!h || document.getElementById(h)) return;
    var el = document.getElementById(h.replace(/\s+/g, ""));
    if (el) el.scrollIntoView();
  }

  // The builder: re-render the preview a moment after the proposal changes.
  function setupBuilder() {
    var form = document.getElementById("builder");
    var preview = document.getElementById("preview");
    if (!form || !preview) return;
    var timer = null, seq = 0;
    function refresh() {
      var n = ++seq;
      var body = new URLSearchParams(new FormData(form));
      body.set("action", "preview");
      preview.setAttribute("aria-busy", "true");
      fetch(form.getAttribute("data-preview"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) {
          // 200 and 400 carry the preview fragment; anything else is a whole error page.
          if (r.ok || r.status === 400) return r.text();
          return "<p class=\"error\" role=\"alert\">The preview could not be updated (HTTP " + r.status + "). Use the Update the preview button.</p>";
        })
        .then(function (html) {
          if (n !== seq) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          preview.replaceChildren.apply(preview, Array.prototype.slice.call(doc.body.childNodes));
          preview.removeAttribute("aria-busy");
        })
        .catch(function () { preview.removeAttribute("aria-busy"); });
    }
    form.addEventListener("input", function (e) {
      if (!e.target.matches("textarea.toml, #title, #summary, #version")) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, 600);
    });
    form.addEventListener("change", function (e) { if (e.target.id === "version") refresh(); });
  }

  // The annotations toggle: off, the bill reads as printed (the choice is kept for the next page).
  function setupAnnotations() {
    document.documentElement.classList.add("js");
    var box = document.getElementById("annotations");
    if (!box) return;
    var off = false;
    try { off = window.localStorage.getItem("billdiff-annotations") === "off"; } catch (e) {}
    box.checked = !off;
    document.body.classList.toggle("plain", off);
    box.addEventListener("change", function () {
      document.body.classList.toggle("plain", !box.checked);
      try { window.localStorage.setItem("billdiff-annotations", box.checked ? "on" : "off"); } catch (e) {}
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupAnnotations();
    setupTips();
    followHash();
    setupBuilder();
  });
  window.addEventListener("hashchange", followHash);
})();
