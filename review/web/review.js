// The review workbench's page. Every string from a document reaches the page
// through textContent or a form value, never as markup.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const app = document.getElementById("app");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function say(text) {
  document.getElementById("message").textContent = text || "";
}

async function api(path, body) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  const options = { headers };
  if (body !== undefined) {
    options.method = "POST";
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

function withToken(url) {
  return token ? url + "?token=" + encodeURIComponent(token) : url;
}

// The queue: forms by doubt, with filters.
async function showQueue() {
  const filters = new URLSearchParams(location.hash.split("?")[1] || "");
  const list = await api("/api/forms?" + filters.toString());
  const counts = list.counts;
  document.getElementById("counts").textContent =
    `${counts.forms} forms · ${counts.to_review} to review · ${counts.reviewed} reviewed · ` +
    `${counts.failed_checks} with failed checks`;
  const all = await api("/api/forms");
  const choices = (key) => [...new Set(all.forms.map((f) => f[key]).filter((v) => v !== null))];
  const select = (name, label, values) => {
    const node = element("select", { name, "aria-label": label },
      element("option", { value: "", text: label + ": all" }));
    for (const value of values) {
      const option = element("option", { value: String(value), text: String(value) });
      if (filters.get(name) === String(value)) option.selected = true;
      node.append(option);
    }
    node.addEventListener("change", () => {
      if (node.value) filters.set(name, node.value); else filters.delete(name);
      location.hash = "#/?" + filters.toString();
    });
    return node;
  };
  const rows = list.forms.map((form) => {
    const doubts = element("td");
    if (form.doubts.failed_checks) {
      doubts.append(element("span", { className: "badge failed",
        text: form.doubts.failed_checks + " failed check" + (form.doubts.failed_checks > 1 ? "s" : "") }));
    }
    if (form.doubts.low_confidence) {
      doubts.append(element("span", { className: "badge low", text: form.doubts.low_confidence + " low confidence" }));
    }
    if (form.doubts.repairs) {
      doubts.append(element("span", { className: "badge repaired",
        text: form.doubts.repairs + " repair" + (form.doubts.repairs > 1 ? "s" : "") }));
    }
    if (form.doubts.corrections) {
      doubts.append(element("span", { className: "badge corrected", text: form.doubts.corrections + " corrected" }));
    }
    const status = element("td", {},
      element("span", { className: "badge" + (form.status === "reviewed" ? " reviewed" : ""),
        text: form.status === "reviewed" ? "reviewed by " + form.reviewed_by : "to review" }));
    const row = element("tr", { className: "form-row", "data-id": String(form.id), tabindex: "0" },
      element("td", { text: String(form.id) }),
      element("td", { text: form.project_name || "—" }),
      element("td", { text: form.department || "—" }),
      element("td", { text: form.year === null ? "—" : String(form.year) }),
      doubts, status,
      element("td", { className: "muted", text: form.document }));
    const open = () => { location.hash = "#/forms/" + form.id; };
    row.addEventListener("click", open);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    return row;
  });
  app.replaceChildren(
    element("div", { className: "filters" },
      select("department", "department", choices("department")),
      select("year", "year", choices("year")),
      select("status", "status", ["to-review", "reviewed"])),
    element("table", { id: "queue" },
      element("thead", {}, element("tr", {},
        ...["#", "project", "department", "year", "doubts", "status", "document"]
          .map((name) => element("th", { text: name })))),
      element("tbody", {}, ...rows)));
  if (rows.length) rows[0].focus();
}

// The form view: pages with their cells' boxes, the record's fields beside.
const view = { form: null, selected: null, images: {} };

async function showForm(id) {
  view.form = await api("/api/forms/" + id);
  view.selected = null;
  renderForm();
  const first = doubtfulFields()[0];
  if (first) select(first);
}

function doubtfulFields() {
  return view.form.cells.filter((cell) => cell.doubtful).map((cell) => cell.field);
}

function cellClasses(cell) {
  return [cell.failing ? "failing" : "", cell.doubtful ? "doubtful" : "",
    cell.corrected ? "corrected" : "", cell.confirmed ? "confirmed" : "",
    cell.repair ? "repaired" : "",
    view.selected === cell.field ? "selected" : ""].filter(Boolean).join(" ");
}

function renderForm() {
  const form = view.form;
  const pages = element("div", { className: "pages" });
  const first = form.first_page || 1;
  const last = form.last_page || first;
  for (let number = first; number <= last; ++number) {
    const page = element("div", { className: "page", "data-page": String(number) });
    if (form.source_problem) {
      page.append(element("div", { className: "problem", text: form.source_problem }));
    } else {
      const image = element("img", { alt: "page " + number,
        src: withToken(`/api/forms/${form.id}/pages/${number}.jpg`) });
      image.addEventListener("load", () => placeBoxes(page, image, number));
      image.addEventListener("error", () =>
        page.replaceChildren(element("div", { className: "problem", text: "page " + number + " cannot be shown" })));
      view.images[number] = image;
      page.append(image);
    }
    pages.append(page);
  }
  const checks = element("ul", { className: "checks" }, ...form.checks.map((check) =>
    element("li", { className: "check " + (check.ok ? "ok" : "failed"), "data-rule": check.rule,
      text: (check.ok ? "✓ " : "✗ ") + check.rule + ": " + check.message })));
  const fields = element("tbody", {}, ...form.cells.map((cell) => {
    const input = element("input", { className: "value-input", value: cell.value ?? "",
      "aria-label": cell.field });
    input.addEventListener("focus", () => select(cell.field, false));
    input.addEventListener("keydown", (event) => onFieldKey(event, cell, input));
    return element("tr", { className: "field " + cellClasses(cell), "data-field": cell.field },
      element("td", { className: "name", text: cell.field }),
      element("td", {}, input),
      element("td", { className: "muted", text: Math.round(cell.confidence * 100) + "%" }));
  }));
  const corrections = element("ul", {}, ...form.corrections.map((c) =>
    element("li", { text: `${c.field}: ${c.extracted ?? "(empty)"} → ${c.value} (${c.reviewer}, ${c.corrected_at}${c.reason ? ", " + c.reason : ""})` })));
  const reviewed = element("button", { id: "reviewed", text: "Form reviewed ✓ (Ctrl-Enter)" });
  reviewed.addEventListener("click", markReviewed);
  const side = element("div", { className: "side" },
    element("h2", { text: form.project_name || "(no project name)" }),
    element("div", { className: "muted", text: `${form.document} · form ${form.id} · ${form.status === "reviewed" ? "reviewed by " + form.reviewed_by : "to review"}` }),
    element("div", { className: "actions" }, reviewed),
    element("div", { className: "detail", id: "detail" }, element("span", { className: "muted", text: "Select a value to see its pixels." })),
    element("h3", { text: "Checks" }), checks,
    element("h3", { text: "Fields" }),
    element("table", { id: "fields" }, fields),
    form.corrections.length ? element("h3", { text: "Corrections" }) : null,
    form.corrections.length ? corrections : null);
  app.replaceChildren(element("div", { className: "form-view" }, pages, side));
}

// Boxes are in points of the page; the image is at image_dpi.
function placeBoxes(page, image, number) {
  const scale = image.clientWidth / image.naturalWidth * view.form.image_dpi / 72;
  page.querySelectorAll(".box").forEach((box) => box.remove());
  for (const cell of view.form.cells) {
    for (const origin of cell.origins) {
      if (origin.page !== number) continue;
      const [x0, y0, x1, y1] = origin.box;
      const box = element("div", { className: "box " + cellClasses(cell), "data-field": cell.field,
        title: cell.field });
      Object.assign(box.style, { left: x0 * scale + "px", top: y0 * scale + "px",
        width: (x1 - x0) * scale + "px", height: (y1 - y0) * scale + "px" });
      box.addEventListener("click", () => select(cell.field));
      page.append(box);
    }
  }
}

function select(field, focus = true) {
  view.selected = field;
  const cell = view.form.cells.find((c) => c.field === field);
  document.querySelectorAll("[data-field]").forEach((node) => {
    const other = view.form.cells.find((c) => c.field === node.dataset.field);
    if (!other) return;
    node.className = (node.tagName === "TR" ? "field " : "box ") + cellClasses(other);
  });
  const row = document.querySelector(`tr.field[data-field="${CSS.escape(field)}"]`);
  if (row && focus) {
    const input = row.querySelector("input");
    input.focus();
    input.select();
  }
  showDetail(cell);
}

// The cell's pixels enlarged, the text as read, the other readings.
function showDetail(cell) {
  const detail = document.getElementById("detail");
  const canvas = element("canvas");
  const origin = cell.origins[0];
  const image = origin && view.images[origin.page];
  if (image && image.complete && image.naturalWidth) {
    const scale = view.form.image_dpi / 72;
    const [x0, y0, x1, y1] = origin.box.map((v) => v * scale);
    const width = Math.max(1, x1 - x0), height = Math.max(1, y1 - y0);
    const zoom = Math.min(3, 600 / width);
    canvas.width = width * zoom;
    canvas.height = height * zoom;
    canvas.getContext("2d").drawImage(image, x0, y0, width, height, 0, 0, canvas.width, canvas.height);
  }
  const alternatives = element("div", {}, ...cell.alternatives.map((text) => {
    const button = element("button", { className: "alternative", text });
    button.addEventListener("click", () => correct(cell, text));
    return button;
  }));
  detail.replaceChildren(...[
    element("div", {}, element("b", { text: cell.field })),
    canvas,
    element("div", { text: "read: " + cell.text }),
    element("div", { className: "muted", text: "confidence " + Math.round(cell.confidence * 100) + "%" +
      (cell.failing ? " · in a failed check" : "") + (cell.corrected ? " · corrected" : "") +
      (cell.confirmed ? ` · confirmed by ${cell.confirmed.by}` : "") }),
    cell.repair ? element("div", { className: "repair",
      text: `repaired: read “${cell.repair.read}”, became “${cell.repair.became}” (${cell.repair.why})` }) : null,
    cell.alternatives.length ? element("div", { className: "muted", text: "other readings:" }) : null,
    alternatives].filter(Boolean));
}

function move(step) {
  const doubtful = doubtfulFields();
  const walk = doubtful.length ? doubtful : view.form.cells.map((c) => c.field);
  const at = walk.indexOf(view.selected);
  const next = walk[(at + step + walk.length) % walk.length];
  if (next) select(next);
}

function onFieldKey(event, cell, input) {
  if (event.key === "Enter" && event.ctrlKey) {
    event.preventDefault();
    markReviewed();
  } else if (event.key === "Enter") {
    event.preventDefault();
    if (input.value !== (cell.value ?? "")) {
      correct(cell, input.value);
    } else {
      confirm(cell);
    }
  } else if (event.key === "Tab" || event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    move(event.key === "ArrowUp" || (event.key === "Tab" && event.shiftKey) ? -1 : 1);
  }
}

async function correct(cell, value) {
  try {
    view.form = await api(`/api/forms/${view.form.id}/corrections`,
      { field: cell.field, value, revision: view.form.revision });
    const selected = cell.field;
    renderForm();
    say("saved: " + selected);
    select(selected);
  } catch (error) {
    say(error.message);
  }
}

// The value stands as shown: the database records who said so, and the walk
// goes on to the next doubtful value.
async function confirm(cell) {
  try {
    view.form = await api(`/api/forms/${view.form.id}/confirmations`, { field: cell.field });
    renderForm();
    say("confirmed: " + cell.field);
    view.selected = cell.field;
    move(1);
  } catch (error) {
    say(error.message);
  }
}

async function markReviewed() {
  try {
    await api(`/api/forms/${view.form.id}/reviewed`, {});
    const queue = await api("/api/forms?status=to-review");
    const next = queue.forms.find((form) => form.id !== view.form.id);
    say("form " + view.form.id + " reviewed");
    location.hash = next ? "#/forms/" + next.id : "#/";
  } catch (error) {
    say(error.message);
  }
}

async function route() {
  const match = location.hash.match(/^#\/forms\/(\d+)/);
  try {
    if (match) await showForm(match[1]); else await showQueue();
  } catch (error) {
    say(error.message);
  }
}

window.addEventListener("hashchange", route);
route();
