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
    const changed = () => { dirty = true; };
    editForm.addEventListener("input", changed);
    editForm.addEventListener("change", changed);
    if (list) list.addEventListener("click", changed);
    editForm.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  const status = document.querySelector("[data-job]");
  const jobId = status && status.dataset.job;
  if (!jobId) return;
  const downloads = document.querySelector(".downloads");
  const show = (html, where) => { where.innerHTML = html; };
  const seconds = (n) => (n == null ? "" : ` Det tager ca. ${n} sekunder.`);
  // Quick at first (a preview takes about a second), then every second.
  const started = Date.now();
  const soon = () => (Date.now() - started < 10000 ? 250 : 1000);
  const poll = async () => {
    let answer;
    try {
      answer = await fetch(`/job/${jobId}`);
    } catch (error) {
      // The connection is gone (network, server restart): say so, and keep trying.
      show('<p class="fejl" role="alert">Forbindelsen til serveren er afbrudt. Prøver igen …</p>', status);
      setTimeout(poll, 3000);
      return;
    }
    if (!answer.ok) return;
    const job = await answer.json();
    const where = job.kind === "pack" ? downloads : status;
    if (job.state === "waiting") {
      const queue = job.ahead === 0 ? "Du er den næste i køen." : `Der er ${job.ahead} før dig i køen.`;
      show(`<span class="spinner"></span>${queue}${seconds(job.estimate)}`, where);
      setTimeout(poll, soon());
    } else if (job.state === "running") {
      show(`<span class="spinner"></span>Arbejder …${seconds(job.estimate)}`, where);
      setTimeout(poll, soon());
    } else if (job.state === "failed") {
      show(`<p class="fejl" role="alert"></p>`, where);
      where.querySelector("p").textContent = job.message;
    } else if (job.kind === "preview") {
      // Reloading would throw away what was typed since the save (or ask to leave the page).
      if (dirty && job.problems) show('<p class="fejl" role="alert">Noget af den gemte tekst er for langt til sin plads på papiret. Tryk »Gem og vis« for at se, hvor det er.</p>', where);
      else if (dirty) show('<p class="ok">Den nye forhåndsvisning er klar. Tryk »Gem og vis« for at gemme jeres nye ændringer og se den.</p>', where);
      else if (!sessionStorage.getItem(jobId)) { sessionStorage.setItem(jobId, "1"); location.reload(); }
      else show('<p class="ok">Forhåndsvisningen er opdateret.</p>', where);
    } else {
      const links = job.files.map((f) => {
        const name = f.name.split("/").pop();
        const label = f.name.startsWith("plotter/") ? `Skærefil til plotter (Cricut, Silhouette): ${name}` : name;
        return `<li><a href="${f.url}" download>${label}</a></li>`;
      });
      show(`<p class="ok">Klar. Hent filerne:</p><ul class="files">${links.join("")}</ul>`, where);
    }
  };
  poll();
});
