// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // A form that failed: move focus to the error summary so screen readers announce it and
  // keyboard users start from the list of problems.
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) {
      summary.focus();
    }
  }

  // A link in the error summary moves focus into the field itself, not only the view.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  });

  // The translated words of the enhancements below come with the script tag (base.html).
  var script = document.currentScript;
  var words = (script && script.dataset) || {};

  // On a phone the header's menu folds behind a 「メニュー」 button (site.css shows the
  // button below 40rem only). Without this script the menu is simply always open.
  function collapsibleMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) {
      return;
    }
    function show(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        nav.removeAttribute("data-collapsed");
      } else {
        nav.setAttribute("data-collapsed", "");
      }
    }
    show(false);
    toggle.hidden = false;
    toggle.closest(".site-header").classList.add("menu-ready");
    toggle.addEventListener("click", function () {
      show(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.offsetParent) {
        show(false);
        toggle.focus();
      }
    });
  }

  // A 「表示」 button next to each password field shows what was typed, and hides it again
  // (also before the form is sent, so the browser never stores it as plain text).
  function passwordToggles() {
    if (!words.showPassword) {
      return;
    }
    document.querySelectorAll("input[type=password]").forEach(function (input) {
      if (!input.id) {
        return;
      }
      var wrapper = document.createElement("div");
      wrapper.className = "password-input";
      input.parentNode.insertBefore(wrapper, input);
      wrapper.appendChild(input);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-secondary password-toggle";
      button.setAttribute("aria-controls", input.id);
      wrapper.appendChild(button);
      function show(visible) {
        input.type = visible ? "text" : "password";
        button.textContent = visible ? words.hidePassword : words.showPassword;
        button.setAttribute(
          "aria-label",
          visible ? words.hidePasswordLabel : words.showPasswordLabel
        );
      }
      show(false);
      button.addEventListener("click", function () {
        show(input.type === "password");
      });
      if (input.form) {
        input.form.addEventListener("submit", function () {
          show(false);
        });
      }
    });
  }

  // A plan editor's section asks before its page is left with edits not yet saved (the
  // browser words the question). A form shown again unsaved (errors, or input restored after
  // an expired login or token) starts as unsaved.
  function warnBeforeLeavingUnsaved() {
    var forms = document.querySelectorAll("form[data-unsaved-warning]");
    if (!forms.length) {
      return;
    }
    var unsaved = false;
    forms.forEach(function (form) {
      if (form.dataset.unsavedWarning === "unsaved") {
        unsaved = true;
      }
      form.addEventListener("input", function () {
        unsaved = true;
      });
      form.addEventListener("submit", function () {
        unsaved = false;
      });
    });
    window.addEventListener("beforeunload", function (event) {
      if (unsaved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function start() {
    focusErrorSummary();
    collapsibleMenu();
    passwordToggles();
    warnBeforeLeavingUnsaved();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
