// The morning view: filters, map, timeline, the events table and the stories list, all answering
// the same filters.
import { getJson } from "../api";
import type { CountriesOut, EventJson, EventPage, Meta, PlacesOut, StorySummary, TimelineJson } from "../api";
import { clear, h } from "../dom";
import { typeChip } from "../colors";
import { EventMap } from "../map";
import { renderTimeline } from "../timeline";
import { describeFilters, emptyFilters, type Filters, filtersToParams } from "../filters";
import { evidenceWithTrigger, people, plural, when, where } from "../format";

const PAGE_SIZE = 50;

export class Dashboard {
  readonly root: HTMLElement;
  private form!: HTMLFormElement;
  private inputs = {} as Record<keyof Filters, HTMLInputElement | HTMLSelectElement>;
  private mapBox = h("div", { class: "map", id: "map", "aria-label": "Map of events" });
  private map: EventMap;
  private timelineBox = h("div", { class: "timeline", id: "timeline" });
  private tableBody = h("tbody", {});
  private countLine = h("p", { class: "count-line", "aria-live": "polite" });
  private moreButton = h("button", { type: "button", class: "more", id: "load-more" }, "Load more");
  private storiesBox = h("div", { class: "stories", id: "stories" });
  private cursor: string | null = null;
  private filters: Filters = emptyFilters();
  private shown = 0;
  private generation = 0; // a newer load makes older responses stale

  constructor(private meta: Meta, private navigate: (filters: Filters) => void,
              private setState: (state: string, error?: string) => void) {
    this.root = h("section", { class: "dashboard", id: "dashboard" },
      this.buildForm(),
      h("div", { class: "row top" },
        h("div", { class: "panel map-panel" }, h("h2", {}, "Where"), this.mapBox),
        h("div", { class: "panel" }, h("h2", {}, "When, by type"), this.timelineBox)),
      h("div", { class: "row bottom" },
        h("div", { class: "panel events-panel" },
          h("h2", {}, "Events"), this.countLine,
          h("div", { class: "table-wrap" },
            h("table", { class: "events", id: "events-table" },
              h("thead", {}, h("tr", {}, ...[["When", "c-when"], ["Type", "c-type"],
                                               ["Who → to whom", "c-who"], ["Where", "c-where"],
                                               ["How sure", "c-sure"], ["Evidence", "c-evidence"],
                                               ["Article", "c-article"]]
                .map(([c, cls]) => h("th", { class: cls }, c)))),
              this.tableBody)),
          this.moreButton),
        h("div", { class: "panel stories-panel" }, h("h2", {}, "Stories"), this.storiesBox)));
    this.moreButton.addEventListener("click", () => void this.loadMore());
    this.map = new EventMap(this.mapBox, { onCountry: (iso3) => this.setFilter({ country: iso3 }) });
  }

  private buildForm(): HTMLFormElement {
    const text = (key: keyof Filters, label: string, placeholder: string, extra: Record<string, string> = {}) => {
      const input = h("input", { type: "text", name: key, id: `f-${key}`, placeholder,
                                 autocomplete: "off", spellcheck: "false", ...extra });
      this.inputs[key] = input;
      return h("label", { for: `f-${key}` }, h("span", {}, label), input);
    };
    const select = (key: keyof Filters, label: string, all: string, options: [string, string][]) => {
      const el = h("select", { name: key, id: `f-${key}` }, h("option", { value: "" }, all),
                   ...options.map(([value, text]) => h("option", { value }, text)));
      this.inputs[key] = el;
      return h("label", { for: `f-${key}` }, h("span", {}, label), el);
    };
    const date = (key: keyof Filters, label: string) => {
      const input = h("input", { type: "date", name: key, id: `f-${key}` });
      this.inputs[key] = input;
      return h("label", { for: `f-${key}` }, h("span", {}, label), input);
    };
    this.form = h("form", { class: "filters", id: "filters", role: "search" },
      text("country", "Country", "ISO3, e.g. KEN", { list: "country-list" }),
      h("datalist", { id: "country-list" }),
      select("type", "Type", "All types", this.meta.types.map((t) => [t.name, t.name])),
      text("actor", "Actor", "words in a name"),
      date("since", "From"), date("until", "To"),
      select("factuality", "Factuality", "Any", this.meta.factuality.map((f) => [f, f])),
      text("q", "Text", 'words, "a phrase", -not'),
      h("div", { class: "buttons" },
        h("button", { type: "submit", id: "apply" }, "Apply"),
        h("button", { type: "button", id: "reset", onclick: () => this.navigate(emptyFilters()) },
          "Reset")));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.navigate(this.readForm());
    });
    return this.form;
  }

  private readForm(): Filters {
    const out = emptyFilters();
    for (const key of Object.keys(out) as (keyof Filters)[]) out[key] = this.inputs[key].value.trim();
    out.country = out.country.toUpperCase();
    return out;
  }

  private setFilter(change: Partial<Filters>): void {
    this.navigate({ ...this.filters, ...change });
  }

  /** Show ``filters``: everything reloads in parallel; the page is "ready" when all arrived. */
  async show(filters: Filters): Promise<void> {
    this.filters = filters;
    for (const key of Object.keys(filters) as (keyof Filters)[]) this.inputs[key].value = filters[key];
    const generation = ++this.generation;
    this.setState("loading");
    const params = filtersToParams(filters);
    const pageParams = new URLSearchParams(params);
    pageParams.set("limit", String(PAGE_SIZE));
    pageParams.set("count", "true");
    const storyParams = new URLSearchParams();
    for (const key of ["country", "type", "since", "until"] as const) {
      if (filters[key]) storyParams.set(key, filters[key]);
    }
    storyParams.set("limit", "30");
    const toldParams = new URLSearchParams(storyParams);
    toldParams.set("min_reports", "2");
    try {
      const [page, timeline, countries, places, told] = await Promise.all([
        getJson<EventPage>("events", pageParams),
        getJson<TimelineJson>("summary/timeline", params),
        getJson<CountriesOut>("summary/countries", params),
        getJson<PlacesOut>("summary/places", params),
        getJson<{ items: StorySummary[] }>("stories", toldParams),
      ]);
      // Stories told by several articles are the interesting ones; without any, the latest.
      const stories = told.items.length ? told
        : await getJson<{ items: StorySummary[] }>("stories", storyParams);
      if (generation !== this.generation) return;
      this.renderCountries(countries);
      clear(this.tableBody);
      this.shown = 0;
      this.addRows(page);
      this.countLine.dataset.total = String(page.total ?? "");
      renderTimeline(this.timelineBox, timeline,
        (since, until) => this.setFilter({ since, until }),
        (type) => this.setFilter({ type }));
      this.renderStories(stories.items, told.items.length > 0);
      await this.map.update(countries.items, places.items);
      if (places.truncated) this.mapBox.dataset.truncated = "true";
      this.setState("ready");
    } catch (error) {
      if (generation !== this.generation) return;
      this.setState("error", error instanceof Error ? error.message : String(error));
    }
  }

  private renderCountries(countries: CountriesOut): void {
    const list = this.form.querySelector("#country-list");
    if (list) list.replaceChildren(...countries.items.map((c) =>
      h("option", { value: c.country }, `${c.name ?? c.country} (${c.count})`)));
  }

  private async loadMore(): Promise<void> {
    if (!this.cursor) return;
    const params = filtersToParams(this.filters);
    params.set("limit", String(PAGE_SIZE));
    params.set("cursor", this.cursor);
    const generation = this.generation;
    this.moreButton.disabled = true;
    try {
      const page = await getJson<EventPage>("events", params);
      if (generation === this.generation) this.addRows(page);
    } catch (error) {
      this.setState("error", error instanceof Error ? error.message : String(error));
    } finally {
      this.moreButton.disabled = false;
    }
  }

  private addRows(page: EventPage): void {
    for (const event of page.items) this.tableBody.append(this.row(event));
    this.shown += page.items.length;
    this.cursor = page.next_cursor;
    this.moreButton.hidden = !page.next_cursor;
    const total = page.total ?? Number(this.countLine.dataset.total || this.shown);
    this.countLine.textContent = total
      ? `${plural(total, "event")} ${total === 1 ? "matches" : "match"} ${describeFilters(this.filters)}; showing ${this.shown}, newest first.`
      : `No events match ${describeFilters(this.filters)}.`;
  }

  private row(event: EventJson): HTMLTableRowElement {
    const open = `#/article/${encodeURIComponent(event.article.id)}?event=${encodeURIComponent(event.id)}`;
    return h("tr", { "data-event": event.id, "data-type": event.type,
                     "data-country": event.country ?? "" },
      h("td", {}, when(event)),
      h("td", {}, typeChip(event.type, event.mode)),
      h("td", {}, people(event.actor), h("span", { class: "muted" }, " → "), people(event.recipient)),
      h("td", {}, where(event)),
      h("td", {}, h("span", { class: `fact fact-${event.factuality}` }, event.factuality),
        event.attribution ? h("div", { class: "muted small" }, `per ${event.attribution}`) : null),
      h("td", { class: "evidence-cell" }, evidenceWithTrigger(event)),
      h("td", {},
        h("a", { href: open, class: "article-link" }, event.article.title ?? event.article.id),
        event.story_id ? h("div", { class: "small" },
          h("a", { href: `#/story/${encodeURIComponent(event.story_id)}` }, "story")) : null));
  }

  private renderStories(list: StorySummary[], corroborated: boolean): void {
    clear(this.storiesBox);
    if (!list.length) {
      this.storiesBox.append(h("p", { class: "muted" }, "No stories match."));
      return;
    }
    this.storiesBox.append(
      h("p", { class: "muted small" }, corroborated
        ? "Reported by more than one article, latest first."
        : "None reported by more than one article; latest first."),
      h("ul", { class: "story-list" }, ...list.map((s) => h("li", { "data-story": s.id },
        h("a", { href: `#/story/${encodeURIComponent(s.id)}` }, typeChip(s.type, s.mode)),
        " ", h("span", { class: `status status-${s.status}` }, s.status),
        h("div", { class: "small muted" },
          [s.country_name ?? s.country ?? "?", s.first_reported === s.last_reported
            ? s.first_reported ?? "undated" : `${s.first_reported} → ${s.last_reported}`,
           plural(s.corroboration, "article")].join(" · "))))));
  }

  resize(): void {
    this.map.invalidate();
  }
}
