// Progressive enhancement only: the site works without it.
// Hovering or focusing a claim's reference highlights every piece of its mark in the text.
(function () {
  "use strict";
  function marksOf(id) {
    return document.querySelectorAll('mark.claim[data-claim="' + CSS.escape(id) + '"]');
  }
  function toggle(id, on) {
    marksOf(id).forEach(function (m) { m.classList.toggle("is-active", on); });
  }
  document.querySelectorAll(".claim-ref a[data-claim]").forEach(function (ref) {
    var id = ref.getAttribute("data-claim");
    ["mouseenter", "focus"].forEach(function (e) { ref.addEventListener(e, function () { toggle(id, true); }); });
    ["mouseleave", "blur"].forEach(function (e) { ref.addEventListener(e, function () { toggle(id, false); }); });
  });
  // A click on marked words goes to the claim's note, like its reference does.
  document.querySelectorAll(".article-body mark.claim[data-claim]").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      var ref = document.querySelector('.claim-ref a[data-claim="' + CSS.escape(mark.getAttribute("data-claim")) + '"]');
      if (ref) { window.location.hash = ref.getAttribute("href").slice(1); }
    });
  });
})();
