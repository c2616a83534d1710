// Portal autosave: saves a question shortly after it changes, shows or hides the
// questions whose conditions changed (the server decides), and reports conflicts.
// Without JavaScript the Save button does the same on the server.
(function () {
  "use strict";
  var form = document.getElementById("portal-form");
  if (!form || !form.dataset.autosave) { return; }
  var status = document.getElementById("autosave-status");
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var timer = null;
  var inFlight = false;
  var again = false;
  var waiting = false;  // a change waits for its save

  function say(text, state) {  // state: saving, saved or refused (for tests and styles)
    if (status) { status.textContent = text; status.dataset.state = state; }
  }

  function apply(data) {
    Object.keys(data.saved || {}).forEach(function (qid) {
      var version = form.querySelector('input[name="ver-' + qid + '"]');
      if (version) { version.value = data.saved[qid]; }
    });
    if (data.shown) {
      form.querySelectorAll("[data-question]").forEach(function (card) {
        card.hidden = data.shown.indexOf(card.dataset.question) === -1;
      });
    }
    if (data.pending) {  // carried-over answers confirmed or changed lose their note
      form.querySelectorAll("[data-question]").forEach(function (card) {
        if (data.pending.indexOf(card.dataset.question) === -1) {
          card.querySelectorAll(".alert[data-carried]").forEach(function (note) { note.hidden = true; });
        }
      });
    }
    if (data.why) {  // a warning that asks why shows its box, with its own text
      form.querySelectorAll("[data-why]").forEach(function (box) {
        var asked = data.why[box.dataset.why] || [];
        box.hidden = asked.length === 0;
        box.querySelectorAll("[data-warning]").forEach(function (text) {
          text.hidden = asked.indexOf(text.dataset.warning) === -1;
        });
      });
    }
    if (data.files_missing) {  // a question whose answer now needs a file says so
      form.querySelectorAll("[data-evidence]").forEach(function (note) {
        var missing = note.querySelector("[data-file-missing]");
        if (missing) { missing.hidden = data.files_missing.indexOf(note.dataset.evidence) === -1; }
      });
    }
    progress(data);
  }

  function worded(pattern, numbers) {  // "%(done)d of %(total)d …" with the numbers
    return pattern.replace(/%\((\w+)\)d/g, function (all, name) { return numbers[name]; });
  }

  function progress(data) {  // the bar, its words and each section's counts
    var bar = document.querySelector(".progress-bar");
    if (bar && typeof data.progress === "number") {
      bar.className = "progress-bar progress-" + Math.floor(data.progress / 10) * 10;
      bar.textContent = data.progress + " %";
      bar.parentNode.setAttribute("aria-valuenow", data.progress);
    }
    var words = document.getElementById("progress-text");
    var patterns = words ? JSON.parse(words.dataset.patterns || "{}") : {};
    if (words && typeof data.done === "number" && data.files_missing) {
      var files = data.files_missing.length;
      var pattern = !files ? patterns.answers : files === 1 ? patterns.files_one : patterns.files_other;
      words.textContent = worded(pattern, {done: data.done, total: data.total, num: files});
    }
    Object.keys(data.sections || {}).forEach(function (id) {
      var link = document.querySelector('[data-section="' + id + '"]');
      if (!link) { return; }
      ["answers", "files"].forEach(function (kind) {
        var badge = link.querySelector('[data-count="' + kind + '"]');
        if (!badge) { return; }
        var count = data.sections[id][kind];
        var number = badge.querySelector("[data-number]");
        var text = badge.querySelector("[data-words]");
        badge.hidden = !count;
        if (number) { number.textContent = count; }
        if (text) {
          text.textContent = worded(count === 1 ? patterns.badge_one : patterns.badge_other, {num: count});
        }
      });
    });
  }

  function save() {
    waiting = false;
    if (inFlight) { again = true; return; }
    inFlight = true;
    say(form.dataset.saving || "…", "saving");
    var data = new FormData(form);
    // Files go up with the Upload button, not with every autosave.
    Array.from(data.keys()).forEach(function (key) {
      if (key.indexOf("file-") === 0) { data.delete(key); }
    });
    fetch(form.dataset.autosave, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-CSRFToken": token, "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {status: response.status, data: data}; });
    }).then(function (result) {
      apply(result.data);
      if (result.status === 409) {
        var ids = Object.keys(result.data.conflicts);
        say(result.data.conflicts[ids[0]].message, "refused");
        ids.forEach(function (qid) {
          var card = document.getElementById("q-" + qid);
          if (card) { card.classList.add("border-danger"); }
        });
      } else if (result.status === 400) {
        var messages = Object.keys(result.data.errors).map(function (k) { return result.data.errors[k]; });
        say(messages.join(" "), "refused");
      } else {
        say(form.dataset.saved || "✓", again || waiting ? "pending" : "saved");
      }
    }).catch(function () {
      say(form.dataset.offline || "!", "offline");
    }).finally(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  function later(delay) {  // save once the changes pause
    clearTimeout(timer);
    timer = setTimeout(save, delay);
    waiting = true;
    if (status) { status.dataset.state = "pending"; }
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "file") { return; }
    later(400);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") { later(1200); }
  });
}());
