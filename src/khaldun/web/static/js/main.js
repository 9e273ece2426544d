// The page: filters, map, timeline, list and panel, kept in step with the URL.
import { get, query } from "./api.js";
import { clear, colour, h, TYPE_COLOURS } from "./dom.js";
import { EventMap } from "./map.js";
import { Panel } from "./panel.js";
import { readState, writeState } from "./state.js";
import { Timeline } from "./timeline.js";

const PAGE = 100;
const state = readState();
let offset = 0;
let map, timeline, panel;

const $ = (sel) => document.querySelector(sel);

async function init() {
  const [meta, facets] = await Promise.all([get("/api/meta"), get("/api/facets")]);
  fillSelect($("#f-type"), facets.types.map((t) => [t.value, `${t.value} (${t.count})`]));
  fillSelect($("#f-stance"), facets.stances.map((t) => [t.value, `${t.value} (${t.count})`]));
  fillSelect($("#f-country"), facets.countries.map((t) => [t.value, `${t.label} (${t.count})`]));
  fillList($("#actors"), facets.actors.map((a) => a.value));
  fillList($("#sources"), facets.sources.map((a) => a.value));
  legend();
  map = new EventMap($("#map"), { tiles: meta.tiles, onSelect: selectEvent });
  timeline = new Timeline($("#histogram"), (since, until) => {
    Object.assign(state.filters, { since, until });
    refresh();
  });
  panel = new Panel($("#panel"), { onSelect: selectEvent, onPlace: openPlace });
  toForm();
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); fromForm(); refresh(); });
  $("#filters").addEventListener("change", (e) => { if (e.target.tagName === "SELECT") { fromForm(); refresh(); } });
  $("#f-clear").addEventListener("click", () => {
    for (const key of Object.keys(state.filters)) state.filters[key] = "";
    toForm();
    refresh();
  });
  $("#range-clear").addEventListener("click", () => { state.filters.since = state.filters.until = ""; refresh(); });
  $("#more").addEventListener("click", () => loadList(true));
  $("#panel-close").addEventListener("click", () => { state.event = state.control = ""; panel.hide(); writeState(state); });
  $("#share").addEventListener("click", share);
  window.addEventListener("resize", () => timeline.draw());
  await refresh({ fit: true });
  const control = state.control;
  if (state.event) await selectEvent(state.event, { pan: true });
  if (control) await openPlace({ name: control, geonames_id: /^\d+$/.test(control) ? control : null });
  document.body.dataset.ready = "1";
}

function fillSelect(select, options) {
  for (const [value, label] of options) select.append(h("option", { value }, label));
}

function fillList(list, values) {
  for (const value of values) list.append(h("option", { value }));
}

function legend() {
  clear($("#legend")).append(...Object.entries(TYPE_COLOURS).map(([type, c]) => {
    const dot = h("span", { class: "dot" });
    dot.style.background = c;
    return h("span", { class: "key" }, dot, type);
  }));
}

const FORM_KEYS = ["type", "place", "actor", "source", "stance", "country", "search"];

function toForm() {
  for (const key of FORM_KEYS) $(`#f-${key}`).value = state.filters[key] || "";
}

function fromForm() {
  for (const key of FORM_KEYS) state.filters[key] = $(`#f-${key}`).value.trim();
}

async function refresh({ fit = false } = {}) {
  writeState(state);
  exportLinks();
  const f = state.filters;
  const withoutRange = { ...f, since: "", until: "" };
  const range = f.since || f.until ? [f.since || "0001-01-01", f.until || "9999-12-31"] : null;
  $("#range-text").textContent = range ? `${f.since || "…"} – ${f.until || "…"}` : "all dates";
  $("#range-clear").hidden = !range;
  try {
    const [hist, geo] = await Promise.all([
      get(`/api/histogram?${query(withoutRange)}`),
      get(`/api/events?${query(f, { format: "geojson" })}`),
      loadList(false),
    ]);
    timeline.show(hist.days, range);
    map.show(geo.features, { fit });
  } catch (error) {
    $("#count").textContent = `Cannot load events: ${error.message}`;
  }
}

async function loadList(more) {
  offset = more ? offset + PAGE : 0;
  const page = await get(`/api/events?${query(state.filters, { limit: PAGE, offset })}`);
  const list = $("#event-list");
  if (!more) clear(list);
  for (const ev of page.events) list.append(row(ev));
  const shown = list.children.length;
  $("#count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}` + (shown < page.total ? ` (showing ${shown})` : "");
  $("#count").dataset.total = String(page.total);
  $("#more").hidden = shown >= page.total;
}

function row(ev) {
  const dot = h("span", { class: "dot" });
  dot.style.background = colour(ev.event_type);
  const date = (ev.date && ev.date.start) || ev.document.published || "";
  return h("li", { class: "event-row", dataset: { id: ev.id }, tabindex: 0,
    onclick: () => selectEvent(ev.id, { pan: true }),
    onkeydown: (e) => { if (e.key === "Enter") selectEvent(ev.id, { pan: true }); } },
    dot, h("span", { class: "date" }, date), " ", h("strong", {}, ev.sub_event_type), " ",
    ev.location ? ev.location.name : "", ev.fatalities ? ` · ${ev.fatalities} killed` : "",
    h("span", { class: "who" }, `${ev.source.name} · ${ev.source.stance}`));
}

async function selectEvent(id, { pan = false } = {}) {
  state.event = String(id);
  state.control = "";
  writeState(state);
  for (const li of document.querySelectorAll(".event-row.selected")) li.classList.remove("selected");
  const li = document.querySelector(`.event-row[data-id="${CSS.escape(String(id))}"]`);
  if (li) li.classList.add("selected");
  const ev = await panel.showEvent(id);
  if (ev && pan && ev.location) map.focus(ev.location.latitude, ev.location.longitude);
}

function openPlace(loc) {
  state.control = loc.geonames_id ? String(loc.geonames_id) : loc.name;
  writeState(state);
  return panel.showPlace(loc);
}

function exportLinks() {
  $("#export-csv").href = `/api/export?${query(state.filters, { format: "acled-csv" })}`;
  $("#export-geojson").href = `/api/export?${query(state.filters, { format: "geojson" })}`;
}

async function share() {
  writeState(state);
  try { await navigator.clipboard.writeText(window.location.href); $("#share").textContent = "Link copied"; }
  catch (_) { window.prompt("Link to this view:", window.location.href); }
}

init().catch((error) => {
  document.body.dataset.ready = "error";
  $("#count").textContent = `The page failed to start: ${error.message}`;
});
