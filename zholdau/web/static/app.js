// Zholdau Monitor dashboard: the one script. Shows the rule behind a highlighted fact on hover or focus,
// and fills in the parts of a page that are computed after it (data-src).
(function () {
  "use strict";
  var tip = null;
  function show(el) {
    tip = tip || document.getElementById("tip");
    if (!tip) { return; }
    tip.textContent = el.getAttribute("data-tip") || "";
    var r = el.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(4, r.left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function hide() { if (tip) { tip.hidden = true; } }
  function target(ev) {
    var el = ev.target;
    return el && el.closest ? el.closest("mark.ev[data-tip]") : null;
  }
  document.addEventListener("mouseover", function (ev) { var el = target(ev); if (el) { show(el); } });
  document.addEventListener("mouseout", function (ev) { if (target(ev)) { hide(); } });
  document.addEventListener("focusin", function (ev) { var el = target(ev); if (el) { show(el); } });
  document.addEventListener("focusout", hide);

  // parts of a page computed after it (the search facets): fetched once the page is shown
  function load() {
    var boxes = document.querySelectorAll("[data-src]");
    Array.prototype.forEach.call(boxes, function (box) {
      fetch(box.getAttribute("data-src"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { box.innerHTML = html; box.setAttribute("data-loaded", "1"); })
        .catch(function () { box.setAttribute("data-loaded", "error"); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", load); } else { load(); }
})();
