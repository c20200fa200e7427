// kg query page: sends the query to the SPARQL endpoint and shows the rows.
// Written for kg (Apache-2.0); no dependencies, no network beyond this server.
// Results are inserted with textContent only, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var form = document.getElementById("qform");
  var text = document.getElementById("query");
  var pick = document.getElementById("example");
  var accept = document.getElementById("accept");
  var status = document.getElementById("status");
  var out = document.getElementById("results");
  var byName = {};
  data.examples.forEach(function (e) { byName[e.name] = e.query; });

  pick.addEventListener("change", function () {
    if (byName[pick.value] !== undefined) { text.value = byName[pick.value]; }
  });

  function el(tag, content) {
    var node = document.createElement(tag);
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  function cell(term) {
    var td = el("td");
    if (!term) { return td; }
    if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
      var a = el("a", term.value);
      var local = term.value.replace(/^https?:\/\/[^\/]+/, "");
      // Links to this server's own resources stay on this server.
      a.href = term.value.indexOf(data.base || "\u0000") === 0 ? local : term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    }
    return td;
  }

  function showJson(json) {
    out.textContent = "";
    if (json.boolean !== undefined) {
      out.appendChild(el("p", json.boolean ? "yes" : "no"));
      status.textContent = "done";
      return;
    }
    var vars = json.head.vars;
    var rows = json.results.bindings;
    var table = el("table");
    table.className = "results";
    var head = el("tr");
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    out.appendChild(table);
    status.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    status.textContent = "running…";
    out.textContent = "";
    var wanted = accept.value;
    var isGraph = /^\s*(?:(?:PREFIX|BASE)[^\n]*\n|#[^\n]*\n|\s)*(CONSTRUCT|DESCRIBE)/i.test(text.value);
    var headers = {"Content-Type": "application/sparql-query"};
    headers.Accept = isGraph && wanted.indexOf("sparql-results") >= 0 ? "text/turtle" : wanted;
    fetch(data.endpoint, {method: "POST", headers: headers, body: text.value})
      .then(function (resp) {
        return resp.text().then(function (body) { return {resp: resp, body: body}; });
      })
      .then(function (r) {
        if (!r.resp.ok) {
          status.textContent = "error " + r.resp.status;
          out.appendChild(el("pre", r.body));
          return;
        }
        var type = r.resp.headers.get("Content-Type") || "";
        if (type.indexOf("json") >= 0 && type.indexOf("ld+json") < 0) {
          showJson(JSON.parse(r.body));
        } else {
          out.appendChild(el("pre", r.body));
          status.textContent = "done";
        }
      })
      .catch(function (err) { status.textContent = "failed: " + err; });
  });
})();
