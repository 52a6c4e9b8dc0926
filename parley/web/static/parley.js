// Parley's only script. On the article page: a click on a record in the side list scrolls
// its sentence into view (the #s<offset> anchor does that without JavaScript too) and
// flashes the record's marks; a link to an offset inside a sentence finds that sentence.
(function () {
  "use strict";

  function sentenceAt(hash) {
    var m = /^#s(\d+)$/.exec(hash || "");
    if (!m) { return null; }
    var exact = document.getElementById(hash.slice(1));
    if (exact) { return exact; }
    var offset = parseInt(m[1], 10), best = null, bestStart = -1;
    document.querySelectorAll("#text .sent").forEach(function (el) {
      var start = parseInt(el.id.slice(1), 10);
      if (start <= offset && start > bestStart) { best = el; bestStart = start; }
    });
    return best;
  }

  function show(sentence, record) {
    document.querySelectorAll(".sent.flash, .flash-mark").forEach(function (el) {
      el.classList.remove("flash", "flash-mark");
    });
    sentence.classList.add("flash");
    sentence.scrollIntoView({ block: "center" });
    if (record) {
      document.querySelectorAll('#text [data-record="' + CSS.escape(record) + '"]').forEach(function (el) {
        el.classList.add("flash-mark");
      });
    }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a.jump");
    if (!link) { return; }
    var sentence = sentenceAt(link.getAttribute("href"));
    if (!sentence) { return; }
    ev.preventDefault();
    history.replaceState(null, "", link.getAttribute("href"));
    show(sentence, link.getAttribute("data-record"));
  });

  document.addEventListener("DOMContentLoaded", function () {
    var sentence = document.getElementById("text") && sentenceAt(location.hash);
    if (sentence) { show(sentence, null); }
  });
})();
