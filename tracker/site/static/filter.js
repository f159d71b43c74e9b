// Filter the status board by status. The page works without this script: every row is shown.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var board = document.querySelector("table.board tbody");
  if (!box || !board) { return; }
  var buttons = box.querySelectorAll("button[data-status]");
  var result = document.getElementById("filter-result");
  function show(status) {
    var rows = board.querySelectorAll("tr[data-status]");
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var keep = !status || rows[i].getAttribute("data-status") === status;
      rows[i].hidden = !keep;
      if (keep) { n++; }
    }
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].setAttribute("aria-pressed", String(buttons[j].getAttribute("data-status") === status));
    }
    if (result) { result.textContent = n + " of " + rows.length + " commitments shown"; }
  }
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener("click", function (event) {
      show(event.currentTarget.getAttribute("data-status"));
    });
  }
  var summary = document.querySelector("ul.summary");
  if (summary) { summary.hidden = true; }  // the buttons show the same counts
  box.hidden = false;
})();
