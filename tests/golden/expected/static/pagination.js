/* "Page 4 of 57" on a list's older pages (templates/_pagination.html). Their
   bytes never change when news is added, so they hold no total: the list's
   newest page, at the list's own address, carries it (`data-last`), and it is
   rewritten with every article anyway. Without this script (or that page) an
   older page shows "Page 4" alone.

   The older pages also link every page by its number, the newest one too: its
   number answers with a small page that forwards to the list's own address.
   Knowing the total, the script points those links at the list's address, so a
   reader goes there directly. */
(function () {
  "use strict";
  var place = document.querySelector(".pagination-of");
  if (!place || !window.fetch) { return; }
  var list = place.dataset.list;
  fetch(list).then(function (response) {
    return response.ok ? response.text() : "";
  }).then(function (html) {
    var nav = new DOMParser().parseFromString(html, "text/html")
      .querySelector(".pagination[data-last]");
    var last = nav ? nav.getAttribute("data-last") : "";
    if (!/^[0-9]+$/.test(last)) { return; }
    place.textContent = place.dataset.text.replace("{total}", last);
    var newest = list + "page/" + last + "/";
    var links = document.querySelectorAll(".pagination a");
    for (var i = 0; i < links.length; i += 1) {
      if (links[i].getAttribute("href") === newest) {
        links[i].setAttribute("href", list);
      }
    }
  }).catch(function () { /* offline or file://: the number alone stays */ });
})();
