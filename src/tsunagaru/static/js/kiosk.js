/* The information booth (/kiosk/): turns the slides and fetches fresh ones.
 *
 * Without this file the page shows every slide as a list and reloads now and then (a <meta>
 * refresh inside <noscript>). With it, one slide shows at a time, the next after
 * data-interval seconds; every data-refresh seconds the slides are fetched again from
 * data-slides-url. When that fails (network lost, server down) the screen keeps what it
 * shows and tries again later: nothing alarming on a screen in a public hall, only the
 * 「最終更新」 time stays as it was. No animation here: kiosk.css fades a slide in only
 * when the viewer has not asked for reduced motion.
 */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var FETCH_TIMEOUT = 20 * 1000;

  var root = document.getElementById("kiosk");
  if (!root) return;
  var interval = Math.max(2, parseInt(root.dataset.interval, 10) || 15) * 1000;
  var refresh = Math.max(30, parseInt(root.dataset.refresh, 10) || 300) * 1000;
  var counter = document.getElementById("kiosk-counter");
  var pause = document.getElementById("kiosk-pause");
  var pauseLabel = pause.textContent;
  var current = 0;
  var paused = false;
  var startedAt = Date.now();
  var turnTimer = null;

  function box() {
    return document.getElementById("kiosk-slides");
  }

  function slides() {
    return box().querySelectorAll(".kiosk-slide");
  }

  function show(index) {
    var all = slides();
    if (all.length) current = ((index % all.length) + all.length) % all.length;
    for (var i = 0; i < all.length; i++) all[i].hidden = i !== current;
    counter.hidden = all.length < 2;
    counter.textContent = all.length ? current + 1 + " / " + all.length : "";
  }

  function turn() {
    if (!paused) show(current + 1);
  }

  function currentId() {
    var slide = slides()[current];
    return slide ? slide.id : "";
  }

  // Put the fetched slides in place, staying on the slide on screen if it is still there.
  function replace(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("kiosk-slides");
    if (!fresh) return false;
    var id = currentId();
    box().replaceWith(document.adoptNode(fresh));
    var all = slides();
    var index = 0;
    for (var i = 0; i < all.length; i++) if (all[i].id === id) index = i;
    show(index);
    return true;
  }

  function load() {
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = controller && setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT);
    return fetch(root.dataset.slidesUrl, {
      cache: "no-store",
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (!replace(html)) return;
        root.removeAttribute("data-stale");
        // A screen runs for weeks: once a day, while the server answers, load the page anew
        // so that new styles and scripts reach it too.
        if (Date.now() - startedAt > DAY) window.location.reload();
      })
      .catch(function () {
        // Keep the last good slides on screen; the next refresh tries again.
        root.setAttribute("data-stale", "");
      })
      .then(function () {
        if (timeout) clearTimeout(timeout);
      });
  }

  function restartTurns() {
    if (turnTimer) clearInterval(turnTimer);
    turnTimer = setInterval(turn, interval);
  }

  pause.addEventListener("click", function () {
    paused = !paused;
    pause.textContent = paused ? pause.dataset.resumeLabel : pauseLabel;
    if (!paused) restartTurns();
  });

  root.classList.add("kiosk--turning");
  pause.hidden = false;
  show(0);
  restartTurns();
  setInterval(load, refresh);
  // Back online: fetch at once rather than at the next refresh.
  window.addEventListener("online", load);
})();
