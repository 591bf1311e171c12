// The JSON API, typed as the dashboard uses it (the full shapes are in /docs).

export interface Span { text: string; start: number; end: number }
export interface RoleSpan extends Span { role: string; label?: string | null }
export interface ActorJson {
  text: string; country: string | null; sector: string | null; start: number | null;
  end: number | null; name?: string | null; implicit?: boolean;
}
export interface PlaceJson {
  text: string | null; name: string | null; country: string | null; lat: number | null;
  lon: number | null; precision: string | null;
}
export interface ArticleRef {
  id: string; title: string | null; url: string | null; source: string | null;
  pub_date: string | null;
}
export interface EventJson {
  id: string; type: string; mode: string | null; context: string[];
  actor: ActorJson[]; recipient: ActorJson[];
  date: string | null; date_precision: string | null; date_note: string | null;
  location: PlaceJson | null; factuality: string; attribution: string | null;
  quantity: Record<string, number | string | boolean | null>;
  evidence: Span; trigger: Span; confidence: number;
  acled: { event_type: string | null; sub_event_type: string | null } | null;
  article: ArticleRef; story_id: string | null; country: string | null;
  country_name: string | null; spans: RoleSpan[];
}
export interface EventPage { items: EventJson[]; next_cursor: string | null; total: number | null }
export interface ArticleJson {
  id: string; title: string | null; text: string; pub_date: string | null;
  source: string | null; url: string | null; focus_country: string | null;
  events: EventJson[];
}
export interface StorySummary {
  id: string; type: string; mode: string | null; status: string; country: string | null;
  country_name: string | null; first_reported: string | null; last_reported: string | null;
  corroboration: number; outlets: number; event_ids: string[];
}
export interface ClaimJson {
  step: number; event_id: string; article_id: string; article_title: string | null;
  article_url: string | null; stated_on: string | null; source: string | null;
  attribution: string | null; factuality: string; evidence: string; status: string | null;
  status_changed: boolean; reason: string | null;
}
export interface StoryJson extends StorySummary { claims: ClaimJson[]; sources: string[] }
export interface TimelineJson {
  interval: "day" | "week" | "month"; buckets: string[]; types: string[];
  counts: Record<string, number[]>; undated: number; before: number; after: number;
}
export interface CountryCount {
  country: string; name: string | null; numeric: string | null; count: number;
  by_type: Record<string, number>;
}
export interface PlacePoint {
  lat: number; lon: number; name: string | null; country: string | null; count: number;
  by_type: Record<string, number>;
  latest: { id: string; type: string; day: string | null; title: string | null }[];
}
export interface CountriesOut { items: CountryCount[]; unknown: number }
export interface PlacesOut { items: PlacePoint[]; truncated: boolean }
export interface TypeInfo { name: string; quad: string | null; definition: string | null; modes: string[] }
export interface Meta {
  version: string; codebook: string; types: TypeInfo[]; factuality: string[];
  span_roles: string[]; counts: Record<string, number>; writes_enabled: boolean;
}

export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

// Relative to the page, so a reverse proxy may serve the dashboard under a path prefix.
export async function getJson<T>(path: string, params?: URLSearchParams,
                                 signal?: AbortSignal): Promise<T> {
  const query = params && [...params.keys()].length ? `?${params.toString()}` : "";
  const response = await fetch(`api/${path}${query}`, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") detail = body.detail;
      else if (Array.isArray(body.detail)) detail = body.detail.map((d: { msg?: string }) => d.msg).join("; ");
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, detail);
  }
  return response.json() as Promise<T>;
}
