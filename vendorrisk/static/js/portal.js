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

  function say(text) { if (status) { status.textContent = text; } }

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
    var bar = document.querySelector(".progress-bar");
    if (bar && typeof data.progress === "number") {
      bar.className = "progress-bar progress-" + Math.floor(data.progress / 10) * 10;
      bar.textContent = data.progress + " %";
    }
  }

  function save() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    say(form.dataset.saving || "…");
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
        say(result.data.conflicts[ids[0]].message);
        ids.forEach(function (qid) {
          var card = document.getElementById("q-" + qid);
          if (card) { card.classList.add("border-danger"); }
        });
      } else if (result.status === 400) {
        var messages = Object.keys(result.data.errors).map(function (k) { return result.data.errors[k]; });
        say(messages.join(" "));
      } else {
        say(form.dataset.saved || "✓");
      }
    }).catch(function () {
      say(form.dataset.offline || "!");
    }).finally(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "file") { return; }
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") {
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    }
  });
}());
