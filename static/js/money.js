// Money entry on the plan editor (経営指標, 資金計画); every page works without it.
// * Under each amount box (千円), an echo of the amount in 円 with 万/億/兆: "= 1億2,000万円",
//   the same rule as approvals.rules.money.yen_words, so a figure copied in 円 stands out.
// * On leaving a box, the number is written with thousands separators (the server reads
//   全角数字, カンマ and ▲ alike).
// * On 資金計画, 調達計 and its difference from 必要資金 follow the amounts as they are typed.
(function () {
  "use strict";

  // "１，２００" / "1,200" / "▲500" → 1200 / -500; null for empty or unreadable text.
  function parseAmount(text) {
    var value = String(text || "")
      .replace(/[０-９]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/[,，、\s]/g, "")
      .replace(/^[▲△−－ー‐]/, "-")
      .replace(/^＋/, "+");
    if (!/^[+-]?\d+$/.test(value)) {
      return null;
    }
    return parseInt(value, 10);
  }

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  // An amount in 千円 written out in 円: 120000 → "1億2,000万円"; on an English page in yen
  // with digits, "120,000,000 yen" (as approvals.rules.money.YenWords.localized).
  function yenWords(thousands) {
    var negative = thousands < 0;
    var yen = BigInt(Math.abs(thousands)) * 1000n;
    if (!/^ja/.test(document.documentElement.lang || "ja")) {
      return (negative ? "-" : "") + grouped(yen) + " yen";
    }
    if (yen === 0n) {
      return "0円";
    }
    var text = "";
    [["兆", 1000000000000n], ["億", 100000000n], ["万", 10000n]].forEach(function (unit) {
      if (yen >= unit[1]) {
        text += grouped(yen / unit[1]) + unit[0];
        yen = yen % unit[1];
      }
    });
    if (yen > 0n) {
      text += grouped(yen);
    }
    return (negative ? "▲" : "") + text + "円";
  }

  function echo(input) {
    var target = document.querySelector(".money-echo[data-echo-for='" + input.id + "']");
    if (!target) {
      return;
    }
    var amount = parseAmount(input.value);
    target.textContent = amount === null ? "" : "= " + yenWords(amount);
  }

  function updateFunding() {
    var box = document.querySelector("[data-funding-required]");
    if (!box) {
      return;
    }
    var required = parseInt(box.getAttribute("data-funding-required"), 10) || 0;
    var raised = 0;
    document.querySelectorAll("input[data-funding-amount]").forEach(function (input) {
      var form = input.closest("tr, .rows-item");
      var deleted = form && form.querySelector("input[type=checkbox][name$='-DELETE']:checked");
      var amount = parseAmount(input.value);
      if (amount !== null && !deleted) {
        raised += amount;
      }
    });
    var difference = raised - required;
    box.querySelector("[data-funding-raised]").textContent = grouped(raised);
    var state = box.querySelector("[data-funding-state]");
    state.className = "funding-state funding-" + (difference < 0 ? "shortfall" : difference > 0 ? "excess" : "balanced");
    state.textContent =
      difference < 0
        ? box.getAttribute("data-text-shortfall").replace("%s", grouped(-difference))
        : difference > 0
          ? box.getAttribute("data-text-excess").replace("%s", grouped(difference))
          : box.getAttribute("data-text-balanced");
  }

  function isAmount(input) {
    return input.matches("input[data-money]");
  }

  document.addEventListener("input", function (event) {
    if (isAmount(event.target)) {
      echo(event.target);
      updateFunding();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox][name$='-DELETE']")) {
      updateFunding();
    }
  });
  document.addEventListener(
    "blur",
    function (event) {
      var input = event.target;
      if (input.matches && input.matches("input[data-money], input[data-count]")) {
        var amount = parseAmount(input.value);
        if (amount !== null) {
          input.value = (amount < 0 ? "-" : "") + grouped(Math.abs(amount));
        }
      }
    },
    true
  );

  function start() {
    document.querySelectorAll("input[data-money]").forEach(echo);
    updateFunding();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
