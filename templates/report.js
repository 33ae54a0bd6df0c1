/* triage report: zoom, filters, time zones, finding navigation. The page works without this script;
   it reads only numbers and names from #triage-data and data-* attributes, and never writes HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("triage-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  function $(id) { return document.getElementById(id); }
  function all(sel, ctx) { return Array.prototype.slice.call((ctx || document).querySelectorAll(sel)); }
  function on(el, type, fn) { if (el) el.addEventListener(type, fn); }
  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }

  /* ---------------------------------------------------------------- time zones */
  var mode = "utc";
  function offsetAt(sec) {  /* minutes east of UTC */
    if (mode === "node") return data.zone.offset;
    if (mode === "local") return -new Date(sec * 1000).getTimezoneOffset();
    return 0;
  }
  function zoneName(off) {
    if (mode === "utc") return "UTC";
    var s = off < 0 ? "-" : "+";
    off = Math.abs(off);
    return "UTC" + s + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }
  function shifted(sec) { return new Date(Math.floor(sec) * 1000 + offsetAt(sec) * 60000); }
  function day(d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function hm(d) { return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()); }
  function hms(d) { return hm(d) + ":" + pad(d.getUTCSeconds()); }
  function fmtStamp(stamp, withMs) {  /* stamp: "1671013162.913777" as written by the report */
    var sec = parseFloat(stamp), d = shifted(sec), frac = (stamp.split(".")[1] || "") + "000";
    return day(d) + " " + hms(d) + (withMs ? "." + frac.slice(0, 3) : "") + " " + zoneName(offsetAt(sec));
  }
  var times = all("time[data-t]");
  var original = times.map(function (el) { return el.textContent; });
  function retime() {
    times.forEach(function (el, i) {
      el.textContent = mode === "utc" ? original[i] : fmtStamp(el.getAttribute("data-t"), /\.\d{3} /.test(original[i]));
    });
    if (timeline) timeline.draw();
  }
  var tz = $("tz");
  if (tz) {
    $("tz-box").hidden = false;
    tz.value = "utc";
    on(tz, "change", function () { mode = tz.value; retime(); });
  }

  /* ---------------------------------------------------------------- findings */
  var findings = all("details.finding");
  function reveal(id) {
    var el = id ? $(id) : null;
    if (!el) return;
    for (var p = el; p; p = p.parentElement) { if (p.tagName === "DETAILS") p.open = true; }
    if (el.classList.contains("finding")) {
      el.classList.remove("flash");
      void el.offsetWidth;
      el.classList.add("flash");
    }
  }
  var target = location.hash ? $(location.hash.slice(1)) : null;
  findings.forEach(function (d) { if (d !== target) d.open = false; });
  if ($("f-controls")) {
    $("f-controls").hidden = false;
    on($("f-open"), "click", function () { findings.forEach(function (d) { d.open = true; }); });
    on($("f-close"), "click", function () { findings.forEach(function (d) { d.open = false; }); });
  }
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a") : null;
    var href = a ? (a.getAttribute("href") || "") : "";
    if (href.charAt(0) === "#") reveal(href.slice(1));
  });
  window.addEventListener("hashchange", function () { reveal(location.hash.slice(1)); });
  window.addEventListener("beforeprint", function () { findings.forEach(function (d) { d.open = true; }); });

  /* ---------------------------------------------------------------- timeline */
  var timeline = null;
  var cfg = data.timeline, svg = $("tl");
  if (cfg && svg) timeline = makeTimeline(cfg, svg);

  function makeTimeline(cfg, svg) {
    var L = cfg.plot[0], R = cfg.plot[1], T0 = cfg.t0, T1 = cfg.t1, view = [T0, T1], height = 0;
    var z0 = $("z0"), z1 = $("z1"), RES = 10000;
    function X(t) { return L + (t - view[0]) / (view[1] - view[0]) * (R - L); }
    function T(x) { return view[0] + (x - L) / (R - L) * (view[1] - view[0]); }
    function num(el, name) { return parseFloat(el.getAttribute(name)); }
    function set(el, name, v) { el.setAttribute(name, typeof v === "number" ? v.toFixed(1) : v); }
    function clampX(x) { return Math.max(L - 20, Math.min(R + 20, x)); }

    function ticks() {
      var span = view[1] - view[0], steps = cfg.steps, step = steps[steps.length - 1], out = [], last = "";
      for (var i = 0; i < steps.length; i++) { if (span / steps[i] <= cfg.maxTicks) { step = steps[i]; break; } }
      while (span / step > cfg.maxTicks) step *= 2;
      var off = offsetAt(view[0]) * 60;
      for (var t = Math.ceil((view[0] + off) / step) * step - off; t <= view[1]; t += step) {
        var d = shifted(t), label = step >= 86400 ? pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate())
          : step >= 60 ? hm(d) : hms(d), dd = step >= 86400 ? String(d.getUTCFullYear()) : day(d);
        out.push({ t: t, label: label, day: dd !== last ? dd : "" });
        last = dd;
      }
      return out;
    }
    function svgEl(name, attrs, text) {
      var el = document.createElementNS(NS, name);
      for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) set(el, k, attrs[k]); }
      if (text) el.textContent = text;
      return el;
    }
    function drawTicks() {
      var g = $("tl-ticks");
      while (g.firstChild) g.removeChild(g.firstChild);
      var labelY = cfg.head - 16, dateY = cfg.head - 5;
      ticks().forEach(function (k) {
        var x = X(k.t);
        g.appendChild(svgEl("line", { "class": "tick", x1: x, x2: x, y1: cfg.head - 2, y2: height }));
        g.appendChild(svgEl("text", { "class": "tick-l", x: x, y: labelY }, k.label));
        if (k.day) g.appendChild(svgEl("text", { "class": "tick-d", x: x, y: dateY }, k.day));
      });
      $("tl-zone").textContent = "time (" + zoneName(offsetAt(view[0])) + ")";
    }
    function placeRows() {
      all(".tl-x", svg).forEach(function (el) {
        var a = num(el, "data-t0"), b = el.hasAttribute("data-t1") ? num(el, "data-t1") : a;
        var x0 = X(a), x1 = X(b), outside = x1 < L - 1 || x0 > R + 1;
        if (el.tagName === "circle") { set(el, "cx", clampX(x0)); }
        else if (el.tagName === "text") {  /* a count label: right of the span, or left of it near the edge */
          var w = 7 * el.textContent.length + 8;
          if (Math.min(x1, R) + w <= R + 20) { set(el, "x", Math.max(x1, L) + 4); set(el, "text-anchor", "start"); }
          else { set(el, "x", Math.max(x0, L) - 4); set(el, "text-anchor", "end"); }
          if (x0 < L && x1 > R) { set(el, "x", R - 4); set(el, "text-anchor", "end"); }
        } else {
          var min = el.classList.contains("extent") ? 1 : 2, c0 = clampX(x0), c1 = clampX(x1);
          set(el, "x", c0); set(el, "width", Math.max(c1 - c0, min));
        }
        el.classList.toggle("off", outside);
      });
    }
    function placeMarkers() {
      var ends = [], rows = cfg.markRows;
      for (var r = 0; r < rows; r++) ends.push(-Infinity);
      all("#tl-markers .mk", svg).forEach(function (g) {
        var x = X(num(g, "data-t0")), line = g.querySelector("line"), text = g.querySelector("text");
        var outside = x < L || x > R;
        g.classList.toggle("off", outside);
        if (outside) return;
        var label = g.getAttribute("data-label"), w = 6 * label.length + 8, right = x + w <= cfg.width;
        var a = right ? x : x - w, row = -1;
        for (var i = 0; i < rows; i++) { if (ends[i] < a) { row = i; break; } }
        if (row >= 0) ends[row] = right ? x + w : x;
        var y = 10 + Math.max(row, 0) * cfg.markRowH;
        set(line, "x1", x); set(line, "x2", x); set(line, "y1", y); set(line, "y2", height);
        set(text, "x", x); set(text, "y", y); set(text, "text-anchor", right ? "start" : "end");
        set(text, "dx", right ? "3" : "-3");
        text.textContent = row >= 0 ? label : "";
      });
    }
    function layout() {  /* filters: hide rows, stack the rest */
      var sevOn = {}, srcOn = {}, y = cfg.head;
      all("input[data-sev]").forEach(function (c) { sevOn[c.getAttribute("data-sev")] = c.checked; });
      all("input[data-src]").forEach(function (c) { srcOn[c.getAttribute("data-src")] = c.checked; });
      all("#tl-rows > g.row", svg).forEach(function (g) {
        var sev = g.getAttribute("data-sev"), visible = srcOn[g.getAttribute("data-src")] !== false &&
          (!sev || sevOn[sev] !== false);
        g.classList.toggle("off", !visible);
        if (visible) { g.setAttribute("transform", "translate(0," + y.toFixed(1) + ")"); y += num(g, "data-h"); }
      });
      all("tr[data-sev], details.finding[data-sev]").forEach(function (el) {
        el.classList.toggle("off", sevOn[el.getAttribute("data-sev")] === false);
      });
      height = y + cfg.foot;
      svg.setAttribute("viewBox", "0 0 " + cfg.width + " " + height.toFixed(1));
      set($("tl-bg"), "height", height);
      set($("tl-brush"), "height", height);
    }
    function fmtSpan(s) {
      var u = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
      for (var i = 0; i < u.length; i++) { if (s >= u[i][0] * 2 || i === u.length - 1) return Math.round(s / u[i][0]) + " " + u[i][1]; }
      return "";
    }
    function draw() {
      placeRows();
      placeMarkers();
      drawTicks();
      if (z0 && z1) {
        z0.value = String(Math.round((view[0] - T0) / (T1 - T0) * RES));
        z1.value = String(Math.round((view[1] - T0) / (T1 - T0) * RES));
      }
      var label = $("z-label");
      if (label) label.textContent = view[0] === T0 && view[1] === T1 ? "" : "showing " + fmtSpan(view[1] - view[0]);
    }
    function zoom(a, b) {
      a = Math.max(T0, a); b = Math.min(T1, b);
      if (b - a < 1) { var m = (a + b) / 2; a = Math.max(T0, m - 0.5); b = Math.min(T1, m + 0.5); }
      view = [a, b];
      draw();
    }

    on(z0, "input", function () {
      var a = T0 + z0.value / RES * (T1 - T0), b = view[1];
      if (a > b - 1) a = b - 1;
      zoom(a, b);
    });
    on(z1, "input", function () {
      var b = T0 + z1.value / RES * (T1 - T0), a = view[0];
      if (b < a + 1) b = a + 1;
      zoom(a, b);
    });
    on($("z-all"), "click", function () { zoom(T0, T1); });
    on($("z-fit"), "click", function () { if (cfg.focus) zoom(cfg.focus[0], cfg.focus[1]); });
    all("input[data-sev], input[data-src]").forEach(function (c) { on(c, "change", function () { layout(); draw(); }); });
    function allSources(v) { all("input[data-src]").forEach(function (c) { c.checked = v; }); layout(); draw(); }
    on($("src-all"), "click", function () { allSources(true); });
    on($("src-none"), "click", function () { allSources(false); });

    /* drag to zoom */
    var brush = $("tl-brush"), start = null;
    function svgX(e) { var r = svg.getBoundingClientRect(); return (e.clientX - r.left) / r.width * cfg.width; }
    on(svg, "mousedown", function (e) {
      var x = svgX(e);
      if (e.button !== 0 || x < L || x > R || (e.target.closest && e.target.closest("a"))) return;
      start = x;
      set(brush, "x", x); set(brush, "width", 0);
      e.preventDefault();
    });
    on(window, "mousemove", function (e) {
      if (start === null) return;
      var x = Math.max(L, Math.min(R, svgX(e)));
      set(brush, "x", Math.min(start, x)); set(brush, "width", Math.abs(x - start));
    });
    on(window, "mouseup", function (e) {
      if (start === null) return;
      var x = Math.max(L, Math.min(R, svgX(e))), a = Math.min(start, x), b = Math.max(start, x);
      start = null;
      set(brush, "width", 0);
      if (b - a > 4) zoom(T(a), T(b));
    });
    on(svg, "dblclick", function () { zoom(T0, T1); });

    $("tl-controls").hidden = false;
    layout();
    draw();
    return { draw: draw };
  }
})();
