// Follows a running screening; the page reloads when it is done or failed.
(function poll() {
  const bar = document.getElementById("progress");
  if (!bar) { return; }
  fetch("/screenings/" + encodeURIComponent(bar.dataset.job), {credentials: "same-origin"})
    .then(r => r.json()).then(job => {
      bar.value = job.progress || 0;
      document.getElementById("status").textContent = job.status + (job.message ? " · " + job.message : "");
      if (job.status === "done" || job.status === "failed") { window.location.reload(); }
      else { setTimeout(poll, 400); }
    }).catch(() => setTimeout(poll, 1000));
})();
