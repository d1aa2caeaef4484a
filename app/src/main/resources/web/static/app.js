// CloudWarden's one script, loaded from the site itself (the CSP allows nothing else, and no inline script).
// It only adds comfort: the theme switch, keyboard moves through lists, "check all", and a notice when the
// live stream says something new happened. Every page works without it.
(function () {
  'use strict';
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem('cw-theme'); } catch (e) { /* storage refused: follow the system */ }
  if (saved === 'light' || saved === 'dark') { root.setAttribute('data-theme', saved); }

  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.getElementById('theme-toggle');
    if (toggle) {
      toggle.addEventListener('click', function () {
        var dark = root.getAttribute('data-theme') === 'dark' ||
          (!root.getAttribute('data-theme') && window.matchMedia('(prefers-color-scheme: dark)').matches);
        var next = dark ? 'light' : 'dark';
        root.setAttribute('data-theme', next);
        try { localStorage.setItem('cw-theme', next); } catch (e) { /* kept for this page only */ }
      });
    }

    var all = document.getElementById('check-all');
    if (all) {
      all.addEventListener('change', function () {
        document.querySelectorAll('input[name="ids"]').forEach(function (box) { box.checked = all.checked; });
      });
    }

    // j and k move through a list's rows, Enter opens the current one, x checks it
    var rows = Array.prototype.slice.call(document.querySelectorAll('table[data-rows] tbody tr'));
    var current = -1;
    function move(to) {
      if (!rows.length) { return; }
      if (current >= 0) { rows[current].classList.remove('current'); }
      current = Math.max(0, Math.min(rows.length - 1, to));
      rows[current].classList.add('current');
      rows[current].scrollIntoView({ block: 'nearest' });
    }
    document.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.altKey || e.ctrlKey || e.metaKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'))) {
        return;
      }
      if (e.key === 'j') { move(current + 1); }
      else if (e.key === 'k') { move(current - 1); }
      else if (e.key === 'Enter' && current >= 0) {
        var link = rows[current].querySelector('a');
        if (link) { link.click(); }
      } else if (e.key === 'x' && current >= 0) {
        var box = rows[current].querySelector('input[type="checkbox"]');
        if (box) { box.checked = !box.checked; }
      } else if (e.key === '/') {
        var first = document.querySelector('.filters input, .filters select');
        if (first) { e.preventDefault(); first.focus(); }
      }
    });

    // new alerts and incident changes: say so, and let the analyst reload when it suits them
    var live = document.getElementById('live');
    if (live && window.EventSource) {
      var seen = 0;
      var source = new EventSource('/api/v1/stream');
      var note = function () {
        seen += 1;
        live.hidden = false;
        live.querySelector('span').textContent = seen + (seen === 1 ? ' new alert or incident change.' : ' new alerts or incident changes.');
      };
      source.addEventListener('alert', note);
      source.addEventListener('incident', note);
      document.getElementById('live-reload').addEventListener('click', function () { window.location.reload(); });
    }
  });
}());
