// The view's state (filters, date range, selected event, the place whose control timeline
// is open) lives in the URL's query string, so that a view can be shared by copying the address.
import { FILTER_KEYS } from "./api.js";

export function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of FILTER_KEYS) filters[key] = params.get(key) || "";
  return { filters, event: params.get("event") || "", control: params.get("control") || "" };
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.event) params.set("event", state.event);
  if (state.control) params.set("control", state.control);
  const search = params.toString();
  const url = window.location.pathname + (search ? "?" + search : "");
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}
