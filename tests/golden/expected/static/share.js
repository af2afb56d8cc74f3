/* The "copy link" button of an article page (templates/_share.html).
   Without this script the button stays hidden and the address stays in its
   read-only field, ready to select. Nothing here touches the network. */
(function () {
  "use strict";
  var button = document.querySelector(".share-copy");
  var field = document.querySelector(".share-address");
  var status = document.querySelector(".share-status");
  if (!button || !field || !status) { return; }

  function say(text) { status.textContent = text; }

  function bySelection() {
    field.focus();
    field.select();
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }

  button.addEventListener("click", function () {
    var text = field.value;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button.dataset.done); },
        function () { say(bySelection() ? button.dataset.done : button.dataset.failed); });
    } else {
      say(bySelection() ? button.dataset.done : button.dataset.failed);
    }
  });
  field.addEventListener("focus", function () { field.select(); });
  button.hidden = false;
})();
