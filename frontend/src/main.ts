// The dashboard's entry point: a hash router over three views.
//   #/?country=KEN&type=PROTEST      the dashboard with filters
//   #/article/<id>?event=<event id>  an article with its coded fields highlighted
//   #/story/<id>                     a story's claims over time
//   #/event/<id>                     resolves to the event's article view
// document.body.dataset.state is "loading", "ready" or "error" (tests and screen readers wait on it).
import "./style.css";
import { ApiError, getJson, type ArticleJson, type EventJson, type Meta, type StoryJson } from "./api";
import { clear, h } from "./dom";
import { Dashboard } from "./views/dashboard";
import { articleView } from "./views/article";
import { storyView } from "./views/story";
import { type Filters, filtersFromParams, filtersToParams } from "./filters";

const app = document.getElementById("app")!;
const status = h("div", { class: "status-bar", id: "status", role: "status", "aria-live": "polite" });
const detail = h("div", { class: "detail", id: "detail" });
let dashboard: Dashboard | null = null;
let articleCache: ArticleJson | null = null;

function setState(state: string, error?: string): void {
  document.body.dataset.state = state;
  status.textContent = state === "loading" ? "Loading…" : state === "error" ? `Error: ${error}` : "";
  status.className = `status-bar ${state}`;
}

function navigateFilters(filters: Filters): void {
  const query = filtersToParams(filters).toString();
  const target = `#/${query ? `?${query}` : ""}`;
  if (window.location.hash === target) void route();
  else window.location.hash = target;
}

function parseHash(): { path: string[]; params: URLSearchParams } {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  return { path: path.split("/").filter(Boolean).map(decodeURIComponent),
           params: new URLSearchParams(query) };
}

function showDetail(view: HTMLElement | null): void {
  clear(detail);
  if (view) detail.append(view);
  detail.hidden = !view;
  if (dashboard) dashboard.root.hidden = !!view;
  if (!view) dashboard?.resize();
  window.scrollTo(0, 0);
}

async function route(): Promise<void> {
  const { path, params } = parseHash();
  try {
    if (path[0] === "article" && path[1]) {
      const id = path[1];
      if (articleCache?.id !== id) {
        setState("loading");
        articleCache = await getJson<ArticleJson>(`articles/${encodeURIComponent(id)}`);
      }
      const article = articleCache;
      const select = (eventId: string) => {
        window.location.hash = `#/article/${encodeURIComponent(article.id)}?event=${encodeURIComponent(eventId)}`;
      };
      showDetail(articleView(article, params.get("event"), select));
      document.title = `${article.title ?? article.id} · eventwire`;
      setState("ready");
    } else if (path[0] === "story" && path[1]) {
      setState("loading");
      const story = await getJson<StoryJson>(`stories/${encodeURIComponent(path[1])}`);
      showDetail(storyView(story));
      document.title = `Story ${story.type} · eventwire`;
      setState("ready");
    } else if (path[0] === "event" && path[1]) {
      setState("loading");
      const event = await getJson<EventJson>(`events/${encodeURIComponent(path[1])}`);
      window.location.replace(`#/article/${encodeURIComponent(event.article.id)}?event=${encodeURIComponent(event.id)}`);
    } else {
      showDetail(null);
      document.title = "eventwire";
      await dashboard!.show(filtersFromParams(params));
    }
  } catch (error) {
    const message = error instanceof ApiError && error.status === 404
      ? `${error.message} (it may have been re-coded or removed)`
      : error instanceof Error ? error.message : String(error);
    setState("error", message);
  }
}

async function start(): Promise<void> {
  setState("loading");
  let meta: Meta;
  try {
    meta = await getJson<Meta>("meta");
  } catch (error) {
    app.append(status);
    setState("error", `cannot reach the API: ${error instanceof Error ? error.message : error}`);
    return;
  }
  dashboard = new Dashboard(meta, navigateFilters, setState);
  app.append(
    h("header", { class: "site" },
      h("h1", {}, h("a", { href: "#/" }, "eventwire")),
      h("span", { class: "muted" },
        `${meta.counts.articles ?? 0} articles · ${meta.counts.events ?? 0} events · ${meta.counts.stories ?? 0} stories · codebook ${meta.codebook}`),
      h("a", { href: "docs", class: "docs-link" }, "API docs")),
    status, dashboard.root, detail);
  window.addEventListener("hashchange", () => void route());
  await route();
}

void start();
