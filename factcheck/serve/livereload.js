/* factcheck serve: live reload. Injected into served pages only; never part of the built site.
 * Waits on Server-Sent Events from /__factcheck/events; each message is the server's state as
 * JSON: {instance, epoch, full_epoch, navigate: {epoch, path} | null,
 *        errors: [{path, line, column, message, text, hint}]}.
 * After a rebuild that a saved content file caused, the page goes to the page that shows what
 * changed (navigate.path, a site path under this view's prefix), unless following is turned off
 * (the banner's "Follow edits" box, kept in localStorage; the server's --no-follow). */
(function () {
  "use strict";
  var script = document.currentScript;
  var instance = script ? script.getAttribute("data-instance") : null;
  var epoch = Number(script ? script.getAttribute("data-epoch") : 0);
  var prefix = (script && script.getAttribute("data-prefix")) || "/";
  var OVERLAY_ID = "factcheck-errors";
  var FOLLOW_KEY = "factcheck-follow";
  var DESK = "review/index.html";

  function following() {
    var stored = null;
    try { stored = window.localStorage.getItem(FOLLOW_KEY); } catch (e) { stored = null; }
    if (stored === "1" || stored === "0") { return stored === "1"; }
    return !script || script.getAttribute("data-follow") !== "0";
  }

  function setUpFollowBox() {
    var box = document.getElementById("factcheck-follow");
    if (!box) { return; }
    box.checked = following();
    box.addEventListener("change", function () {
      try { window.localStorage.setItem(FOLLOW_KEY, box.checked ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpFollowBox);
  } else {
    setUpFollowBox();
  }

  function sitePath() {
    var path = decodeURIComponent(location.pathname);
    if (path.indexOf(prefix) === 0) { path = path.slice(prefix.length); }
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  /* Where to go after the rebuild whose state this is: the changed page, or null (reload). */
  function destination(state) {
    var nav = state.navigate;
    if (!nav || nav.epoch !== state.full_epoch || !following()) { return null; }
    var here = sitePath();
    if (here === nav.path || here === DESK) { return null; }
    return prefix + nav.path.split("/").map(encodeURIComponent).join("/");
  }

  function hideErrors() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) { old.remove(); }
  }

  function showErrors(errors) {
    hideErrors();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build errors");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;" +
      "padding:2rem;white-space:pre-wrap;";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 1rem;color:#ff8a80;font-size:1.2rem;";
    title.textContent = "The build failed (" + errors.length + " error" +
      (errors.length === 1 ? "" : "s") + "); this is the last good build.";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding:0;list-style:none;";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.className = "factcheck-error";
      item.style.cssText = "margin:0 0 .75rem;";
      item.textContent = e.text || (e.path + ":" + e.line + ":" + e.column + ": " + e.message);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.style.cssText = "color:#bbb;padding-left:2em;";
        hint.textContent = "hint: " + e.hint;
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }

  function swapStylesheets(next) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.origin !== location.origin) { return; }
      url.searchParams.set("factcheck-epoch", String(next));
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      var done = function () { link.remove(); };
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      link.after(fresh);
    });
  }

  var source = new EventSource("/__factcheck/events");
  source.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.errors && state.errors.length) {
      showErrors(state.errors);
      return;
    }
    var overlay = document.getElementById(OVERLAY_ID);
    if (state.instance !== instance || state.full_epoch > epoch || (overlay && state.epoch !== epoch)) {
      source.close();
      var target = state.instance === instance ? destination(state) : null;
      if (target) { location.assign(target); } else { location.reload(); }
      return;
    }
    if (overlay) { hideErrors(); }
    if (state.epoch !== epoch) {
      swapStylesheets(state.epoch);
      epoch = state.epoch;
    }
  };
})();
