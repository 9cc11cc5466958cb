// Remembers whether the reader hides furigana. The switch itself is a checkbox that CSS
// reads (`:has()`), so it works without this script; this only keeps the choice from one
// page to the next (localStorage, when the browser allows it).
(function () {
  "use strict";
  var box = document.getElementById("furigana-toggle");
  if (!box) return;
  var KEY = "madoguchi-furigana";
  try {
    var saved = window.localStorage.getItem(KEY);
    if (saved === "hidden") box.checked = false;
  } catch (e) { /* storage blocked: the switch still works on this page */ }
  box.addEventListener("change", function () {
    try {
      window.localStorage.setItem(KEY, box.checked ? "shown" : "hidden");
    } catch (e) { /* storage blocked */ }
  });
})();
