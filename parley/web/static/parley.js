// Parley's only script: on the article page, a click on a record in the side list scrolls
// its sentence into view (the link's #s<offset> anchor does that without JavaScript too)
// and flashes the record's marks in the text.
(function () {
  "use strict";
  function flash(record) {
    document.querySelectorAll(".flash-mark").forEach(function (el) { el.classList.remove("flash-mark"); });
    if (!record) { return; }
    document.querySelectorAll('#text [data-record="' + CSS.escape(record) + '"]').forEach(function (el) {
      el.classList.add("flash-mark");
    });
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a.jump");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    ev.preventDefault();
    history.replaceState(null, "", link.getAttribute("href"));
    document.querySelectorAll(".sent.flash").forEach(function (el) { el.classList.remove("flash"); });
    target.classList.add("flash");
    target.scrollIntoView({ block: "center" });
    flash(link.getAttribute("data-record"));
  });
})();
