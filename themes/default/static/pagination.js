/* "Page 4 of 57" on a list's older pages (templates/_pagination.html). Their
   bytes never change when news is added, so the total comes from the list's
   pages.json, which changes only when the list gains a page. Without this
   script (or the file) the page shows "Page 4" alone. */
(function () {
  "use strict";
  var place = document.querySelector(".pagination-of");
  if (!place || !window.fetch) { return; }
  fetch(place.dataset.count).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (count) {
    if (count && typeof count.last === "number") {
      place.textContent = place.dataset.text.replace("{total}", String(count.last));
    }
  }).catch(function () { /* offline or file://: the number alone stays */ });
})();
