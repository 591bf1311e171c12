// The dashboard's filters: one object, kept in the URL hash so a view can be bookmarked and
// shared, and turned into the API's query parameters.

export interface Filters {
  country: string; type: string; actor: string; since: string; until: string;
  factuality: string; q: string;
}

export const FILTER_KEYS: (keyof Filters)[] = ["country", "type", "actor", "since", "until",
                                               "factuality", "q"];

export function emptyFilters(): Filters {
  return { country: "", type: "", actor: "", since: "", until: "", factuality: "", q: "" };
}

export function filtersFromParams(params: URLSearchParams): Filters {
  const out = emptyFilters();
  for (const key of FILTER_KEYS) out[key] = (params.get(key) ?? "").trim();
  return out;
}

export function filtersToParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  return params;
}

export function describeFilters(filters: Filters): string {
  const parts = FILTER_KEYS.filter((k) => filters[k]).map((k) => `${k} ${filters[k]}`);
  return parts.length ? parts.join(", ") : "no filters";
}
