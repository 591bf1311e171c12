"""Invented wire reports for the serve tests (not news). Written so the real coder finds events
in them and story linking joins the three Nairobi reports into one story with a denial."""

from __future__ import annotations

from datetime import date

from eventwire.records import Article

XSS_TITLE = '<script>window.__xss=1</script>Minister <img src=x onerror="window.__xss=2"> quits'
XSS_TEXT = (
    "Police detain activists in Harare\n\n"
    'HARARE, June 9 (Test Wire) - Zimbabwean police arrested 12 activists <img src=x '
    'onerror="window.__xss=3"> in Harare on Sunday, their lawyer said. '
    "<script>window.__xss=4</script> The activists had planned a march against price rises."
)
# An emoji before the event: code point and UTF-16 offsets differ after it.
EMOJI_TEXT = (
    "Protest in Kampala \U0001F525\n\n"
    "KAMPALA, June 10 (Test Wire) \U0001F525 - Hundreds of students protested in Kampala on "
    "Tuesday against a rise in university fees, organisers said."
)

ARTICLES: list[tuple[Article, str]] = [
    (Article(id="wire-nbo-1", source="Alpha Wire", pub_date=date(2025, 6, 3),
             url="https://alpha.test/kenya-arrests",
             title="Police arrest protesters in Nairobi",
             text="Police arrest protesters in Nairobi\n\n"
                  "NAIROBI, June 3 (Alpha Wire) - Kenyan police arrested 40 protesters in "
                  "Nairobi on Monday after a march against new taxes, witnesses said. "
                  "Opposition leader Raila Odinga condemned the arrests."), "Alpha Wire"),
    (Article(id="wire-nbo-2", source="Beta News", pub_date=date(2025, 6, 3),
             url="https://beta.test/nairobi",
             title="Dozens held after Nairobi tax march",
             text="Dozens held after Nairobi tax march\n\n"
                  "NAIROBI, June 3 (Beta News) - Kenyan police arrested 40 protesters in "
                  "Nairobi on Monday, a human rights group said."), "Beta News"),
    (Article(id="wire-nbo-3", source="Gamma Post", pub_date=date(2025, 6, 4),
             url="https://gamma.test/denial",
             title="Kenya denies mass arrests",
             text="Kenya denies mass arrests\n\n"
                  "NAIROBI, June 4 (Gamma Post) - Kenyan police did not arrest any protesters "
                  "in Nairobi on Monday, the interior ministry said."), "Gamma Post"),
    (Article(id="wire-sdn-1", source="Alpha Wire", pub_date=date(2025, 5, 7),
             url="https://alpha.test/el-fasher",
             title="Drone strike hits market in El Fasher",
             text="Drone strike hits market in El Fasher\n\n"
                  "KHARTOUM, May 7 (Alpha Wire) - A drone strike by the Rapid Support Forces "
                  "killed 12 civilians at a market in El Fasher on Tuesday, local doctors said. "
                  "The Sudanese army accused the RSF of targeting civilians."), "Alpha Wire"),
    (Article(id="wire-geneva-1", source="Beta News", pub_date=date(2025, 4, 15),
             url="https://beta.test/geneva-talks",
             title="Armenia and Azerbaijan hold talks in Geneva",
             text="Armenia and Azerbaijan hold talks in Geneva\n\n"
                  "GENEVA, April 15 (Beta News) - The foreign ministers of Armenia and "
                  "Azerbaijan met in Geneva on Monday to discuss a peace agreement, officials "
                  "said."), "Beta News"),
    (Article(id="wire-xss-1", source="<b>Evil</b> Wire", pub_date=date(2025, 6, 9),
             url="javascript:window.__xss=5", title=XSS_TITLE, text=XSS_TEXT),
     "<b>Evil</b> Wire"),
    (Article(id="wire-emoji-1", source="Delta Daily", pub_date=date(2025, 6, 11),
             url="https://delta.test/kampala", title="Protest in Kampala \U0001F525",
             text=EMOJI_TEXT), "Delta Daily"),
]
