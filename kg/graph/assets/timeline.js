/* kg timeline: vis-timeline over the items embedded as JSON in #kg-data.
   Text from the data is only ever put into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var ITEMS = DATA.items, KIND_LABELS = DATA.kindLabels;
  var byId = {};
  ITEMS.forEach(function (it) { byId[it.id] = it; });

  function content(it) {  // an element, so that no text is read as HTML
    var span = document.createElement("span");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.backgroundColor = it.colour;
    span.appendChild(swatch);
    span.appendChild(document.createTextNode(it.content + " (" + it.date + ")"));
    return span;
  }

  function visItems(groupBy) {  // a point per fact, and the span of a year or a month
    var out = [];
    ITEMS.forEach(function (it) {
      var group = groupBy === "none" ? undefined : (it[groupBy] || "(no " + groupBy + ")");
      out.push({ id: it.id, content: content(it), start: it.start, type: "point",
                 className: "kind-" + it.kind + " precision-" + it.precision, group: group });
      if (it.precision !== "day") {
        out.push({ id: it.id + "#span", content: "", start: it.start, end: it.end,
                   type: "background", className: "span precision-" + it.precision,
                   group: group });
      }
    });
    return out;
  }

  function groups(groupBy) {
    if (groupBy === "none") { return null; }
    var names = {};
    ITEMS.forEach(function (it) { names[it[groupBy] || "(no " + groupBy + ")"] = true; });
    return Object.keys(names).sort(function (a, b) {
      return (a.charAt(0) === "(") - (b.charAt(0) === "(") || a.localeCompare(b);
    }).map(function (name) { return { id: name, content: name }; });
  }

  var container = document.getElementById("timeline");
  var started = performance.now();
  var timeline = new vis.Timeline(container, [], {
    stack: true, zoomMin: 1000 * 60 * 60 * 24 * 7, orientation: "top", align: "left",
    margin: { item: 6 }, showCurrentTime: false, selectable: true,
    tooltip: { followMouse: false }
  });

  function fit() {  // every item, with room on both sides for the texts that run on
    if (!ITEMS.length) { return; }
    var first = Date.parse(ITEMS[0].start), last = first;
    ITEMS.forEach(function (it) { last = Math.max(last, Date.parse(it.end)); });
    var pad = Math.max((last - first) * 0.06, 1000 * 60 * 60 * 24 * 30);
    timeline.setWindow(first - pad, last + (last - first) * 0.4 + pad, { animation: false });
  }

  function show(groupBy) {
    var g = groups(groupBy);
    timeline.setGroups(g ? new vis.DataSet(g) : null);
    timeline.setItems(new vis.DataSet(visItems(groupBy)));
    fit();
  }

  function field(dl, name, value, link) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    if (link && /^https?:\/\//.test(link)) {
      var a = document.createElement("a");
      a.href = link;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      a.textContent = value;
      dd.appendChild(a);
    } else {
      dd.textContent = value;
    }
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function details(it) {
    var title = document.getElementById("panel-title");
    var body = document.getElementById("panel-body");
    title.textContent = it.content;
    body.textContent = "";
    var dl = document.createElement("dl");
    dl.className = "fields";
    field(dl, "date", it.date + " (" + it.precision + ")");
    field(dl, "kind", KIND_LABELS[it.kind] || it.kind);
    field(dl, "involves", it.roles.join("; "));
    body.appendChild(dl);
    if (it.evidence) {
      var q = document.createElement("blockquote");
      q.textContent = it.evidence;
      body.appendChild(q);
    }
    var more = document.createElement("dl");
    more.className = "fields";
    field(more, "article", it.title || it.article, it.url);
    field(more, "fact", it.fact);
    body.appendChild(more);
  }

  timeline.on("select", function (props) {
    if (props.items.length && byId[props.items[0]]) { details(byId[props.items[0]]); }
  });
  var select = document.getElementById("group-by");
  select.addEventListener("change", function () { show(select.value); });
  document.getElementById("fit").addEventListener("click", fit);
  show(select.value);
  document.getElementById("stats").textContent = ITEMS.length + " dated facts";
  window.kgTimeline = { timeline: timeline, items: ITEMS, show: show, details: details,
                        ms: performance.now() - started };
})();
