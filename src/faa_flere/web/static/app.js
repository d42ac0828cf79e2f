// Partners: add, remove and reorder; builds: a spinner while the server works, then the result.
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("partner-list");
  if (list) {
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const item = button.closest("li");
      if (button.hasAttribute("data-remove")) item.remove();
      const move = Number(button.dataset.move || 0);
      if (move < 0 && item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
      if (move > 0 && item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
    });
    document.getElementById("add-partner").addEventListener("click", () => {
      const copy = list.lastElementChild.cloneNode(true);
      copy.querySelector("input").value = "";
      list.appendChild(copy);
      copy.querySelector("input").focus();
    });
  }

  // Leaving the page with changes that are not saved asks first.
  const editForm = document.querySelector("form[data-edit]");
  let dirty = false;
  if (editForm) {
    dirty = editForm.dataset.dirty === "1";
    const draftKey = `faa-flere-draft:${editForm.getAttribute("action")}`;
    const base = () => (editForm.querySelector("input[name=base]") || {}).value;
    // A draft of what is typed, kept in this browser until a save is confirmed: after a
    // failure anywhere (the server, the database, the connection) it comes back.
    const keepDraft = () => {
      const fields = [];
      for (const field of editForm.elements) {
        if (!field.name || field.type === "file" || field.type === "hidden") continue;
        if (field.type === "checkbox") fields.push([field.name, field.value, field.checked]);
        else fields.push([field.name, field.value]);
      }
      try {
        localStorage.setItem(draftKey, JSON.stringify({ base: base(), fields }));
      } catch (error) { /* storage full or refused: the page still works */ }
    };
    const saved = new URLSearchParams(location.search).get("gemt") === "1";
    if (saved) localStorage.removeItem(draftKey);
    const draft = !saved && !dirty && JSON.parse(localStorage.getItem(draftKey) || "null");
    if (draft && draft.base === base()) {
      const partners = draft.fields.filter(([name]) => name === "partner").length;
      const add = document.getElementById("add-partner");
      while (add && editForm.querySelectorAll("input[name=partner]").length < partners) add.click();
      const seen = {};
      for (const [name, value, checked] of draft.fields) {
        const index = (seen[name] = (seen[name] ?? -1) + 1);
        const field = [...editForm.elements].filter((f) => f.name === name && (checked === undefined || f.value === value))[checked === undefined ? index : 0];
        if (!field) continue;
        if (checked !== undefined) field.checked = checked;
        else field.value = value;
      }
      dirty = true;
      const note = document.createElement("p");
      note.className = "ok";
      note.setAttribute("role", "status");
      note.dataset.draft = "";
      note.textContent = JSON.parse(document.getElementById("words").textContent).draftRestored;
      editForm.parentNode.insertBefore(note, editForm);
    }
    const changed = () => { dirty = true; keepDraft(); };
    editForm.addEventListener("input", changed);
    editForm.addEventListener("change", changed);
    if (list) list.addEventListener("click", changed);
    editForm.addEventListener("submit", () => { keepDraft(); dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  const status = document.querySelector("[data-job]");
  const jobId = status && status.dataset.job;
  if (!jobId) return;
  const downloads = document.querySelector(".downloads");
  // Every word shown here comes from the catalogue: the page embeds the fixed ones as JSON,
  // and the server says where a build is (its place in the queue, the seconds) in words.
  const words = JSON.parse(document.getElementById("words").textContent);
  const show = (html, where) => { where.innerHTML = html; };
  // A paragraph of text: "fejl" for a problem (read out at once), "ok" for good news.
  const say = (kind, text, where) => {
    show(kind === "fejl" ? '<p class="fejl" role="alert"></p>' : `<p class="${kind}"></p>`, where);
    where.querySelector("p").textContent = text;
  };
  const busy = (text, where) => {
    show('<span class="spinner"></span>', where);
    where.append(text);
  };
  // Quick at first (a preview takes about a second), then every second.
  const started = Date.now();
  const soon = () => (Date.now() - started < 10000 ? 250 : 1000);
  const poll = async () => {
    let answer;
    try {
      answer = await fetch(`/job/${jobId}`);
    } catch (error) {
      // The connection is gone (network, server restart): say so, and keep trying.
      say("fejl", words.offline, status);
      setTimeout(poll, 3000);
      return;
    }
    if (!answer.ok) return;
    const job = await answer.json();
    const where = job.kind === "pack" ? downloads : status;
    if (job.state === "waiting" || job.state === "running") {
      busy(job.words, where);
      setTimeout(poll, soon());
    } else if (job.state === "failed") {
      say("fejl", job.message, where);
    } else if (job.kind === "preview") {
      // Reloading would throw away what was typed since the save (or ask to leave the page).
      if (dirty && job.problems) say("fejl", words.previewMisfit, where);
      else if (dirty) say("ok", words.previewReady, where);
      else if (!sessionStorage.getItem(jobId)) { sessionStorage.setItem(jobId, "1"); location.reload(); }
      else say("ok", words.previewUpdated, where);
    } else {
      say("ok", words.filesReady, where);
      const list = document.createElement("ul");
      list.className = "files";
      for (const file of job.files) {
        const link = document.createElement("a");
        link.href = file.url;
        link.setAttribute("download", "");
        link.textContent = file.label;
        list.appendChild(document.createElement("li")).appendChild(link);
      }
      where.appendChild(list);
    }
  };
  poll();
});
