// The map: bundled country boundaries (world-atlas) as the basemap, optional online tiles,
// events as circles (colour: event type, area: fatalities), grouped on a pixel grid when dense.
import { colour, h } from "./dom.js";

const CELL = 44; // px: events closer than this on screen are drawn as one group

export class EventMap {
  constructor(element, { tiles, onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(element, { worldCopyJump: true, preferCanvas: false }).setView([20, 30], 2);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution(
      'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) · ' +
        'Boundaries: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · ' +
        '<a href="https://leafletjs.com/">Leaflet</a>'
    );
    if (tiles) L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles" }).addTo(this.map);
    this.layer = L.layerGroup().addTo(this.map);
    this.features = [];
    this.map.on("zoomend moveend", () => this.draw());
    this.basemap = this.loadBasemap();
  }

  async loadBasemap() {
    const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
    const topo = await response.json();
    const countries = topojson.feature(topo, topo.objects.countries);
    // Antarctica's ring closes along the pole, which Mercator stretches into a band: left out.
    countries.features = countries.features.filter((f) => f.id !== "010").map(unwrap);
    const borders = unwrap({ geometry: topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b) });
    L.geoJSON(countries, {
      style: { color: "#9aa5ad", weight: 0.6, fillColor: "#f3efe6", fillOpacity: 1 },
      interactive: false,
    }).addTo(this.map).bringToBack();
    L.geoJSON(borders, { style: { color: "#8a949b", weight: 0.8 }, interactive: false }).addTo(this.map);
    this.map.getContainer().dataset.basemap = String(countries.features.length);
  }

  show(features, { fit = false } = {}) {
    this.features = features;
    if (fit && features.length) {
      const bounds = L.latLngBounds(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });
    }
    this.draw();
  }

  draw() {
    this.layer.clearLayers();
    const cells = new Map();
    for (const f of this.features) {
      const [lon, lat] = f.geometry.coordinates;
      const p = this.map.latLngToLayerPoint([lat, lon]);
      const key = `${Math.floor(p.x / CELL)}:${Math.floor(p.y / CELL)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(f);
    }
    for (const group of cells.values()) {
      if (group.length === 1) this.layer.addLayer(this.marker(group[0]));
      else this.layer.addLayer(this.group(group));
    }
    this.map.getContainer().dataset.markers = String(this.features.length);
  }

  marker(f) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const radius = 5 + 2.5 * Math.sqrt(p.fatalities || 0);
    const m = L.circleMarker([lat, lon], {
      radius: Math.min(radius, 30),
      color: "#222",
      weight: 1,
      fillColor: colour(p.event_type),
      fillOpacity: 0.85,
      className: "event-marker",
    });
    m.bindTooltip(`${p.event_date || ""} ${p.sub_event_type} — ${p.location || ""}`);
    m.on("click", () => this.onSelect(p.event_id));
    return m;
  }

  group(features) {
    const lats = features.map((f) => f.geometry.coordinates[1]);
    const lons = features.map((f) => f.geometry.coordinates[0]);
    const centre = [lats.reduce((a, b) => a + b) / lats.length, lons.reduce((a, b) => a + b) / lons.length];
    const deaths = features.reduce((n, f) => n + (f.properties.fatalities || 0), 0);
    const size = Math.min(24 + 4 * Math.log2(features.length) + Math.sqrt(deaths), 64);
    const icon = L.divIcon({
      html: h("span", {}, String(features.length)),
      className: "event-cluster",
      iconSize: [size, size],
    });
    const marker = L.marker(centre, { icon, title: `${features.length} events` });
    const sameSpot = new Set(features.map((f) => f.geometry.coordinates.join(","))).size === 1;
    marker.on("click", () => {
      if (sameSpot || this.map.getZoom() >= this.map.getMaxZoom()) {
        const list = h("ul", { class: "cluster-list" }, features.map((f) =>
          h("li", {}, h("button", { type: "button", onclick: () => this.onSelect(f.properties.event_id) },
            `${f.properties.event_date || ""} ${f.properties.sub_event_type} (${f.properties.source})`))));
        marker.bindPopup(list).openPopup();
      } else {
        this.map.fitBounds(L.latLngBounds(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]])).pad(0.5));
      }
    });
    return marker;
  }

  focus(lat, lon) {
    if (lat !== null && lon !== null && lat !== undefined) this.map.panTo([lat, lon]);
  }
}

// Rings that cross the antimeridian jump from +180 to -180; Leaflet would draw that jump
// across the whole map. Shifting longitudes by 360 keeps each ring continuous.
function unwrap(feature) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lon, lat], i) => {
      if (i > 0) {
        const prev = points[i - 1][0];
        if (lon - prev > 180) shift -= 360;
        else if (prev - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  const g = feature.geometry;
  const coords = g.type === "Polygon" || g.type === "MultiLineString" ? g.coordinates.map(ring)
    : g.type === "MultiPolygon" ? g.coordinates.map((poly) => poly.map(ring))
    : g.type === "LineString" ? ring(g.coordinates) : g.coordinates;
  return { ...feature, type: feature.type || "Feature", geometry: { ...g, coordinates: coords } };
}
