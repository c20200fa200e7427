/* kg graph view, part 1 of 4: the data embedded in #kg-data (kg/graph/_view_data.py)
   expanded back into Cytoscape elements, and the indexes the other parts read facts from. */
(function (parts) {
  "use strict";

  // the elements of the .cyjs export, exactly (_view_data.expand does the same in Python)
  parts.expand = function (DATA) {
    var facts = DATA.facts.map(function (f) {
      var a = DATA.articles[f[2]];
      return { kind: f[0], date: f[1], article: a[0], title: a[1], url: a[2],
               evidence: DATA.sentences[f[3]], detail: f[4], fact: f[5] };
    });
    function fields(src, skip) {
      var d = {};
      Object.keys(src).forEach(function (k) { if (!skip[k]) d[k] = src[k]; });
      if (src.f !== undefined) Object.assign(d, facts[src.f]);
      return d;
    }
    var nodes = DATA.nodes.map(function (n) {
      var d = fields(n, { f: 1 });
      if (d.name === undefined) d.name = d.label !== undefined ? d.label : d.id;
      return { data: d };
    });
    var edges = DATA.edges.map(function (e) {
      var d = fields(e, { f: 1, s: 1, t: 1, k: 1 });
      d.source = nodes[e.s].data.id;
      d.target = nodes[e.t].data.id;
      if (e.k !== undefined) d.id = d.source + "#" + e.k;
      else if (d.id === undefined) d.id = d.fact;
      if (d.name === undefined) d.name = d.label !== undefined ? d.label : "";
      if (d.interaction === undefined) d.interaction = d.kind !== undefined ? d.kind : "";
      return { data: d };
    });
    return { nodes: nodes, edges: edges };
  };

  // The elements split into the fact nodes with their edges (a corpus view adds them only
  // when asked) and the rest; each entity's facts through a fact node, as [fact, edge]
  // data; and the pairs of entities that share a fact node, with those facts.
  parts.model = function (els) {
    var byId = {}, events = [], rest = { nodes: [], edges: [] }, factsOf = {}, targets = {};
    els.nodes.forEach(function (n) {
      byId[n.data.id] = n.data;
      (n.data.category === "event" ? events : rest.nodes).push(n);
    });
    els.edges.forEach(function (e) {
      var d = e.data, from = byId[d.source];
      if (!from || from.category !== "event") { rest.edges.push(e); return; }
      events.push(e);
      (factsOf[d.target] = factsOf[d.target] || []).push([from, d]);
      (targets[d.source] = targets[d.source] || {})[d.target] = true;
    });
    return { byId: byId, events: events, rest: rest, factsOf: factsOf,
             pairs: function () { return pairs(byId, targets); },
             bundled: function () { return { nodes: rest.nodes, edges: bundle(rest.edges) }; } };
  };

  // Edges of the same kind and label between the same two entities (one position reported
  // by a hundred articles) as one edge: the first one's data, with every report's data in
  // "same", their number in "reports" and a width that grows with it.
  function bundle(edges) {
    var groups = {}, order = [];
    edges.forEach(function (e) {
      var d = e.data, k = [d.source, d.target, d.kind, d.label].join("\u0000");
      if (!groups[k]) { groups[k] = []; order.push(k); }
      groups[k].push(d);
    });
    return order.map(function (k) {
      var same = groups[k];
      if (same.length === 1) return { data: same[0] };
      var d = Object.assign({}, same[0], { id: "same:" + same[0].id, same: same,
        reports: same.length, width: Math.min(1.2 + same.length / 10, 7) });
      return { data: d };
    });
  }

  // "a\u0000b" (a < b) -> the fact nodes' data that link a and b, in id order
  function pairs(byId, targets) {
    var out = {};
    Object.keys(targets).sort().forEach(function (ev) {
      var ids = Object.keys(targets[ev]).sort();
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var k = ids[i] + "\u0000" + ids[j];
          (out[k] = out[k] || []).push(byId[ev]);
        }
      }
    });
    return out;
  }
})(window.kgParts = window.kgParts || {});
