// Ready-made correction reasons (補正の定型文): 「定型文を挿入」 adds the chosen reason to the
// message to the applicant at once. Without this script the select is posted with the form and
// the server appends the reason (workflow.forms.DecisionForm.clean).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var button = document.querySelector("[data-insert-reason]");
    var select = document.getElementById("id_reason");
    var message = document.getElementById("id_comment");
    if (!button || !select || !message) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var option = select.options[select.selectedIndex];
      if (!option || !option.value) {
        select.focus();
        return;
      }
      var text = option.text;
      if (message.value.indexOf(text) === -1) {
        var current = message.value.replace(/\s+$/, "");
        message.value = current ? current + "\n" + text : text;
      }
      select.value = "";
      message.focus();
      message.setSelectionRange(message.value.length, message.value.length);
    });
  });
})();
