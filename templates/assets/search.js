// Pagefind's UI, with result links made relative to wherever the site is hosted (domain root,
// sub-folder), and the query from the header's search box (?q=) run at once.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") { return; }
  var root = element.getAttribute("data-root") || "";
  var baseUrl = new URL(root || "./", window.location.href).pathname;
  var ui = new PagefindUI({ element: "#search", baseUrl: baseUrl, showSubResults: true,
    showImages: false, resetStyles: false });
  // Pagefind's input has only a title; give it a visible label of its own.
  var input = element.querySelector(".pagefind-ui__search-input");
  if (input && !input.id) {
    input.id = "search-input";
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "search-label";
    label.textContent = "Search terms";
    element.insertBefore(label, element.firstChild);
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
})();
