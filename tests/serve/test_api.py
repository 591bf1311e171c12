"""The read API against a store filled through the real coder (see conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.serve.articles import XSS_TEXT, XSS_TITLE
from tests.serve.conftest import BULK_ARTICLES, make_client

def all_pages(client, limit: int, **params) -> tuple[list[dict], int]:
    """Every event of a listing, page by page; also how many pages it took."""
    items, cursor, pages = [], None, 0
    while True:
        query = {"limit": limit, **params} | ({"cursor": cursor} if cursor else {})
        response = client.get("/api/events", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return items, pages
        assert pages < 1000, "paging does not end"


def test_every_page_once_with_no_duplicates_in_newest_first_order(client):
    total = client.get("/api/meta").json()["counts"]["events"]
    assert total >= BULK_ARTICLES * 3  # the bulk events alone span many pages
    items, pages = all_pages(client, limit=7)
    ids = [e["id"] for e in items]
    assert len(ids) == len(set(ids)) == total
    assert pages == -(-total // 7)
    keys = [(e["date"] or "", e["id"]) for e in items if e["date"] and len(e["date"]) == 10]
    assert keys == sorted(keys, reverse=True)


def test_paging_a_filtered_listing_matches_its_count(client):
    first = client.get("/api/events", params={"type": "ASSAULT", "count": "true", "limit": 5})
    total = first.json()["total"]
    items, _ = all_pages(client, limit=5, type="ASSAULT")
    assert total == len(items) == len({e["id"] for e in items}) > 5
    assert {e["type"] for e in items} == {"ASSAULT"}


@pytest.mark.parametrize("params, status", [
    ({"cursor": "not-a-cursor!"}, 400),
    ({"limit": 0}, 422),
    ({"limit": 501}, 422),
    ({"factuality": "maybe"}, 422),
    ({"since": "last tuesday"}, 422),
    ({"since": "2025-06-02", "until": "2025-06-01"}, 400),
    ({"q": "-onlyexcluded"}, 400),
])
def test_bad_parameters_are_refused_with_a_reason(client, params, status):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert response.json()["detail"]


def test_country_filter_and_comma_lists(client):
    kenya = client.get("/api/events", params={"country": "ken"}).json()["items"]
    assert kenya and {e["country"] for e in kenya} == {"KEN"}
    assert {e["article"]["id"] for e in kenya} >= {"wire-nbo-1", "wire-nbo-2", "wire-nbo-3"}
    both = client.get("/api/events", params={"country": "KEN,SDN", "limit": 500}).json()["items"]
    repeated = client.get("/api/events", params=[("country", "KEN"), ("country", "SDN"),
                                                 ("limit", 500)]).json()["items"]
    assert {e["country"] for e in both} == {"KEN", "SDN"}
    assert [e["id"] for e in both] == [e["id"] for e in repeated]


def test_type_mode_factuality_actor_filters(client):
    negated = client.get("/api/events", params={"factuality": "negated"}).json()["items"]
    assert [e["article"]["id"] for e in negated] == ["wire-nbo-3"]
    arrests = client.get("/api/events", params={"type": "COERCE", "mode": "arrest"}).json()
    assert {e["mode"] for e in arrests["items"]} == {"arrest"}
    assert len(arrests["items"]) == 4  # three Nairobi reports and Harare
    rsf = client.get("/api/events", params={"actor": "rapid support"}).json()["items"]
    assert [e["article"]["id"] for e in rsf] == ["wire-sdn-1"]
    assert "Rapid Support Forces" in rsf[0]["actor"][0]["text"]


def test_date_range_keeps_only_overlapping_events(client):
    items, _ = all_pages(client, limit=100, since="2025-06-01", until="2025-06-10")
    assert items
    for e in items:
        day = date.fromisoformat(e["date"] if e["date"] and len(e["date"]) == 10
                                 else e["article"]["pub_date"])
        assert date(2025, 6, 1) <= day <= date(2025, 6, 10), e
    assert not any(e["article"]["id"].startswith("bulk-") for e in items)


def test_text_search(client):
    found = client.get("/api/events", params={"q": '"drone strike"'}).json()["items"]
    assert {e["article"]["id"] for e in found} == {"wire-sdn-1"}
    excluded = client.get("/api/events", params={"q": "Nairobi -denies"}).json()["items"]
    assert {e["article"]["id"] for e in excluded} == {"wire-nbo-1", "wire-nbo-2"}


def test_one_event_with_spans_that_point_at_its_words(client):
    listed = client.get("/api/events", params={"q": "El Fasher", "type": "ASSAULT"}).json()
    event_id = listed["items"][0]["id"]
    event = client.get(f"/api/events/{event_id}").json()
    article = client.get(f"/api/articles/{event['article']['id']}").json()
    text = article["text"]
    assert text[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
    roles = {s["role"] for s in event["spans"]}
    assert {"trigger", "actor", "recipient", "place"} <= roles
    for span in event["spans"]:
        assert text[span["start"]:span["end"]] == span["text"], span
    assert event["trigger"]["text"] == "drone strike"
    # A unique prefix finds the event too, as on the CLI.
    assert client.get(f"/api/events/{event_id[:8]}").json()["id"] == event_id


def test_offsets_count_code_points_after_an_emoji(client):
    article = client.get("/api/articles/wire-emoji-1").json()
    event = article["events"][0]
    trigger = event["trigger"]
    assert article["text"][trigger["start"]:trigger["end"]] == trigger["text"] == "protested"


def test_missing_things_are_404(client):
    for path in ("/api/events/ffffffffffffffff", "/api/articles/nope", "/api/stories/nope",
                 "/api/entities/nope.xxx.unk"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "nope" in response.json()["detail"] or "ffff" in response.json()["detail"]


def test_article_has_its_text_and_events_in_text_order(client):
    article = client.get("/api/articles/wire-sdn-1").json()
    assert article["title"] == "Drone strike hits market in El Fasher"
    assert article["source"] == "Alpha Wire"
    starts = [e["evidence"]["start"] for e in article["events"]]
    assert len(starts) == 2 and starts == sorted(starts)
    assert [e["type"] for e in article["events"]] == ["ASSAULT", "ACCUSE"]


def nairobi_story(client) -> dict:
    stories = client.get("/api/stories", params={"country": "KEN", "min_reports": 2}).json()
    assert len(stories["items"]) == 1
    return stories["items"][0]


def test_story_list_counts_articles_and_outlets(client):
    story = nairobi_story(client)
    assert (story["type"], story["mode"]) == ("COERCE", "arrest")
    assert story["corroboration"] == 3 and story["outlets"] == 3
    assert (story["first_reported"], story["last_reported"]) == ("2025-06-03", "2025-06-04")
    assert story["status"] == "denied"


def test_story_claims_in_sequence_with_the_denial_last(client):
    story = client.get(f"/api/stories/{nairobi_story(client)['id']}").json()
    claims = story["claims"]
    assert [c["source"] for c in claims] == ["Alpha Wire", "Beta News", "Gamma Post"]
    assert [c["status"] for c in claims] == ["reported", "confirmed", "denied"]
    assert claims[-1]["factuality"] == "negated"
    assert [c["stated_on"] for c in claims] == sorted(c["stated_on"] for c in claims)
    assert claims[0]["article_title"] == "Police arrest protesters in Nairobi"
    assert story["sources"] == ["Alpha Wire", "Beta News", "Gamma Post"]


def test_entities_list_and_detail(client):
    found = client.get("/api/entities", params={"q": "rapid"}).json()["items"]
    assert len(found) == 1 and found[0]["country"] == "SDN" and found[0]["as_actor"] == 1
    detail = client.get(f"/api/entities/{found[0]['entity_id']}").json()
    # The RSF strikes in one event and is accused in the other: both name the same entity.
    assert sorted(e["type"] for e in detail["recent_events"]) == ["ACCUSE", "ASSAULT"]
    assert {e["article"]["id"] for e in detail["recent_events"]} == {"wire-sdn-1"}
    top = client.get("/api/entities", params={"limit": 3}).json()["items"]
    assert [t["events"] for t in top] == sorted((t["events"] for t in top), reverse=True)


def test_timeline_counts_every_matching_event_once(client):
    total = client.get("/api/events", params={"count": "true", "limit": 1}).json()["total"]
    timeline = client.get("/api/summary/timeline").json()
    drawn = sum(sum(v) for v in timeline["counts"].values())
    assert drawn + timeline["before"] + timeline["after"] + timeline["undated"] == total
    assert all(len(v) == len(timeline["buckets"]) for v in timeline["counts"].values())
    weekly = client.get("/api/summary/timeline", params={"interval": "week", "type": "ASSAULT",
                                                         "since": "2025-01-01"}).json()
    assert weekly["interval"] == "week" and weekly["types"] == ["ASSAULT"]
    assert weekly["buckets"][0] == "2024-12-30"  # the Monday of the week holding since


def test_country_and_place_summaries_follow_the_filters(client):
    countries = client.get("/api/summary/countries").json()
    kenya = next(c for c in countries["items"] if c["country"] == "KEN")
    listed = client.get("/api/events", params={"country": "KEN", "count": "true"}).json()
    assert kenya["count"] == listed["total"]
    assert kenya["name"] == "Kenya" and kenya["numeric"] == "404"
    places = client.get("/api/summary/places", params={"country": "KEN"}).json()["items"]
    assert {p["name"] for p in places} == {"Nairobi"}
    # The two reports and the denial ("did not arrest any protesters in Nairobi") all place it there.
    assert places[0]["count"] == 3 and places[0]["by_type"] == {"COERCE": 3}
    assert {e["title"] for e in places[0]["latest"]} == {"Police arrest protesters in Nairobi",
                                                         "Dozens held after Nairobi tax march",
                                                         "Kenya denies mass arrests"}


def test_stored_markup_comes_back_as_json_text(client):
    response = client.get("/api/articles/wire-xss-1")
    assert response.headers["content-type"].startswith("application/json")
    article = response.json()
    assert article["title"] == XSS_TITLE
    assert article["text"] == XSS_TEXT
    assert article["source"] == "<b>Evil</b> Wire"
    # JSON escapes nothing here, so nothing is double-escaped either: the client gets the text.
    assert '<script>window.__xss=1</script>' in response.text


def test_meta_and_openapi_docs_are_served_offline(client):
    meta = client.get("/api/meta").json()
    assert len(meta["types"]) == 16 and meta["writes_enabled"] is True
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stories/{story_id}",
            "/api/ingest/text", "/api/summary/timeline"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_dashboard_page_and_assets(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    import re

    scripts = re.findall(r'src="\./(assets/[^"]+\.js)"', page.text)
    assert scripts, "the built page names its script"
    asset = client.get("/" + scripts[0])
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]
    assert "http://" not in page.text and "https://" not in page.text  # nothing from elsewhere


def test_cors_is_off_unless_one_origin_is_allowed(client, filled_db, coder):
    plain = client.get("/api/meta", headers={"Origin": "https://elsewhere.test"})
    assert "access-control-allow-origin" not in plain.headers
    with make_client(filled_db, coder, cors_origin="https://intranet.test") as allowed:
        ok = allowed.get("/api/meta", headers={"Origin": "https://intranet.test"})
        assert ok.headers["access-control-allow-origin"] == "https://intranet.test"
        other = allowed.get("/api/meta", headers={"Origin": "https://elsewhere.test"})
        assert "access-control-allow-origin" not in other.headers
        preflight = allowed.options("/api/ingest/text", headers={
            "Origin": "https://intranet.test", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert preflight.status_code == 200
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()


def test_every_read_response_matches_its_documented_model(client):
    """The read endpoints skip FastAPI's response validation for speed; this keeps the docs
    (the pydantic models behind /docs) honest about what is actually sent."""
    from eventwire.serve import schemas as S

    story = nairobi_story(client)["id"]
    entity = client.get("/api/entities", params={"limit": 1}).json()["items"][0]["entity_id"]
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]["id"]
    checks = [("/api/events?count=true", S.EventPage), (f"/api/events/{event}", S.EventOut),
              ("/api/articles/wire-sdn-1", S.ArticleOut), ("/api/stories", S.StoryList),
              (f"/api/stories/{story}", S.StoryOut), ("/api/entities", S.EntityList),
              (f"/api/entities/{entity}", S.EntityDetail),
              ("/api/summary/timeline", S.TimelineOut), ("/api/summary/countries", S.CountriesOut),
              ("/api/summary/places", S.PlacesOut), ("/api/meta", S.MetaOut)]
    spec = client.get("/openapi.json").json()
    for path, model in checks:
        body = client.get(path).json()
        validated = model.model_validate(body)
        # Every documented field is present in what was sent (none silently missing).
        assert set(model.model_fields) <= set(body), (path, set(model.model_fields) - set(body))
        assert validated is not None
    documented = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    assert documented["application/json"]["schema"]["$ref"].endswith("/EventPage")
