// Results page: Confirm / Reject without leaving the page. The server records the decision,
// re-decides the row and answers with the row, the summary cards and the charts as they now
// read; they are swapped in place, so the active filter and the scroll position are kept.
// Reject asks for confirmation first. Without JavaScript the forms post and redirect back.
(function () {
  "use strict";
  var statusLine = document.getElementById("decision-status");

  function say(text, failed) {
    if (!statusLine) return;
    statusLine.textContent = text;
    statusLine.classList.toggle("error", Boolean(failed));
  }

  function swap(answer) {
    var row = document.getElementById("row-" + answer.row_key);
    if (row) {
      var holder = document.createElement("tbody");
      holder.innerHTML = answer.row_html.trim();
      row.replaceWith(holder.firstElementChild);
    }
    document.getElementById("summary").innerHTML = answer.summary_html;
    document.getElementById("charts").innerHTML = answer.charts_html;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("decide")) return;
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    var body = new FormData(form);
    if (button && button.name) body.set(button.name, button.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "X-CSRF-Token": String(body.get("csrf_token")) },
    })
      .then(function (response) {
        return response.json().then(function (answer) { return [response.ok, answer]; });
      })
      .then(function (result) {
        var ok = result[0], answer = result[1];
        if (!ok) {
          buttons.forEach(function (b) { b.disabled = false; });
          say(answer.detail || "The decision was not recorded.", true);
          return;
        }
        swap(answer);
        say("Recorded: the row is now " + answer.status + ".", false);
      })
      .catch(function () {
        buttons.forEach(function (b) { b.disabled = false; });
        say("The decision could not be sent; try again.", true);
      });
  });
})();
