// search.js: search on the static export, where no server answers /search.
// Loaded only by the exported search page (see internal/site/static_search.go).
// It reads ?q=, loads the page's language's index (search-index.json: names,
// aliases, symptoms, areas, headings, summaries, the synonym groups of
// content/synonyms.yaml or synonyms.<code>.yaml, and how that language's words
// become terms) and lists the best matches, weighing a word found in a name
// above one found in a symptom, and a symptom above the summary, as the
// server's search does. Every word it shows comes from the page
// (templates/search.html: data-results, data-found-t…), in the page's
// language. Without JavaScript the page still offers the body-area browser.
// Like the server's results page it says how many matched (at most 50),
// shows the first data-shown of them (site.ShownHits) and links to the page
// of all of them (?q=...&all=1).
//
// Words become terms exactly as in the server's index (internal/search,
// search.Analysis): the index names the stemmer and lists the stop words;
// Spanish and French are stemmed by Snowball (@orama/stemmers, the same
// algorithm as github.com/kljensen/snowball, which the server uses), English
// by the light stemmer below, a copy of internal/search/text.go's stem.
// This file is bundled by scripts/build-search.sh (make search-js) into
// static/js/search.js.
import { stemmer as spanish } from "@orama/stemmers/spanish";
import { stemmer as french } from "@orama/stemmers/french";

(function () {
  "use strict";
  var out = document.getElementById("static-results");
  var params = new URLSearchParams(location.search);
  var q = (params.get("q") || "").slice(0, 200).trim();
  var all = params.get("all") === "1";
  if (!out || !q) return;
  var input = document.getElementById("q-page");
  if (input) input.value = q;

  // fold is fuzzy.Fold: accents off (combining marks after NFD), lower case.
  function fold(w) {
    return w.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC").toLowerCase();
  }
  // STEMMERS are the stemmers of search.Analysis, by name; each gets a folded
  // word and its result is folded again, as the server does.
  var STEMMERS = {
    en: english,
    es: function (w) { return fold(spanish(w)); },
    fr: function (w) { return fold(french(w)); },
  };
  // english is internal/search/text.go's stem: a light suffix stripper.
  function english(w) {
    var n = w.length;
    if (n <= 3 || /[^\x00-\x7f]/.test(w)) return w;
    if (/ness$/.test(w) && n > 6) w = w.slice(0, -4);
    else if (/ful$/.test(w) && n > 5) w = w.slice(0, -3);
    else if (/ing$/.test(w) && n > 5) w = undouble(w.slice(0, -3));
    else if (/(ies|ied)$/.test(w) && n > 4) w = w.slice(0, -3) + "y";
    else if (/ed$/.test(w) && n > 4) w = undouble(w.slice(0, -2));
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (w.length > 3 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }
  function undouble(w) {
    var n = w.length;
    return n >= 3 && w[n - 1] === w[n - 2] && "lsfz".indexOf(w[n - 1]) < 0 ? w.slice(0, -1) : w;
  }
  // keys returns the terms of text under analysis an (the index's
  // "analysis"): a word is a run of letters, digits and combining marks,
  // with apostrophes inside it (internal/search/text.go's words); it is
  // dropped when lower-cased or folded it is a stop word, else stemmed.
  function keys(text, an) {
    var words = (text || "").match(/[\p{L}\p{Nd}\p{Mn}][\p{L}\p{Nd}\p{Mn}'\u2019]*/gu) || [];
    var ks = [];
    for (var i = 0; i < words.length; i++) {
      var f = fold(words[i]).replace(/['\u2019]/g, "");
      if (f && !an.stop.has(f) && !an.stop.has(words[i].toLowerCase())) ks.push(an.stem(f));
    }
    return ks;
  }
  // Synonym members become one term ("~3"), longest member first.
  function grouped(ks, phrases) {
    var out = [];
    for (var i = 0; i < ks.length;) {
      var hit = null;
      for (var p = 0; p < phrases.length && !hit; p++) {
        var ph = phrases[p].keys;
        if (ph.length && ks.slice(i, i + ph.length).join(" ") === ph.join(" ")) hit = phrases[p];
      }
      if (hit) { out.push("~" + hit.group); i += hit.keys.length; } else { out.push(ks[i]); i++; }
    }
    return out;
  }

  // FIELDS are the index's fields with their weights; the page gives the
  // words of each ("Found in the name", data-found-t), in its language, as
  // it gives every word this script shows (templates/search.html).
  // MAX_HITS is the most results listed, as search.MaxHits on the server.
  var MAX_HITS = 50;
  var FIELDS = [["t", 20], ["a", 16], ["y", 6], ["h", 2.5], ["r", 2], ["s", 2]];
  function word(name) { return out.getAttribute("data-" + name) || ""; }

  fetch(out.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (ix) {
    var a = ix.analysis || {};
    var an = { stop: new Set(a.stop || []), stem: STEMMERS[a.stemmer] || function (w) { return w; } };
    var phrases = [];
    (ix.synonyms || []).forEach(function (members, g) {
      members.forEach(function (m) {
        var ks = keys(m, an);
        if (ks.length) phrases.push({ keys: ks, group: g });
      });
    });
    phrases.sort(function (a, b) { return b.keys.length - a.keys.length; });
    var terms = grouped(keys(q, an), phrases).filter(function (t, i, all) { return all.indexOf(t) === i; });
    var docs = ix.docs.map(function (d) {
      return { d: d, f: FIELDS.map(function (f) {
        var list = typeof d[f[0]] === "string" ? [d[f[0]]] : (d[f[0]] || []);
        return list.map(function (text) { return { text: text, terms: grouped(keys(text, an), phrases) }; });
      }) };
    });
    var df = {};
    terms.forEach(function (t) {
      df[t] = docs.filter(function (x) { return x.f.some(function (f) { return f.some(function (i) { return i.terms.indexOf(t) >= 0; }); }); }).length;
    });
    var hits = [];
    var total = 0;
    terms.forEach(function (t) { total += df[t] ? Math.log(1 + docs.length / df[t]) : 0; });
    docs.forEach(function (x) {
      var score = 0, covered = 0, best = null;
      terms.forEach(function (t) {
        if (!df[t]) return;
        var idf = Math.log(1 + docs.length / df[t]), top = 0;
        x.f.forEach(function (insts, fi) {
          insts.forEach(function (inst) {
            if (inst.terms.indexOf(t) < 0) return;
            var s = FIELDS[fi][1] * idf;
            if (s > top) top = s;
            if (!best || s > best.s) best = { s: s, where: word("found-" + FIELDS[fi][0]), text: inst.text, fi: fi };
          });
        });
        if (top) { score += top; covered += idf; }
      });
      if (score > 0) hits.push({ d: x.d, score: score * Math.pow(covered / total, 2), best: best });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    render(hits.slice(0, MAX_HITS));
  }).catch(function () {
    out.textContent = word("unavailable");
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function render(hits) {
    var h1 = document.querySelector("main h1");
    if (h1) h1.textContent = word("results");
    out.appendChild(el("p", "results-count", hits.length
      ? hits.length + " " + word(hits.length === 1 ? "match-one" : "match-other") + " \u201c" + q + "\u201d."
      : word("nothing").replace("{query}", function () { return q; })));
    if (!hits.length) return;
    var shown = all ? hits : hits.slice(0, Number(word("shown")) || hits.length);
    var ol = el("ol", "results");
    shown.forEach(function (h) {
      var li = el("li", "result"), h2 = el("h2", "card-title"), a = el("a", "", h.d.t);
      a.href = h.d.u;
      h2.appendChild(a);
      li.appendChild(h2);
      var quote = h.best.fi === 1 || h.best.fi === 2 || h.best.fi === 3;
      li.appendChild(el("p", "result-match", h.best.where + (quote ? ": \u201c" + h.best.text + "\u201d" : "")));
      li.appendChild(el("p", "result-excerpt", h.d.s));
      ol.appendChild(li);
    });
    out.appendChild(ol);
    if (shown.length < hits.length) {
      var more = el("p", "results-more"), link = el("a", "", word("more").replace("{count}", String(hits.length)));
      link.href = "?q=" + encodeURIComponent(q) + "&all=1";
      more.appendChild(link);
      out.appendChild(more);
    }
  }
})();
