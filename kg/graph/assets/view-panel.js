/* kg graph view, part 2 of 4: the side panel (a node's or a link's facts, each with its
   evidence sentence and article). Text goes in with textContent only, never as HTML. */
(function (parts) {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  parts.el = el;
  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : ""; }
  function link(text, href) {
    var url = safeUrl(href);
    if (!url) return el("span", text);
    var a = el("a", text); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function fields(rows) {
    var dl = el("dl");
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === undefined || r[1] === null) return;
      dl.appendChild(el("dt", r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function evidenceBlock(d) {
    var box = el("div", null, "fact-source");
    if (d.evidence) box.appendChild(el("blockquote", "“" + d.evidence + "”", "evidence"));
    if (d.article) {
      var p = el("div");
      p.appendChild(document.createTextNode("article: "));
      p.appendChild(link(d.title ? d.title + " (" + d.article + ")" : d.article, d.url));
      box.appendChild(p);
    }
    return box;
  }
  function factBlock(d, head) {
    var div = el("div", null, "fact");
    div.appendChild(el("div", head, "head"));
    if (d.detail) div.appendChild(el("div", d.detail, "detail"));
    div.appendChild(evidenceBlock(d));
    return div;
  }
  function dated(s, d) { return d.date ? s + " (" + d.date + ")" : s; }
  // the first n words of a list of them, and how many more there are
  function few(words, n) {
    var all = (words || "").split(" ").filter(Boolean);
    return all.slice(0, n).join(" ") + (all.length > n ? " … and " + (all.length - n) + " more" : "");
  }

  // the panel of a view: model is view-data.js's (facts through fact nodes come from it,
  // so an entity lists them whether or not the fact nodes are drawn)
  parts.panel = function (cy, model, KIND_LABELS) {
    var title = document.getElementById("panel-title"), body = document.getElementById("panel-body");
    function kindWords(d) { return KIND_LABELS[d.kind] || d.kind || ""; }
    function start(text) { title.textContent = text; body.textContent = ""; }

    function showEvent(n) {
      var d = n.data();
      body.appendChild(fields([["fact", kindWords(d)], ["class", d["class"]], ["date", d.date]]));
      var ul = el("ul");
      n.outgoers("edge").map(function (e) {
        return e.data("label") + ": " + e.target().data("label");
      }).sort().forEach(function (r) { ul.appendChild(el("li", r)); });
      body.appendChild(ul);
      body.appendChild(factBlock(d, dated(kindWords(d), d)));
    }

    function entityFacts(n) {
      var facts = (model.factsOf[n.id()] || []).map(function (fe) {
        return [1, fe[0].date || "", dated(kindWords(fe[0]) + " — " + fe[1].label, fe[0]), fe[0]];
      });
      n.connectedEdges().forEach(function (e) {
        var d = e.data();
        if (d.category === "co" || e.source().data("category") === "event") return;
        var other = e.source().id() === n.id() ? e.target() : e.source();
        var head = d.kind === "holds_position" ? "position: " + d.label + " of " + other.data("label")
          : kindWords(d) + (e.source().id() === n.id() ? " → " : " ← ") + other.data("label");
        (d.same || [d]).forEach(function (ed) {
          facts.push([ed.kind === "holds_position" ? 0 : 1, ed.date || "", dated(head, ed), ed]);
        });
      });
      return facts.sort(function (a, b) {
        return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : (a[2] < b[2] ? -1 : 1));
      });
    }

    function showNode(n) {
      var d = n.data();
      start(d.label);
      if (d.category === "event") { showEvent(n); return; }
      var wd = d.wikidata ? link(d.wikidata, "https://www.wikidata.org/wiki/" + encodeURIComponent(d.wikidata)) : "";
      var positions = n.outgoers("edge[kind = 'holds_position']").map(function (e) {
        return dated(e.data("label") + " of " + e.target().data("label"), e.data());
      }).sort().join("; ");
      body.appendChild(fields([["class", d["class"]], ["position", positions], ["Wikidata", wd],
                               ["mentions", d.mentions], ["also", d.aliases],
                               ["articles", few(d.articles, 12)], ["IRI", d.id]]));
      var facts = entityFacts(n);
      body.appendChild(el("h2", facts.length + " fact" + (facts.length === 1 ? "" : "s")));
      facts.forEach(function (f) { body.appendChild(factBlock(f[3], f[2])); });
    }

    function showEdge(e) {
      var d = e.data(), same = d.same || [d];
      start(d.label);
      body.appendChild(fields([["fact", kindWords(d)], ["from", e.source().data("label")],
                               ["to", e.target().data("label")], ["role", d.role],
                               ["date", d.same ? "" : d.date], ["reports", d.reports]]));
      same.forEach(function (r) { body.appendChild(factBlock(r, dated(kindWords(r), r))); });
    }

    // a link that stands for fact nodes: the facts both its entities are in
    function showShared(e) {
      start(e.source().data("label") + " — " + e.target().data("label"));
      var evs = e.data("events").slice().sort(function (a, b) {
        return (a.date || "") < (b.date || "") ? -1 : 1;
      });
      body.appendChild(el("h2", evs.length + " fact" + (evs.length === 1 ? "" : "s") + " link them"));
      evs.forEach(function (d) { body.appendChild(factBlock(d, dated(kindWords(d), d))); });
    }
    return { showNode: showNode, showEdge: showEdge, showShared: showShared };
  };
})(window.kgParts = window.kgParts || {});
