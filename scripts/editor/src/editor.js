// The browser editor's script (internal/editor). It only improves pages that
// already work without it: every form posts as plain HTML, so a phone with
// JavaScript off can still open, preview and save.
//
// What it adds:
//   - CodeMirror 6 in place of the body's textarea (kept, hidden, in sync,
//     so the form posts as before), with a toolbar: heading, bold, list,
//     link to a condition, urgent-care callout, picture;
//   - the preview frame updated as the therapist types (the form posted to
//     /_relief/preview into the frame, after a pause);
//   - problems shown beside their field or body line as they type
//     (/_relief/check);
//   - the summary's count of characters, "Reviewed today" without a round
//     trip, Edit/Preview tabs on a phone, the dashboard's filter as you type;
//   - a question before leaving with typing not saved, and unsaved typing
//     kept in this browser (localStorage) and offered back
//     when the page is opened again.
import { EditorView, lineNumbers, keymap, highlightActiveLine, drawSelection } from "@codemirror/view";
import { markdownLanguage } from "@codemirror/lang-markdown";
import { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, LanguageSupport } from "@codemirror/language";
import { StateField, Transaction, Compartment } from "@codemirror/state";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// debounce runs fn once calls stop for ms. cancel drops a run that is
// waiting; flush makes it now.
function debounce(fn, ms) {
  let t, waiting = null;
  const d = (...args) => {
    clearTimeout(t);
    waiting = args;
    t = setTimeout(() => { waiting = null; fn(...args); }, ms);
  };
  d.cancel = () => { clearTimeout(t); waiting = null; };
  d.flush = () => { const args = waiting; d.cancel(); if (args) fn(...args); };
  return d;
}

document.documentElement.classList.add("js");

// --- the dashboard's filter, as you type -------------------------------
function dashboardFilter() {
  const q = $("#q");
  const rows = $$("tr[data-filter]");
  if (!q || !rows.length) return;
  const count = $("#count");
  const fold = (s) => s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  q.addEventListener("input", () => {
    const words = fold(q.value.trim());
    let shown = 0;
    for (const tr of rows) {
      const ok = !words || tr.dataset.filter.includes(words);
      tr.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.textContent = `${shown} of ${rows.length} pages`;
  });
}

// --- the edit page --------------------------------------------------------
function editPage() {
  const form = $("#page-form");
  if (!form) return;
  const path = form.dataset.path;
  const textarea = $("#in-body");
  const view = bodyEditor(textarea, form);
  toolbar(view, textarea);
  summaryCounter();
  reviewedToday();
  tabs();
  const drafts = keepDrafts(form, path, view, textarea);
  const preview = previewAsYouType(form);
  const check = problemsAsYouType(form, view);
  const ask = askBeforeLeaving(form, drafts);
  const changed = () => { ask(); drafts.save(); preview(); check(); };
  // Leaving the page (a link, a reload, a closed tab): the typing is
  // kept now rather than after the pause, and no check or preview is
  // left to start or to hang on while the next page loads.
  addEventListener("pagehide", () => { drafts.save.flush(); preview.cancel(); check.stop(); });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("relief:body", changed);
  form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
  // A link to a line of the text (beside the text as the page came, and in
  // the list at the top of a refused save) puts the cursor on that line.
  form.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-line]");
    if (!a) return;
    ev.preventDefault();
    goToLine(view, Number(a.dataset.line));
  });
}

// askBeforeLeaving makes the browser ask before leaving with typing not
// saved (a link, a closed tab). Save and publish is no leaving; the
// Preview button stays here. A save that did not leave is no saving any
// more: a page shown again (Back to a page the browser kept) and typing
// after Save (the browser's Stop, which fires no event, then more words)
// ask again; the words are kept in this browser either way (keepDrafts).
// The question is only set up once the form holds typing not saved (a
// refused save from the start, else the first change, which calls the
// function it returns): a page with a beforeunload listener is one
// Firefox does not keep for Back.
function askBeforeLeaving(form, drafts) {
  let saving = false, asking = false;
  form.addEventListener("submit", (ev) => { saving = ev.submitter?.value !== "preview"; });
  // persisted: shown again from the browser's memory. The first pageshow
  // (at load, after a slow preview frame) may come after an early Save.
  addEventListener("pageshow", (ev) => { if (ev.persisted) saving = false; });
  const ask = () => {
    saving = false;
    if (asking) return;
    asking = true;
    addEventListener("beforeunload", (ev) => { if (!saving && drafts.unsaved()) ev.preventDefault(); });
  };
  if (drafts.unsaved()) ask();
  return ask;
}

// cursorPlaced is whether the therapist has put the cursor in the text
// (a click, a tap, a key, typing, a link to a line): until then the
// cursor sits at the very top only because the editor starts there, and
// a picture or a box belongs at the end of the text instead.
const cursorPlaced = StateField.define({
  create: () => false,
  update: (placed, tr) => placed || tr.annotation(Transaction.userEvent) !== undefined,
});

// goToLine puts the cursor at the start of line n of the text, and the
// line in the middle of the window: the text's box grows with the text,
// so it is the page that scrolls, and a line scrolled only to the edge
// would sit under the sticky Save bar. Focus first, without scrolling:
// the browser would otherwise scroll to where the cursor was.
function goToLine(view, n) {
  const line = view.state.doc.line(Math.max(1, Math.min(n, view.state.doc.lines)));
  view.contentDOM.focus({ preventScroll: true });
  view.dispatch({
    selection: { anchor: line.from },
    effects: EditorView.scrollIntoView(line.from, { y: "center" }),
    userEvent: "select",
  });
}

// bodyMarks holds the text box's aria-describedby and aria-invalid
// (markBody), apart from its other attributes, so that a check's answer
// can change them alone.
const bodyMarks = new Compartment();

// bodyEditor puts CodeMirror in place of the textarea, which stays in the
// form (hidden) and is kept in sync. Its text box (.cm-content) starts
// with the textarea's marks, as the page the server sends has them.
function bodyEditor(textarea, form) {
  const wrap = document.createElement("div");
  wrap.className = "body-editor";
  textarea.after(wrap);
  textarea.hidden = true;
  const label = $('label[for="in-body"]');
  const stylesBefore = new Set($$("head style"));
  const view = new EditorView({
    doc: textarea.value,
    parent: wrap,
    extensions: [
      history(),
      cursorPlaced,
      drawSelection(),
      lineNumbers(),
      highlightActiveLine(),
      new LanguageSupport(markdownLanguage), // Markdown alone: no HTML, CSS or JavaScript inside it
      keymap.of([...defaultKeymap, ...historyKeymap]),
      syntaxHighlighting(defaultHighlightStyle),
      EditorView.lineWrapping,
      keymap.of([indentWithTab]),
      EditorView.contentAttributes.of({ "aria-label": "The page's text", spellcheck: "true", autocorrect: "on", autocapitalize: "sentences" }),
      bodyMarks.of(EditorView.contentAttributes.of(marksOf(textarea))),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          textarea.value = u.state.doc.toString();
          form.dispatchEvent(new Event("relief:body"));
        }
      }),
    ],
  });
  if (label) label.addEventListener("click", () => view.focus());
  wrap.editorView = view; // for the browser tests
  adoptStyles(stylesBefore);
  return view;
}

// adoptStyles gives CodeMirror its own styles. CodeMirror writes them into
// a <style> element, which the editor's Content-Security-Policy
// (style-src 'self', never 'unsafe-inline') refuses: without them the
// text lies below its box, out of sight, and only the line numbers show.
// A constructed stylesheet is not governed by style-src, so the rules go
// into one, and again whenever CodeMirror adds more. Only CodeMirror's
// own element is copied (it keeps one per document: the head style that
// was not there before the editor was made), never every <style> in the
// head, so a style put there by anything else (an extension, a template
// mistake) is still refused by the policy. A nonce (EditorView.cspNonce)
// was not used: the editor's policy is one fixed header
// (internal/server/policy.go), and a nonce needs a policy per response.
// A browser without constructed stylesheets (Safari before 16.4) skips
// this, and the rest of the editor still starts.
function adoptStyles(before) {
  if (!("adoptedStyleSheets" in document)) return;
  let sheet;
  try {
    sheet = new CSSStyleSheet();
  } catch {
    return;
  }
  const own = $$("head style").find((s) => !before.has(s));
  if (!own) return;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const copy = () => sheet.replaceSync(own.textContent);
  copy();
  new MutationObserver(copy).observe(own, { childList: true, subtree: true, characterData: true });
}

// toolbar adds the buttons above the body.
function toolbar(view, textarea) {
  const bar = document.createElement("div");
  bar.className = "toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Formatting");
  const add = (label, title, fn) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.addEventListener("click", () => { fn(); view.focus(); });
    bar.append(b);
  };
  add("Heading", "Make this line a heading", () => prefixLines(view, "## ", true));
  add("Bold", "Make the selected words bold", () => wrap(view, "**", "**", "bold words"));
  add("List", "Make these lines a bulleted list", () => prefixLines(view, "- ", false));
  add("Link to a condition", "Link to another condition page", () => linkDialog(view));
  add("Urgent care box", "Add a box saying when to get help today", () =>
    insertBlock(view, "> [!URGENT]\n> You have … Call your doctor or an urgent care clinic today.\n"));
  add("Picture", "Add a picture", () => imageDialog(view));
  textarea.parentElement.querySelector(".body-editor").before(bar);
}

function prefixLines(view, prefix, replaceHeading) {
  const { state } = view;
  const changes = [];
  const seen = new Set();
  for (const r of state.selection.ranges) {
    for (let pos = r.from; pos <= r.to; ) {
      const line = state.doc.lineAt(pos);
      if (!seen.has(line.number)) {
        seen.add(line.number);
        const m = replaceHeading ? /^#{1,6} /.exec(line.text) : null;
        if (line.text.startsWith(prefix)) changes.push({ from: line.from, to: line.from + prefix.length });
        else changes.push({ from: line.from, to: line.from + (m ? m[0].length : 0), insert: prefix });
      }
      pos = line.to + 1;
    }
  }
  view.dispatch({ changes });
}

function wrap(view, before, after, placeholder) {
  const r = view.state.selection.main;
  const text = view.state.sliceDoc(r.from, r.to) || placeholder;
  view.dispatch({
    changes: { from: r.from, to: r.to, insert: before + text + after },
    selection: { anchor: r.from + before.length, head: r.from + before.length + text.length },
  });
}

// insertBlock puts block (a picture, an urgent care box) on lines of its
// own: after the cursor's line, or at the end of the text while the
// therapist has not put the cursor anywhere yet (cursorPlaced).
function insertBlock(view, block) {
  const { state } = view;
  const line = state.doc.lineAt(state.field(cursorPlaced) ? state.selection.main.from : state.doc.length);
  const at = line.text.trim() === "" ? line.from : line.to;
  const insert = (at === line.to ? "\n\n" : "") + block + "\n";
  view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length } });
}

// dialog makes a small modal form; fields are [name, label, type, attrs].
// onOK returns nothing when it is done, or what is wrong: a sentence for
// the dialog as a whole, or {name, text} for one box, shown under that box
// (tied to it by aria-describedby), with the focus put there. The
// browser's own checks are off (noValidate): its bubble ("Please fill out
// this field") is in its words, not the editor's, and gone once she
// moves; onOK says what is missing instead.
function dialog(title, fields, okLabel, onOK) {
  const d = document.createElement("dialog");
  d.setAttribute("aria-labelledby", "dlg-title");
  const f = document.createElement("form");
  f.method = "dialog";
  f.noValidate = true;
  f.innerHTML = `<h2 id="dlg-title"></h2><div class="dlg-fields"></div><p class="dlg-problem problem" hidden role="alert"></p>
    <div class="actions"><button type="submit" class="primary"></button> <button type="button" value="cancel">Cancel</button></div>`;
  $("#dlg-title", f).textContent = title;
  $("button.primary", f).textContent = okLabel;
  for (const [name, label, type, attrs = {}] of fields) {
    const id = "dlg-" + name;
    const l = document.createElement("label");
    l.htmlFor = id;
    l.textContent = label;
    const i = document.createElement("input");
    Object.assign(i, { id, name, type });
    for (const [k, v] of Object.entries(attrs)) i.setAttribute(k, v);
    const said = document.createElement("p");
    said.className = "problem";
    said.id = id + "-problem";
    said.hidden = true;
    i.setAttribute("aria-describedby", said.id);
    const p = document.createElement("div");
    p.className = "field";
    p.append(l, i, said);
    $(".dlg-fields", f).append(p);
  }
  d.append(f);
  document.body.append(d);
  const close = () => { d.close(); d.remove(); };
  $('button[value="cancel"]', f).addEventListener("click", close);
  d.addEventListener("cancel", close);
  const problem = $(".dlg-problem", f);
  const clear = () => {
    problem.hidden = true;
    for (const [name] of fields) {
      f.elements[name].removeAttribute("aria-invalid");
      $(`#dlg-${name}-problem`, f).hidden = true;
    }
  };
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clear();
    const wrong = await onOK(f);
    if (!wrong) { close(); return; }
    const box = wrong.name && f.elements[wrong.name];
    if (!box) { problem.textContent = wrong; problem.hidden = false; return; }
    const said = $(`#dlg-${wrong.name}-problem`, f);
    said.textContent = wrong.text;
    said.hidden = false;
    box.setAttribute("aria-invalid", "true");
    box.focus();
  });
  d.showModal();
}

function linkDialog(view) {
  const list = $$("#condition-list option").map((o) => ({ slug: o.value, title: o.label || o.textContent }));
  dialog("Link to a condition", [["condition", "Type the condition's name", "text", { list: "condition-names", autocomplete: "off", required: "" }]], "Add the link", (f) => {
    const typed = f.elements.condition.value.trim().toLowerCase();
    const c = list.find((x) => x.title.toLowerCase() === typed || x.slug === typed);
    if (!c) return { name: "condition", text: "Choose one of the conditions in the list." };
    const r = view.state.selection.main;
    const text = view.state.sliceDoc(r.from, r.to) || c.title;
    view.dispatch({ changes: { from: r.from, to: r.to, insert: `[${text}](/conditions/${c.slug})` } });
  });
  // The name list, by title.
  if (!$("#condition-names")) {
    const dl = document.createElement("datalist");
    dl.id = "condition-names";
    for (const c of list) { const o = document.createElement("option"); o.value = c.title; dl.append(o); }
    document.body.append(dl);
  }
}

function imageDialog(view) {
  dialog("Add a picture", [
    ["image", "The picture (JPEG, PNG, WebP or SVG)", "file", { accept: "image/jpeg,image/png,image/webp,image/svg+xml", required: "" }],
    ["alt", "Describe the picture in a few words, for visitors who cannot see it", "text", { required: "" }],
  ], "Add the picture", async (f) => {
    if (!f.elements.image.files.length) return { name: "image", text: "Choose a picture first." };
    if (!f.elements.alt.value.trim()) return { name: "alt", text: "Describe the picture: visitors who cannot see it will hear this." };
    const data = new FormData();
    data.append("image", f.elements.image.files[0]);
    data.append("alt", f.elements.alt.value.trim());
    try {
      const res = await fetch("/_relief/upload", { method: "POST", body: data, credentials: "same-origin" });
      const out = await res.json();
      if (!res.ok) return out.error || "The picture could not be added.";
      insertBlock(view, out.markdown + "\n");
    } catch {
      return "The picture could not be sent. Check the connection and try again.";
    }
  });
}

function summaryCounter() {
  for (const ta of $$("textarea[data-count]")) {
    const out = $("#count-" + ta.name);
    const limit = Number(ta.dataset.count);
    const update = () => {
      const n = [...ta.value.trim()].length; // as saved, and as the checker counts: characters, not bytes or UTF-16 units
      out.textContent = n > limit ? `${n} of ${limit} characters: ${n - limit} too many for search results` : `${n} of ${limit} characters`;
      out.classList.toggle("over", n > limit);
    };
    ta.addEventListener("input", update);
    update();
  }
}

function reviewedToday() {
  for (const b of $$("button[data-today]")) {
    b.addEventListener("click", (ev) => {
      ev.preventDefault();
      const input = b.parentElement.querySelector('input[type="date"]');
      input.value = b.dataset.today;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
}

function tabs() {
  const bar = $("[data-tabs]");
  const ws = $(".workspace");
  if (!bar || !ws) return;
  bar.hidden = false;
  ws.dataset.show = "form";
  for (const b of $$("button[data-tab]", bar)) {
    b.addEventListener("click", () => {
      ws.dataset.show = b.dataset.tab;
      for (const o of $$("button[data-tab]", bar)) o.setAttribute("aria-pressed", String(o === b));
    });
  }
}

// previewAsYouType posts the form into the preview frame after a pause,
// keeping the frame's scroll position.
function previewAsYouType(form) {
  const frame = $('iframe[name="preview"]');
  const button = $('button[value="preview"]', form);
  if (!frame || !button) return debounce(() => {}, 0);
  let y = 0;
  frame.addEventListener("load", () => {
    try { frame.contentWindow.scrollTo(0, y); } catch {}
  });
  return debounce(() => {
    try { y = frame.contentWindow.scrollY; } catch {}
    form.requestSubmit(button);
  }, 600);
}

// problemsAsYouType asks /_relief/check after a pause and shows each
// problem beside its field or body line.
function problemsAsYouType(form, view) {
  let seq = 0;
  let asking = null; // the AbortController of the check under way
  const check = debounce(async () => {
    const n = ++seq;
    let out;
    asking?.abort();
    asking = new AbortController();
    try {
      const res = await fetch("/_relief/check", { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", signal: asking.signal });
      if (!res.headers.get("Content-Type")?.startsWith("application/json")) return;
      out = await res.json();
    } catch { return; }
    if (n !== seq) return;
    for (const ul of $$("ul.field-problems", form)) {
      const name = ul.id.replace(/^problems-/, "");
      const list = name === "body" ? out.body : (out.fields || {})[name];
      ul.replaceChildren(...(list || []).map((p) => problemItem(p, name === "body")));
      markField(form.elements[name], ul, list || []);
      if (name === "body") markBody(view, form.elements.body);
    }
    showWorth(out);
  }, 700);
  check.stop = () => { check.cancel(); asking?.abort(); };
  return check;
}

// showWorth keeps the "Worth a look" list at the top of the form (there
// when the page was opened or saved with warnings) as the check found
// them: a warning mended beside its field leaves the list too, and the
// list hides when none is left.
function showWorth(out) {
  const box = $("#worth-a-look");
  if (!box) return;
  const worth = out.worth || []; // null when there is none
  $(".worth-intro", box).textContent = out.worthIntro;
  $("ul", box).replaceChildren(...worth.map((p) => {
    const li = document.createElement("li");
    li.className = "warning";
    if (p.Where) {
      const a = document.createElement("a");
      a.href = p.Href;
      a.textContent = p.Where;
      if (p.Line) a.dataset.line = p.Line;
      li.append(a, ": ");
    }
    li.append(p.Text);
    return li;
  }));
  box.hidden = worth.length === 0;
}

// markField keeps a control's aria-invalid and aria-describedby in step
// with the problems listed beside it (ul), as the page the server sends
// has them: a screen reader then says the box has a mistake, and reads
// it, when she reaches the box. A list of checkboxes (a RadioNodeList)
// has no one control to mark. The page's text is marked on its hidden
// textarea, and markBody gives CodeMirror's text box the same marks.
function markField(control, ul, list) {
  if (!control?.setAttribute) return;
  const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== ul.id);
  if (list.length) ids.push(ul.id);
  control.setAttribute("aria-describedby", ids.join(" "));
  if (list.some((p) => p.Severity === "error")) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

// markBody gives CodeMirror's text box (.cm-content, the element a
// screen reader knows as the text box) the marks markField gave the
// textarea it stands for. CodeMirror owns that element's attributes, so
// they go through its configuration (bodyMarks), not onto the element.
function markBody(view, textarea) {
  view.dispatch({ effects: bodyMarks.reconfigure(EditorView.contentAttributes.of(marksOf(textarea))) });
}

// marksOf is a control's aria-describedby and aria-invalid, as attributes
// for CodeMirror's text box.
function marksOf(control) {
  const marks = { "aria-describedby": control.getAttribute("aria-describedby") || "" };
  if (control.getAttribute("aria-invalid") === "true") marks["aria-invalid"] = "true";
  return marks;
}

function problemItem(p, body) {
  const li = document.createElement("li");
  li.className = p.Severity;
  if (body && p.Line) {
    const a = document.createElement("a");
    a.href = "#in-body";
    a.textContent = `Line ${p.Line}`;
    a.dataset.line = p.Line; // the form's click handler takes it there
    li.append(a, ": ");
  }
  li.append(p.Text);
  return li;
}

// keepDrafts keeps what is typed in localStorage, so an expired login, a
// closed tab or a restarted server loses nothing, and offers it back. A
// form the server sent back unsaved (data-unsaved: a save refused with
// problems) holds the typing already: it is kept, and nothing is offered.
function keepDrafts(form, path, view, textarea) {
  const key = "relief-draft:" + path;
  const read = () => { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } };
  const values = () => { textarea.value = view.state.doc.toString(); return [...new FormData(form)].filter(([k, v]) => k !== "version" && typeof v === "string"); };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const opened = values();
  const unsaved = form.hasAttribute("data-unsaved");
  if (new URLSearchParams(location.search).has("saved")) localStorage.removeItem(key);
  const kept = read();
  if (unsaved) keep(opened);
  else if (kept && !same(kept.values, opened)) offer(kept);
  function keep(v) {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: v })); } catch {}
  }
  function offer(kept) {
    const note = document.createElement("div");
    note.className = "notice restore";
    note.setAttribute("role", "status");
    const when = new Date(kept.at).toLocaleString();
    note.innerHTML = `<p>You have changes to this page that were not saved (from <span></span>).</p>
      <button type="button" class="primary" data-restore>Bring them back</button> <button type="button" data-discard>Throw them away</button>`;
    $("span", note).textContent = when;
    form.before(note);
    $("[data-restore]", note).addEventListener("click", () => { restore(kept.values); note.remove(); });
    $("[data-discard]", note).addEventListener("click", () => { localStorage.removeItem(key); note.remove(); });
  }
  function restore(list) {
    const byName = new Map();
    for (const [k, v] of list) byName.set(k, [...(byName.get(k) || []), v]);
    for (const el of form.elements) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
      const vs = byName.get(el.name) || [];
      if (el.type === "checkbox") el.checked = vs.includes(el.value);
      else if (el.name === "body") view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: vs[0] || "" } });
      else el.value = vs[0] || "";
    }
    form.dispatchEvent(new Event("input"));
  }
  return {
    save: debounce(() => {
      const v = values();
      if (same(v, opened) && !unsaved) localStorage.removeItem(key);
      else keep(v);
    }, 300),
    // unsaved reports whether the form holds typing that is not saved.
    unsaved: () => unsaved || !same(values(), opened),
  };
}

dashboardFilter();
editPage();
