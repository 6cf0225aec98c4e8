# newscrawl settings: only what we use, each with the reason it is set.
# Override any of them with `-s NAME=VALUE` on the command line.

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# Politeness: portal owners see who we are and how to reach us; robots.txt is obeyed.
NEWSCRAWL_CONTACT_URL = "https://github.com/newscrawl/newscrawl"
USER_AGENT = f"newscrawl/0.1 (+{NEWSCRAWL_CONTACT_URL})"
ROBOTSTXT_OBEY = True
# One request at a time per portal, paced by the server's own latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# A news page is tens to hundreds of KB; anything near these sizes is not an article.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 3

# Where records go: <NEWSCRAWL_DATA_DIR>/<spider>/<UTC date>/<run id>.jsonl (see newscrawl.addon).
NEWSCRAWL_DATA_DIR = "data"
FEED_EXPORT_ENCODING = "utf-8"

# Record/replay every response as WARC (empty = off). See newscrawl/warc.py.
NEWSCRAWL_ARCHIVE_WARC = ""
NEWSCRAWL_REPLAY_WARC = ""

# Validate -> clean -> dates -> date range (-a since/until) -> dedupe -> already delivered;
# JSON Lines is written by FEEDS after these.
ITEM_PIPELINES = {
    "newscrawl.pipelines.ValidatePipeline": 100,
    "newscrawl.pipelines.CleanPipeline": 200,
    "newscrawl.pipelines.DatesPipeline": 300,
    "newscrawl.pipelines.DateRangePipeline": 350,
    "newscrawl.pipelines.DedupePipeline": 400,
    "newscrawl.incremental.SeenPipeline": 450,
}

# Incremental runs: a seen-store per spider under <NEWSCRAWL_DATA_DIR>/state/ (see newscrawl/state.py).
# Articles already delivered are not fetched again; -a refresh=1 re-fetches, -a reset_state=1 forgets.
NEWSCRAWL_STATE = True
SPIDER_MIDDLEWARES = {
    "newscrawl.incremental.SeenFilterMiddleware": 950,
}
# Our output feed (unless -o/-O is given) and WARC record/replay (when their settings name a file).
ADDONS = {
    "newscrawl.addon.NewscrawlAddon": 0,
    "newscrawl.warc.WarcAddon": 0,
}

# One summary line at the end of every crawl; NEWSCRAWL_STATS_FILE also writes all stats as JSON.
# Health checks close before the summary, so the stats file holds their figures.
EXTENSIONS = {
    "newscrawl.health.HealthCheck": 480,
    "newscrawl.health.ProgressLog": 490,
    "newscrawl.extensions.CrawlSummary": 500,
    "newscrawl.incremental.StateExtension": 510,
}
# Extraction-health alarms (thresholds in each network module's `health`) once a network has this many records
# in a run; a progress line every this many seconds (0: off).
NEWSCRAWL_HEALTH_MIN_RECORDS = 20
NEWSCRAWL_PROGRESS_INTERVAL = 60
NEWSCRAWL_STATS_FILE = ""

# A body shorter than this (characters) is not an article: the record is dropped.
NEWSCRAWL_MIN_BODY_CHARS = 200
# Bounds on pagination so that a looping pager never loops the crawl.
NEWSCRAWL_MAX_ARTICLE_PAGES = 30
NEWSCRAWL_MAX_LISTING_PAGES = 5

LOG_LEVEL = "INFO"
