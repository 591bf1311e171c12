"""Follow events across reports: link the same happening in several articles into a story and
track what is claimed about it over time (reported, confirmed, denied, corrected).

Pure functions over records, so they run in memory on freshly coded articles or on records
loaded from the store::

    stories = link_stories(list(Coder().code_many(articles)))
    later = link_stories(old_and_new_coded_articles, existing=stories)   # ids kept, stories grown
    rows = story_timeline(later[0], old_and_new_coded_articles)
"""

from eventwire.stories.linking import link_stories, merge_stories, story_timeline
from eventwire.stories.status import StoryConfig

__all__ = ["StoryConfig", "link_stories", "merge_stories", "story_timeline"]
