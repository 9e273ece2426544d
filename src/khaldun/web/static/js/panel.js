// The side panel: an event's evidence (its sentence highlighted in the document, the source
// and stance, the other reports of its cluster, contradicting claims) and a place's control
// timeline as a coloured band. Everything from the server is inserted as text.
import { get } from "./api.js";
import { clear, h, STATUS_COLOURS } from "./dom.js";

const DAY = 86400000;

function link(url, text) {
  const safe = typeof url === "string" && /^https?:\/\//i.test(url);
  return safe ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text || url) : (text || url || "");
}

function stance(value) {
  return h("span", { class: `stance stance-${value}` }, value);
}

/** The document's text with the span [start, end) in a <mark>, built from text nodes. */
export function highlighted(text, start, end) {
  const mark = h("mark", { class: "evidence" }, text.slice(start, end));
  return { node: h("div", { class: "doc-text" }, text.slice(0, start), mark, text.slice(end)), mark };
}

export class Panel {
  constructor(element, { onSelect, onPlace }) {
    this.el = element;
    this.evidence = element.querySelector("#evidence");
    this.place = element.querySelector("#place");
    this.onSelect = onSelect;
    this.onPlace = onPlace;
  }

  hide() { this.el.hidden = true; clear(this.evidence); clear(this.place); }

  async showEvent(id) {
    const ticket = (this.ticket = (this.ticket || 0) + 1); // a later click wins over a slower answer
    this.el.hidden = false;
    clear(this.place);
    clear(this.evidence).append(h("p", { class: "loading" }, "loading…"));
    let ev, doc;
    try {
      ev = await get(`/api/events/${encodeURIComponent(id)}`);
      doc = await get(`/api/documents/${encodeURIComponent(ev.document.id)}`);
    } catch (error) {
      if (ticket === this.ticket) clear(this.evidence).append(h("p", { class: "error" }, `Event ${id}: ${error.message}`));
      return null;
    }
    if (ticket !== this.ticket) return null;
    const loc = ev.location;
    const actors = [ev.actor1, ev.actor2].filter(Boolean).map((a) => a.name).join(" vs ");
    const { node, mark } = highlighted(doc.text || "", ev.evidence.start, ev.evidence.end);
    clear(this.evidence).append(
      h("h2", {}, ev.sub_event_type),
      h("p", { class: "facts" },
        h("span", { class: "etype" }, ev.event_type), " · ",
        (ev.date && ev.date.start) || ev.document.published || "undated", " · ",
        loc ? loc.name : "no location",
        actors ? ` · ${actors}` : "",
        ev.fatalities !== null ? ` · ${ev.fatalities} killed` : ""),
      h("p", { class: "attribution" }, "Source: ", h("strong", { class: "source" }, ev.source.name), " ",
        stance(ev.source.stance), ev.source.cue ? ` (“${ev.source.cue}”)` : ""),
      h("p", { class: "document" }, link(ev.document.url, ev.document.title || ev.document.id),
        ev.document.outlet ? ` — ${ev.document.outlet}` : "", ev.document.published ? `, ${ev.document.published}` : ""),
      loc ? h("button", { type: "button", class: "open-place", onclick: () => this.onPlace(loc) },
        `Control of ${loc.name} over time`) : "",
      this.cluster(ev),
      this.contradictions(ev.contradictions || []),
      h("h3", {}, "Document"),
      node,
    );
    mark.scrollIntoView({ block: "center" });
    return ev;
  }

  cluster(ev) {
    const c = ev.cluster;
    if (!c) return h("p", { class: "cluster none" }, "No other reports of this event are linked.");
    const others = (c.members || []).filter((m) => m.event_id !== ev.id);
    if (!others.length) return h("p", { class: "cluster none" }, "No other report of this event is stored.");
    return h("section", { class: "cluster" },
      h("h3", {}, `Other reports of this event (${others.length}; ${c.sources ?? "?"} independent sources)`),
      h("ul", {}, others.map((m) => h("li", {},
        h("button", { type: "button", class: "linkish", onclick: () => this.onSelect(m.event_id) },
          m.outlet || m.source_name || m.document_id),
        " ", stance(m.stance), m.fatalities !== null && m.fatalities !== undefined ? ` · ${m.fatalities} killed` : "",
        m.sentence ? h("q", {}, m.sentence) : ""))));
  }

  contradictions(items) {
    if (!items.length) return "";
    return h("section", { class: "contradictions" }, h("h3", {}, "Contradicting claims"),
      items.map((c) => h("div", { class: "contradiction" },
        h("p", {}, h("strong", {}, c.kind || ""), " ", c.summary || ""),
        h("ul", {}, (c.sides || []).map((s) => h("li", {},
          h("strong", {}, s.source || "?"), " ", stance(s.stance), ": ", s.position || "",
          s.sentence ? h("q", {}, s.sentence) : ""))))));
  }

  async showPlace(loc) {
    this.el.hidden = false;
    clear(this.place).append(h("p", { class: "loading" }, "loading…"));
    const q = loc.geonames_id ? String(loc.geonames_id) : loc.name;
    let places;
    try { places = await get(`/api/places?q=${encodeURIComponent(q)}`); } catch (error) {
      clear(this.place).append(h("p", { class: "error" }, error.message));
      return;
    }
    const found = places.timelines ? places.places[0] : null;
    if (!found) {
      clear(this.place).append(h("section", { class: "control" }, h("h3", {}, `Control of ${loc.name}`),
        h("p", { class: "no-timeline" }, "No control timeline is stored for this place.")));
      return;
    }
    const data = await get(`/api/places/${encodeURIComponent(found.place_key)}/control`);
    this.band(data, found.place_key);
  }

  band(data, key) {
    const spans = data.timeline || [];
    const times = spans.flatMap((s) => [s.from, s.to]).filter(Boolean).map((d) => Date.parse(d));
    const lo = times.length ? Math.min(...times) : Date.now();
    const hi = times.length ? Math.max(...times) : Date.now();
    const pad = Math.max((hi - lo) * 0.1, 7 * DAY);
    const start = lo - pad, end = hi + pad;
    const details = h("div", { class: "interval-evidence" });
    const bar = h("div", { class: "band", role: "list" });
    for (const s of spans) {
      const a = s.from ? Date.parse(s.from) : start, b = s.to ? Date.parse(s.to) : end;
      const seg = h("button", { type: "button", role: "listitem", class: `band-seg status-${s.status}`,
        title: `${s.from || "…"} – ${s.to || "…"}: ${s.controller || "unknown"} (${s.status})`,
        onclick: () => this.intervalEvidence(details, s) });
      seg.style.left = `${((a - start) / (end - start)) * 100}%`;
      seg.style.width = `${Math.max(((b - a) / (end - start)) * 100, 1)}%`;
      seg.style.background = STATUS_COLOURS[s.status] || "#999";
      bar.append(seg);
    }
    clear(this.place).append(h("section", { class: "control", dataset: { place: key } },
      h("h3", {}, `Control of ${data.place.name}`), bar,
      h("p", { class: "band-axis" }, h("span", {}, new Date(start).toISOString().slice(0, 10)),
        h("span", {}, new Date(end).toISOString().slice(0, 10))),
      h("p", { class: "band-legend" }, Object.entries(STATUS_COLOURS).map(([k, c]) =>
        h("span", { class: `key status-${k}` }, k))),
      details));
    this.el.scrollTop = 0;
  }

  intervalEvidence(target, s) {
    clear(target).append(h("h4", {}, `${s.from || "…"} – ${s.to || "…"}: ${s.controller || "unknown"} (${s.status}, confidence ${s.confidence ?? "?"})`),
      h("ul", {}, (s.evidence || []).map((e) => h("li", {},
        link(e.url, e.outlet || e.document_id), e.published ? `, ${e.published}` : "", " — ",
        h("strong", {}, e.source || "?"), " ", stance(e.stance), e.supports === 0 || e.supports === false ? " (against)" : "",
        h("q", {}, e.sentence || "")))));
  }
}
