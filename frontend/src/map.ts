// The world map: Natural Earth 110m country boundaries (bundled, no tile server) shaded by how
// many matching events each country has, and a circle per geolocated place, coloured by its
// most frequent event type and sized by its count.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import worldUrl from "world-atlas/countries-110m.json?url";
import type { CountryCount, PlacePoint } from "./api";
import { h } from "./dom";
import { typeChip, typeColour } from "./colors";

type CountryFeature = Feature<Geometry, { name: string }>;
type Ring = number[][];

const ANTARCTICA = "010"; // ISO 3166-1 numeric

/**
 * Natural Earth rings that cross the 180th meridian (Russia's Chukotka, Fiji) jump from +180 to
 * -180; drawn on a flat map that jump becomes a stripe across the whole world. Such a ring is
 * shifted to continue east of 180 instead.
 */
function unwrapRing(ring: Ring): Ring {
  const crosses = ring.some((point, i) => i > 0 && Math.abs(point[0] - ring[i - 1][0]) > 180);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
}

function unwrapAntimeridian(f: CountryFeature): CountryFeature {
  const g = f.geometry;
  if (g.type === "Polygon") {
    return { ...f, geometry: { ...g, coordinates: g.coordinates.map(unwrapRing) } };
  }
  if (g.type === "MultiPolygon") {
    return { ...f, geometry: { ...g, coordinates: g.coordinates.map((p) => p.map(unwrapRing)) } };
  }
  return f;
}

export interface MapHandlers {
  onCountry: (iso3: string) => void;
}

export class EventMap {
  private map: L.Map;
  private countries: L.GeoJSON | null = null;
  private markers = L.layerGroup();
  private countsByNumeric = new Map<string, CountryCount>();
  private ready: Promise<void>;
  private maxCount = 1;

  constructor(private container: HTMLElement, private handlers: MapHandlers) {
    this.map = L.map(container, {
      worldCopyJump: true, minZoom: 1, maxZoom: 8, zoomSnap: 0.5,
      attributionControl: true, preferCanvas: false,
    }).setView([15, 20], 1.5);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
    this.markers.addTo(this.map);
    this.ready = this.loadBoundaries();
  }

  private async loadBoundaries(): Promise<void> {
    const response = await fetch(worldUrl);
    const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    // Antarctica has no news events and, flattened onto Web Mercator, fills the map's bottom.
    collection.features = collection.features.filter((f) => f.id !== ANTARCTICA)
      .map(unwrapAntimeridian);
    this.countries = L.geoJSON(collection, {
      style: (f) => this.styleFor(f as CountryFeature),
      onEachFeature: (f, layer) => this.bindCountry(f as CountryFeature, layer as L.Path),
    }).addTo(this.map);
    this.countries.bringToBack();
  }

  private countFor(f: CountryFeature): CountryCount | undefined {
    return f.id !== undefined ? this.countsByNumeric.get(String(f.id)) : undefined;
  }

  private styleFor(f: CountryFeature): L.PathOptions {
    const found = this.countFor(f);
    // Square-root scale: one busy country must not wash out all the others.
    const share = found ? Math.sqrt(found.count / this.maxCount) : 0;
    return {
      color: "#8a99a8", weight: 0.6, fillColor: found ? "#274c77" : "#e9edf1",
      fillOpacity: found ? 0.12 + 0.5 * share : 1,
    };
  }

  private bindCountry(f: CountryFeature, layer: L.Path): void {
    // Tooltip content is an element built from text nodes: Leaflet would parse a string as HTML.
    layer.bindTooltip(() => {
      const found = this.countFor(f);
      return h("div", { class: "map-tip" }, h("strong", {}, found?.name ?? f.properties.name),
               found ? ` · ${found.count} event${found.count === 1 ? "" : "s"}` : " · no events");
    }, { sticky: true });
    layer.on("click", () => {
      const found = this.countFor(f);
      if (found) this.handlers.onCountry(found.country);
    });
  }

  async update(countries: CountryCount[], places: PlacePoint[]): Promise<void> {
    await this.ready;
    this.countsByNumeric = new Map(countries.filter((c) => c.numeric).map((c) => [c.numeric!, c]));
    this.maxCount = Math.max(1, ...countries.map((c) => c.count));
    this.countries?.setStyle((f) => this.styleFor(f as CountryFeature));
    this.markers.clearLayers();
    for (const place of places) this.markers.addLayer(this.marker(place));
    // Frame what matched: a country filter zooms to its places; the whole world otherwise.
    const points = places.map((p) => L.latLng(p.lat, p.lon));
    const only = countries.length === 1 ? this.countryLayer(countries[0].numeric) : null;
    if (points.length) {
      this.map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 5, animate: false });
    } else if (only) {
      // Nothing to pin, but one country matched: frame it.
      this.map.fitBounds(only.getBounds().pad(0.5), { maxZoom: 5, animate: false });
    } else {
      this.map.setView([15, 20], 1.5, { animate: false });
    }
    this.container.dataset.markers = String(places.length);
    this.container.dataset.events = String(places.reduce((n, p) => n + p.count, 0));
    this.container.dataset.countries = String(countries.length);
  }

  private countryLayer(numeric: string | null): L.Polygon | null {
    if (!numeric || !this.countries) return null;
    const found = this.countries.getLayers().find(
      (layer) => String((layer as L.Polygon).feature?.id) === numeric);
    return (found as L.Polygon | undefined) ?? null;
  }

  private marker(place: PlacePoint): L.CircleMarker {
    const [topType] = Object.entries(place.by_type).sort((a, b) => b[1] - a[1])[0];
    const marker = L.circleMarker([place.lat, place.lon], {
      radius: Math.min(22, 4 + 3 * Math.sqrt(place.count)),
      color: "#ffffff", weight: 1, fillColor: typeColour(topType), fillOpacity: 0.85,
      className: `place-marker type-${topType}`,
    });
    marker.bindPopup(() => this.popup(place), { maxWidth: 320 });
    return marker;
  }

  private popup(place: PlacePoint): HTMLElement {
    const types = Object.entries(place.by_type).sort((a, b) => b[1] - a[1]);
    return h("div", { class: "map-popup" },
      h("strong", {}, place.name ?? "(unnamed place)"),
      place.country ? ` (${place.country})` : null,
      h("div", { class: "popup-types" },
        ...types.map(([type, n]) => h("span", {}, typeChip(type), ` ${n}`))),
      h("ul", {}, ...place.latest.map((e) => h("li", {},
        h("a", { href: `#/event/${encodeURIComponent(e.id)}` },
          `${e.day ?? "undated"} · ${e.type}`),
        e.title ? h("span", { class: "muted" }, ` ${e.title}`) : null))),
      place.count > place.latest.length
        ? h("div", { class: "muted" }, `…and ${place.count - place.latest.length} more`) : null);
  }

  invalidate(): void {
    this.map.invalidateSize();
  }
}
