// Hangar's console: polls the account's data every second and renders it. Every value goes in as text
// (textContent), never as markup.
"use strict";
(function () {
  const PERIOD_MS = 1000;

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function bytes(n) {
    if (n < 1024) {
      return n + " bytes";
    }
    const units = ["KiB", "MiB", "GiB", "TiB"];
    let value = n;
    let unit = -1;
    do {
      value /= 1024;
      unit++;
    } while (value >= 1024 && unit < units.length - 1);
    return value.toFixed(1) + " " + units[unit] + " (" + n + " bytes)";
  }

  function render(data) {
    document.getElementById("account").textContent = data.account;
    const names = new Map();
    const builds = document.querySelector("#builds tbody");
    const rows = [];
    for (const build of data.builds) {
      names.set(build.id, build.name);
      const row = document.createElement("tr");
      row.dataset.buildId = build.id;
      row.dataset.status = build.status;
      cell(row, build.name, "name");
      cell(row, build.version, "version");
      cell(row, build.status, "status status-" + build.status.toLowerCase());
      cell(row, bytes(build.size), "size");
      cell(row, build.operatingSystem, "os");
      cell(row, build.creationTime, "created");
      cell(row, build.tags.map(t => t.key + "=" + t.value).join(", "), "tags");
      cell(row, build.id, "id");
      rows.push(row);
    }
    builds.replaceChildren(...rows);
    document.getElementById("build-count").textContent = "(" + data.builds.length + ")";
    document.getElementById("truncated").hidden = !data.truncated;
    const uploads = document.querySelector("#uploads tbody");
    uploads.replaceChildren(...data.uploads.map(upload => {
      const row = document.createElement("tr");
      row.dataset.buildId = upload.buildId;
      cell(row, names.get(upload.buildId) || "", "name");
      cell(row, upload.buildId, "id");
      cell(row, bytes(upload.bytesReceived), "received");
      return row;
    }));
  }

  function state(name, text) {
    const element = document.getElementById("state");
    element.dataset.state = name;
    element.textContent = text;
  }

  async function refresh() {
    try {
      const reply = await fetch("/_hangar/console/data", { credentials: "same-origin", cache: "no-store" });
      if (reply.status === 401) {
        state("unauthorized", "not signed in: open the console link again");
        return;
      }
      if (!reply.ok) {
        state("error", "the node answered " + reply.status);
      } else {
        const data = await reply.json();
        render(data);
        state("live", "live, updated " + data.time);
      }
    } catch (e) {
      state("error", "the node does not answer");
    }
    setTimeout(refresh, PERIOD_MS);
  }

  refresh();
})();
