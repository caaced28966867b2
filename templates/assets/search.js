// The site's search, on Pagefind's JavaScript API (pagefind/pagefind.js; no CDN, no other code).
//
// Everything that comes from the index is put on the page as text: titles, ratings, topics and
// filter values with textContent; Pagefind's excerpts (HTML with <mark> around the words found)
// are parsed in an inert document and copied back as text and <mark> elements only. So a claim
// tag or a rating label such as `<img src=x onerror=...>` is shown as those characters and never
// runs. The words of the interface come from the page (data-* attributes of #search), so that
// the theme translates them.
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element) { return; }
  var words = element.dataset;
  var status = document.getElementById("search-status");
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filtersBox = document.getElementById("search-filters");
  var tones = {};
  try { tones = JSON.parse(words.tones || "{}"); } catch (e) { tones = {}; }
  var PAGE = 10;

  function say(text) { status.textContent = text; }

  if (window.location.protocol === "file:") {
    // Browsers do not let a page opened from disk load the index; Pagefind would wait forever.
    say(words.fileProtocol);
    form.hidden = true;
    return;
  }

  var root = new URL(words.root || "./", window.location.href);
  var pagefind = null;
  var shown = [];
  var results = [];
  var chosen = {};   // filter name -> list of chosen values

  function excerpt(html) {
    // Pagefind's excerpt is HTML; keep its text and its <mark>s, nothing else.
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    out.className = "search-excerpt";
    (function copy(from) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          out.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          out.appendChild(mark);
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          copy(node);
        }
      });
    }(doc.body.firstChild || doc.body));
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var ratings = (data.filters && data.filters.rating) || [];
    if (ratings.length) {
      var badge = document.createElement("span");
      badge.className = "badge tone-" + (tones[ratings[0]] || "none");
      badge.textContent = ratings[0];
      var line = document.createElement("p");
      line.className = "search-rating";
      line.appendChild(badge);
      li.appendChild(line);
    }
    if (data.excerpt) { li.appendChild(excerpt(data.excerpt)); }
    var topics = (data.filters && data.filters.tag) || [];
    if (topics.length) {
      var tags = document.createElement("p");
      tags.className = "meta";
      tags.textContent = words.topics + " " + topics.join(", ");
      li.appendChild(tags);
    }
    return li;
  }

  function showMore() {
    var next = results.slice(shown.length, shown.length + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (datas) {
      datas.forEach(function (data) { shown.push(data); list.appendChild(item(data)); });
      more.hidden = shown.length >= results.length;
    });
  }

  function filterPanel(available) {
    filtersBox.textContent = "";
    // Only values that some result has (or that the reader chose): no empty box, no dead ends.
    var values = {};
    Object.keys(available || {}).forEach(function (name) {
      values[name] = Object.keys(available[name]).filter(function (value) {
        return available[name][value] > 0 || (chosen[name] || []).indexOf(value) >= 0;
      }).sort();
    });
    var names = Object.keys(values).filter(function (name) { return values[name].length > 0; });
    filtersBox.hidden = names.length === 0;
    // Ratings first: they are what readers filter by most.
    names.sort(function (a, b) { return (a !== "rating") - (b !== "rating") || (a < b ? -1 : 1); });
    names.forEach(function (name) {
      var set = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = name === "rating" ? words.filterRating : words.filterTopic;
      set.appendChild(legend);
      values[name].forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = (chosen[name] || []).indexOf(value) >= 0;
        box.addEventListener("change", function () {
          var values = chosen[name] || (chosen[name] = []);
          if (box.checked) { values.push(value); } else { values.splice(values.indexOf(value), 1); }
          run();
        });
        label.appendChild(box);
        var number = new Intl.NumberFormat(document.documentElement.lang || undefined)
          .format(available[name][value]);
        label.appendChild(document.createTextNode(" " + value + " (" + number + ")"));
        set.appendChild(label);
      });
      filtersBox.appendChild(set);
    });
  }

  function run() {
    var term = input.value.trim();
    var params = new URLSearchParams(window.location.search);
    if (term) { params.set("q", term); } else { params.delete("q"); }
    history.replaceState(null, "", "?" + params.toString());
    if (!term) {
      list.textContent = "";
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    say(words.searching);
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) { filters[name] = { any: chosen[name].slice() }; }
    });
    return load().then(function (api) {
      return api.debouncedSearch(term, { filters: filters }, 150);
    }).then(function (search) {
      if (search === null) { return; }   // a newer search replaced this one
      results = search.results;
      shown = [];
      list.textContent = "";
      filterPanel(search.filters);
      var count = new Intl.NumberFormat(document.documentElement.lang || undefined)
        .format(results.length);
      say(results.length === 0 ? words.none.replace("{query}", term)
        : words.count.replace("{count}", count).replace("{query}", term));
      return showMore();
    }).catch(function () {
      say(words.failed);
    });
  }

  function load() {
    if (pagefind) { return Promise.resolve(pagefind); }
    return import(new URL("pagefind/pagefind.js", root).href).then(function (api) {
      return api.options({ baseUrl: root.pathname }).then(function () {
        return api.filters();   // loads the filter indexes: searches then count by filter
      }).then(function () {
        pagefind = api;
        return api;
      });
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () { run(); });
  more.addEventListener("click", function () { showMore(); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; run(); }
}());
