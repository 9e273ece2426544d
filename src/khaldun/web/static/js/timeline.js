// The timeline: a histogram of events per day (per week over long spans), drawn as SVG;
// dragging across it selects a date range, which filters the map and the list.
const NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const toDay = (iso) => Date.parse(iso + "T00:00:00Z");
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

export class Timeline {
  constructor(element, onBrush) {
    this.svg = element;
    this.onBrush = onBrush;
    this.bins = [];
    this.range = null; // [since, until] as ISO dates
    this.svg.addEventListener("pointerdown", (e) => this.start(e));
    this.svg.addEventListener("pointermove", (e) => this.move(e));
    this.svg.addEventListener("pointerup", (e) => this.end(e));
  }

  show(days, range) {
    this.range = range;
    if (!days.length) { this.bins = []; this.draw(); return; }
    const first = toDay(days[0].day), last = toDay(days[days.length - 1].day);
    const span = (last - first) / DAY + 1;
    this.step = span <= 120 ? 1 : span <= 1000 ? 7 : 30;
    this.first = first;
    this.nbins = Math.max(1, Math.ceil(span / this.step));
    this.bins = new Array(this.nbins).fill(0);
    for (const d of days) this.bins[Math.floor((toDay(d.day) - first) / DAY / this.step)] += d.count;
    this.draw();
  }

  width() { return this.svg.getBoundingClientRect().width || 300; }
  height() { return this.svg.getBoundingClientRect().height || 90; }

  x(ms) { return ((ms - this.first) / DAY / this.step / this.nbins) * this.width(); }

  dateAt(px) {
    const frac = Math.min(Math.max(px / this.width(), 0), 1);
    return this.first + Math.floor(frac * this.nbins) * this.step * DAY;
  }

  draw(selection = null) {
    while (this.svg.firstChild) this.svg.removeChild(this.svg.firstChild);
    if (!this.bins.length) return;
    const w = this.width(), hgt = this.height() - 14, bw = w / this.nbins;
    const max = Math.max(...this.bins);
    const [s, u] = this.range ? this.range.map(toDay) : [null, null];
    this.bins.forEach((n, i) => {
      if (!n) return;
      const start = this.first + i * this.step * DAY;
      const inside = !this.range || (start + (this.step - 1) * DAY >= s && start <= u);
      const bh = Math.max(2, (n / max) * hgt);
      const bar = svg("rect", { x: i * bw + 0.5, y: hgt - bh, width: Math.max(bw - 1, 1), height: bh,
        class: inside ? "bar" : "bar out" });
      const title = svg("title", {});
      title.textContent = `${toIso(start)}${this.step > 1 ? " +" + this.step + " d" : ""}: ${n}`;
      bar.append(title);
      this.svg.append(bar);
    });
    const label = (ms, anchor, x) => {
      const t = svg("text", { x, y: this.height() - 2, "text-anchor": anchor, class: "axis" });
      t.textContent = toIso(ms);
      this.svg.append(t);
    };
    label(this.first, "start", 0);
    label(this.first + (this.nbins * this.step - 1) * DAY, "end", w);
    if (selection) this.svg.append(svg("rect", { x: Math.min(...selection), y: 0,
      width: Math.abs(selection[1] - selection[0]), height: hgt, class: "brush" }));
  }

  local(e) { return e.clientX - this.svg.getBoundingClientRect().left; }

  start(e) {
    if (!this.bins.length) return;
    this.svg.setPointerCapture(e.pointerId);
    this.dragFrom = this.local(e);
  }

  move(e) {
    if (this.dragFrom === undefined) return;
    this.draw([this.dragFrom, this.local(e)]);
  }

  end(e) {
    if (this.dragFrom === undefined) return;
    const a = this.dragFrom, b = this.local(e);
    this.dragFrom = undefined;
    if (Math.abs(b - a) < 3) { this.draw(); return; } // a click, not a drag
    const since = this.dateAt(Math.min(a, b));
    const until = this.dateAt(Math.max(a, b)) + (this.step - 1) * DAY;
    this.onBrush(toIso(since), toIso(until));
  }
}
