// Times are sent in UTC ("3 Dec 2026, 10:45 UTC"); shown here in the reader's own time zone,
// with the UTC time kept as the element's title.
(function () {
  "use strict";
  document.querySelectorAll("time.local-time").forEach(function (node) {
    var moment = new Date(node.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    node.title = node.textContent;
    node.textContent = moment.toLocaleString(undefined, {
      day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    });
  });
})();
