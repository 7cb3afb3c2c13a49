// New referrals without a reload: every staff page polls a small JSON of counts (no names)
// and shows a badge on "Queue"; the queue page also swaps in its fresh rows when the queue
// changed, unless the person is in the middle of something there (ticked rows, a focused
// control), in which case it offers a refresh instead. Polling is marked as background so it
// never keeps an idle session signed in.
(function () {
  "use strict";
  var script = document.getElementById("staff-updates");
  if (!script || !window.fetch) { return; }
  var url = script.getAttribute("data-updates-url");
  var badge = document.querySelector("[data-queue-badge]");
  var live = document.getElementById("queue-live");
  var pollSeconds = 15;
  var timer = null;
  var stopped = false;
  var baseTitle = document.title;

  function background(target) {
    return fetch(target, {
      credentials: "same-origin",
      headers: { "X-Background-Refresh": "1", "Accept": "application/json, text/html" },
      redirect: "manual"
    });
  }

  function showBadge(data) {
    if (!badge) { return; }
    if (!data["new"]) {
      badge.hidden = true;
      document.title = baseTitle;
      return;
    }
    var count = data["new"] + (data.new_capped ? "+" : "");
    var crisis = data.new_crisis ? " · " + data.new_crisis + " crisis" : "";
    badge.textContent = count + " new" + crisis;
    badge.className = "queue-badge" + (data.new_crisis ? " queue-badge-crisis" : "");
    badge.hidden = false;
    badge.setAttribute("aria-label", count + " new referrals" + (data.new_crisis ? ", " + data.new_crisis + " in crisis" : ""));
    document.title = "(" + count + ") " + baseTitle;
  }

  function busy() {
    if (!live) { return true; }
    if (live.querySelector("input[type=checkbox]:checked")) { return true; }
    return live.contains(document.activeElement) && document.activeElement !== document.body;
  }

  function offerRefresh() {
    var note = document.getElementById("queue-changed");
    if (note) { note.hidden = false; }
  }

  function refreshRows() {
    var target = new URL(window.location.href);
    target.searchParams.set("partial", "rows");
    return background(target.toString()).then(function (response) {
      if (!response.ok) { throw new Error("refresh " + response.status); }
      return response.text();
    }).then(function (html) {
      var fresh = document.createElement("div");
      fresh.innerHTML = html;
      var next = fresh.querySelector("#queue-live");
      if (!next) { return; }
      live.replaceWith(next);
      live = next;
      live.querySelectorAll("[data-new-row]").forEach(function (row) { row.classList.add("row-arrived"); });
      showBadge({ "new": 0 });
    });
  }

  function handle(data) {
    pollSeconds = Math.min(Math.max(data.poll_seconds || 15, 1), 15);
    if (live && data.version !== live.getAttribute("data-version")) {
      if (busy()) { offerRefresh(); showBadge(data); return; }
      return refreshRows();
    }
    showBadge(data);
  }

  function poll() {
    timer = null;
    if (stopped) { return; }
    if (document.hidden) { schedule(); return; }
    background(url).then(function (response) {
      if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
        stopped = true;  // signed out: the next click goes to the sign-in page
        return;
      }
      if (!response.ok) { throw new Error("poll " + response.status); }
      return response.json().then(handle);
    }).catch(function () { /* a network blip: try again next round */ }).then(schedule);
  }

  function schedule() {
    if (!stopped && timer === null) { timer = window.setTimeout(poll, pollSeconds * 1000); }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null) { window.clearTimeout(timer); timer = null; poll(); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-queue-refresh]");
    if (button) { event.preventDefault(); window.location.reload(); }
  });
  poll();
}());
