/*
 * Start-up guard of the task pane, inlined into taskpane.html after #root so it runs before the
 * bundle's deferred scripts. ES5 only (no arrows, let/const, template strings, Promise): it must run
 * in the engines the bundle cannot.
 *
 * 1. Office builds that host add-ins in Internet Explorer 11 (Trident) or old Edge (EdgeHTML) cannot
 *    run the React / Fluent UI bundle (ES2020), and the pane would stay on "Đang tải… / Loading…".
 *    When a feature the bundle needs is missing, #root shows why and what to do instead.
 * 2. Watchdog: when the bundle has not started (index.tsx sets window.__phulucStarted first thing)
 *    within 15 s, or one of its files failed to load, #root says so, with the same alternatives.
 * User text: Vietnamese, then English.
 */
/* global window, document, navigator, location */
// Prettier would add trailing commas to multi-line calls, a syntax error in ES5 engines.
/* eslint-disable prettier/prettier */
(function () {
  "use strict";

  var WATCHDOG_SECONDS = 15;
  var root = document.getElementById("root");
  if (!root) return;

  function modernSyntax() {
    try {
      // Compiled, never run: the syntax the bundle is shipped in (target ES2020).
      var probe = Function("let a = { ...{ b: 1 } }; const f = async (x) => x?.b ?? 0; class C {} return [a, f, C]");
      return typeof probe === "function";
    } catch (e) {
      // A Content-Security-Policy without 'unsafe-eval' forbids the probe itself (EvalError): not an old engine.
      return !(e && e.name === "SyntaxError");
    }
  }

  function isFunction(value) {
    return typeof value === "function";
  }

  /** Names of what the bundle needs and this engine lacks (empty in current browsers). */
  function missingFeatures() {
    var w = window;
    var missing = [];
    var checks = [
      ["ES2020", modernSyntax()],
      ["Promise", isFunction(w.Promise) && isFunction(w.Promise.prototype["finally"])],
      ["fetch", isFunction(w.fetch)],
      ["Map/Set", isFunction(w.Map) && isFunction(w.Set) && isFunction(w.WeakMap)],
      ["Symbol", isFunction(w.Symbol) && typeof w.Symbol.iterator === "symbol"],
      [
        "Object.assign/entries/fromEntries",
        isFunction(Object.assign) && isFunction(Object.entries) && isFunction(Object.fromEntries),
      ],
      [
        "Array.from/includes/find/flatMap",
        isFunction(Array.from) &&
          isFunction(Array.prototype.includes) &&
          isFunction(Array.prototype.find) &&
          isFunction(Array.prototype.flatMap),
      ],
      ["String.startsWith/padStart", isFunction(String.prototype.startsWith) && isFunction(String.prototype.padStart)],
      ["URLSearchParams", isFunction(w.URLSearchParams)],
      ["TextDecoder", isFunction(w.TextDecoder)],
      ["globalThis", typeof w.globalThis === "object"],
      ["CSS variables", !!(w.CSS && isFunction(w.CSS.supports) && w.CSS.supports("--a", "0"))],
    ];
    for (var i = 0; i < checks.length; i++) if (!checks[i][1]) missing.push(checks[i][0]);
    return missing;
  }

  function hostedByOffice() {
    var query = location.search + location.hash;
    return /_host_Info=/i.test(query) || /hostInfo|xdmInfo|_host_Info/i.test(window.name || "");
  }

  /** [Vietnamese, English] name of an old engine, or null. */
  function oldEngine() {
    var ua = navigator.userAgent || "";
    if (/Trident\/|MSIE /.test(ua)) return ["Internet Explorer", "Internet Explorer"];
    if (/ Edge\/\d/.test(ua)) return ["Microsoft Edge bản cũ (EdgeHTML)", "old Microsoft Edge (EdgeHTML)"];
    return null;
  }

  /** The page without Office's query: what to open in another browser. */
  function pageAddress() {
    return location.protocol + "//" + location.host + location.pathname;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.appendChild(document.createTextNode(text));
    if (className) node.className = className;
    return node;
  }

  /** One language's part: title, intro, list of steps (a step may end with the page address). */
  function section(lang, part) {
    var box = element("section");
    box.setAttribute("lang", lang);
    box.appendChild(element("h2", part.title));
    box.appendChild(element("p", part.intro));
    var list = element("ul");
    for (var i = 0; i < part.steps.length; i++) {
      var item = element("li", part.steps[i].text);
      if (part.steps[i].address) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("code", pageAddress()));
      }
      list.appendChild(item);
    }
    box.appendChild(list);
    return box;
  }

  function show(kind, vi, en, detail) {
    var notice = element("div", "", "boot notice");
    notice.setAttribute("role", "alert");
    notice.setAttribute("data-notice", kind);
    notice.appendChild(section("vi", vi));
    notice.appendChild(section("en", en));
    if (detail) notice.appendChild(element("p", detail, "detail"));
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(notice);
  }

  var UPDATE_VI = {
    text:
      "Cập nhật Office lên Microsoft 365 (phiên bản 2101 trở lên) hoặc Office 2021 trở lên, " +
      "trên Windows 10 hoặc 11 có Microsoft Edge WebView2 (Windows 11 có sẵn; Microsoft 365 và Office 2021 " +
      "tự cài kèm). Nhờ bộ phận tin học nếu cần.",
  };
  var UPDATE_EN = {
    text:
      "Update Office to Microsoft 365 (version 2101 or later) or Office 2021 or later, on Windows 10 or 11 " +
      "with Microsoft Edge WebView2 (built into Windows 11; installed with Microsoft 365 and Office 2021). " +
      "Ask IT if needed.",
  };
  var BROWSER_VI = {
    text:
      "Dùng ngay bằng trình duyệt: mở địa chỉ sau bằng Chrome, Edge hoặc Firefox. Trang có đủ chức năng; " +
      "kết quả tải về dưới dạng tệp .xlsx, mở được bằng Excel 2016 trở lên:",
    address: true,
  };
  var BROWSER_EN = {
    text:
      "Use it now in a browser: open this address in Chrome, Edge or Firefox. Every feature is there; " +
      "results download as .xlsx files that open in Excel 2016 or later:",
    address: true,
  };
  var CLI_VI = { text: "Hoặc dùng dòng lệnh (npm run cli) theo hướng dẫn đi kèm." };
  var CLI_EN = { text: "Or use the command line (npm run cli), as its guide describes." };

  function showLegacy(missing) {
    var hosted = hostedByOffice();
    var engine = oldEngine();
    var detail = "Chi tiết kỹ thuật / Technical details: thiếu / missing " + missing.join(", ");
    if (hosted) {
      show(
        "legacy",
        {
          title: "Phụ lục NQ 08 không chạy được trong phiên bản Office này",
          intro:
            "Phiên bản Office hoặc Windows trên máy này hiển thị add-in bằng khung web cũ (" +
            (engine ? engine[0] : "Internet Explorer hoặc Microsoft Edge bản cũ") +
            "), nên add-in không chạy được ở đây. Cách khắc phục:",
          steps: [UPDATE_VI, BROWSER_VI, CLI_VI],
        },
        {
          title: "The NQ 08 Appendix cannot run in this version of Office",
          intro:
            "This version of Office or Windows shows add-ins in an old web view (" +
            (engine ? engine[1] : "Internet Explorer or old Microsoft Edge") +
            "), which the add-in cannot run in. What to do:",
          steps: [UPDATE_EN, BROWSER_EN, CLI_EN],
        },
        detail
      );
    } else {
      show(
        "legacy",
        {
          title: "Trình duyệt này quá cũ",
          intro:
            "Trình duyệt này" + (engine ? " (" + engine[0] + ")" : "") +
            " không chạy được trang Phụ lục NQ 08. Cách khắc phục:",
          steps: [{ text: "Mở địa chỉ sau bằng bản mới của Chrome, Edge hoặc Firefox:", address: true }, CLI_VI],
        },
        {
          title: "This browser is too old",
          intro:
            "This browser" + (engine ? " (" + engine[1] + ")" : "") +
            " cannot run the NQ 08 Appendix page. What to do:",
          steps: [{ text: "Open this address in a current Chrome, Edge or Firefox:", address: true }, CLI_EN],
        },
        detail
      );
    }
  }

  function showStalled(reason) {
    var hosted = hostedByOffice();
    var vi = [{ text: "Đóng ngăn này rồi mở lại, hoặc tải lại trang." }, BROWSER_VI];
    var en = [{ text: "Close this pane and open it again, or reload the page." }, BROWSER_EN];
    if (hosted) {
      vi.push(UPDATE_VI);
      en.push(UPDATE_EN);
    }
    vi.push({
      text: "Hoặc dùng dòng lệnh (npm run cli). Nếu vẫn không được, nhờ bộ phận tin học kiểm tra máy chủ của trang.",
    });
    en.push({
      text: "Or use the command line (npm run cli). If nothing helps, ask IT to check the server of this page.",
    });
    show(
      "stalled",
      {
        title: "Phụ lục NQ 08 chưa tải được",
        intro:
          (reason === "error"
            ? "Một tệp của trang không tải được"
            : "Đã chờ " + WATCHDOG_SECONDS + " giây mà chương trình chưa chạy") +
          ": có thể do mạng chậm, máy chủ, phần mềm bảo mật chặn hoặc phiên bản Office cũ. " +
          "Trang sẽ tự hiện ra nếu tải xong sau đó. Cách khắc phục:",
        steps: vi,
      },
      {
        title: "The NQ 08 Appendix did not load",
        intro:
          (reason === "error"
            ? "A file of this page could not be loaded"
            : "After " + WATCHDOG_SECONDS + " seconds the program has not started") +
          ": a slow network, the server, security software or an old Office version may be the cause. " +
          "The page appears by itself if it finishes loading later. What to do:",
        steps: en,
      },
      ""
    );
  }

  var missing = missingFeatures();
  if (missing.length > 0) {
    // Take the id away: an engine that half-runs the bundle must not draw a broken app over the message.
    root.id = "root-unsupported";
    showLegacy(missing);
    return;
  }

  // #root keeps its id here: a bundle that arrives late still renders over the message.
  var stalled = false;
  function stall(reason) {
    if (stalled || window.__phulucStarted) return;
    stalled = true;
    showStalled(reason);
  }
  setTimeout(function () {
    stall("timeout");
  }, WATCHDOG_SECONDS * 1000);
  // A <script> that fails to load (404, blocked) reports on its element; capture sees it at window.
  window.addEventListener(
    "error",
    function (event) {
      var target = event && event.target;
      if (target && target.tagName === "SCRIPT") stall("error");
    },
    true
  );
})();
