// Staff task pages: 「審査意見を引用」 copies the reviewer's opinion into the reason box.
// Without JavaScript the button stays hidden and the opinion can be copied by hand.
(function () {
  "use strict";

  function setUp() {
    document.querySelectorAll("button[data-quote-from]").forEach(function (button) {
      var source = document.getElementById(button.dataset.quoteFrom);
      var target = document.getElementById(button.dataset.quoteInto);
      if (!source || !target) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.innerText.trim();
        var current = target.value.trim();
        target.value = current ? current + "\n\n" + text : text;
        target.focus();
        target.setSelectionRange(target.value.length, target.value.length);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
