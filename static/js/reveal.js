// Conditional reveal (the GOV.UK pattern): a field marked data-revealed-by="<input id>" is shown
// only while that checkbox is ticked, or while the field itself holds something other than its
// default. Without JavaScript every field stays visible.
(function () {
  "use strict";

  function update(wrapper) {
    var trigger = document.getElementById(wrapper.getAttribute("data-revealed-by"));
    var own = wrapper.querySelector("select, input");
    var holdsValue = own && own.value && own.value !== wrapper.getAttribute("data-default");
    wrapper.hidden = !(trigger && trigger.checked) && !holdsValue;
  }

  function init() {
    document.querySelectorAll("[data-revealed-by]").forEach(function (wrapper) {
      var trigger = document.getElementById(wrapper.getAttribute("data-revealed-by"));
      if (!trigger) {
        return;
      }
      trigger.setAttribute("aria-controls", wrapper.id);
      trigger.addEventListener("change", function () {
        update(wrapper);
      });
      update(wrapper);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
