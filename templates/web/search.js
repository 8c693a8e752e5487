/* The site's offline search. The index (assets/search-index.js, made by keykis from the
   project's own morphology) maps search keys to cases; a query word is looked up by the
   keys of its form when the site holds that form, else by the stems its Kazakh suffixes,
   Russian endings or English suffixes leave. Every word must match; the best cases first.
   Nothing is fetched: the index is a script beside this one, so file:// works too. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) { return; }
  var input = form.querySelector("input");
  var status = form.querySelector(".search-status");
  var list = form.querySelector(".search-results");
  var root = form.getAttribute("data-root") || "";
  var loading = null;
  form.hidden = false;

  function load(done) {
    if (window.keykisIndex) { done(window.keykisIndex); return; }
    if (!loading) {
      loading = [];
      var s = document.createElement("script");
      s.src = root + "assets/search-index.js";
      s.onload = function () { loading.forEach(function (f) { f(window.keykisIndex); }); };
      document.head.appendChild(s);
    }
    loading.push(done);
  }

  function words(text) {
    return (text.toLowerCase().replace(/\u0451/g, "\u0435").match(/[\p{L}]+(?:[-'’][\p{L}]+)*/gu) || []);
  }

  function chain(rest, g) {
    /* Whether rest is a Kazakh noun suffix chain: (plural) (possessive) (case (relative)). */
    var afterPlural = [rest];
    g.plural.forEach(function (p) { if (rest.indexOf(p) === 0) { afterPlural.push(rest.slice(p.length)); } });
    for (var i = 0; i < afterPlural.length; i++) {
      var a = afterPlural[i];
      var afterPoss = [a];
      g.possessive.forEach(function (p) { if (a.indexOf(p) === 0) { afterPoss.push(a.slice(p.length)); } });
      for (var j = 0; j < afterPoss.length; j++) {
        var b = afterPoss[j];
        if (b === "") { if (b !== rest) { return true; } continue; }
        for (var k = 0; k < g.cases.length; k++) {
          var c = g.cases[k];
          if (b.indexOf(c) === 0) {
            var tail = b.slice(c.length);
            if (tail === "" || g.relative.indexOf(tail) >= 0) { return true; }
          }
        }
      }
    }
    return false;
  }

  function stems(word, g) {
    var out = [];
    for (var i = g.min_stem + 1; i < word.length; i++) {
      var stem = word.slice(0, i), rest = word.slice(i);
      if (chain(rest, g)) {
        out.push(stem);
        var last = stem.charAt(stem.length - 1);
        if (g.voiced[last] && g.vowels.indexOf(rest.charAt(0)) >= 0) { out.push(stem.slice(0, -1) + g.voiced[last]); }
      }
    }
    return out;
  }

  function cut(word, endings, min) {
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.length - e.length >= min && word.slice(-e.length) === e) { return word.slice(0, -e.length); }
    }
    return word;
  }

  function scores(word, index) {
    /* Case number -> score for one query word. */
    var g = index.grammar, found = {}, keys = [word].concat(index.forms[word] || []);
    if (!index.forms[word]) { keys = keys.concat(stems(word, g)); }
    var hit = keys.filter(function (k) { return index.keys[k]; });
    if (!hit.length) {
      var stem = /[a-z]/.test(word) ? cut(word, g.english, g.min_stem) : cut(word, g.russian, g.min_stem + 1);
      if (stem.length > g.min_stem) {
        hit = Object.keys(index.keys).filter(function (k) { return k.indexOf(stem) === 0 && k.length <= stem.length + 4; });
      }
    }
    hit = hit.filter(function (k, i) { return hit.indexOf(k) === i; });
    hit.forEach(function (k) {
      var p = index.keys[k];
      for (var i = 0; i < p.length; i += 2) { found[p[i]] = (found[p[i]] || 0) + p[i + 1]; }
    });
    return found;
  }

  function search(text, index) {
    var ws = words(text), total = null;
    ws.forEach(function (w) {
      var s = scores(w, index);
      if (total === null) { total = s; return; }
      var both = {};
      Object.keys(total).forEach(function (d) { if (s[d]) { both[d] = total[d] + s[d]; } });
      total = both;
    });
    return Object.keys(total || {}).sort(function (a, b) { return total[b] - total[a] || a - b; });
  }

  function show(text) {
    load(function (index) {
      var hits = search(text, index);
      list.textContent = "";
      hits.forEach(function (d) {
        var doc = index.docs[d], li = document.createElement("li"), a = document.createElement("a");
        a.href = root + doc.u;
        a.textContent = doc.t;
        a.lang = doc.l;
        li.appendChild(a);
        list.appendChild(li);
      });
      var say = hits.length ? form.getAttribute("data-found") : form.getAttribute("data-none");
      status.textContent = say.replace("{n}", String(hits.length)).replace("{query}", text);
    });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); if (input.value.trim()) { show(input.value); } });
  input.addEventListener("focus", function () { load(function () {}); });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; show(asked); }
}());
