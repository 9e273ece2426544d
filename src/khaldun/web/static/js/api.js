// Talking to khaldun's REST API (same origin).

export const FILTER_KEYS = ["type", "place", "actor", "source", "stance", "country", "search", "since", "until"];

export function query(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== null) params.set(key, value);
  return params.toString();
}

export async function get(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
    const error = new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
    error.status = response.status;
    throw error;
  }
  return response.json();
}
