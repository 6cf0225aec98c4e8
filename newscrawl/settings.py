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
# Scrapy starts CONCURRENT_ITEMS worker tasks (default 100) for the output of *every* response, to run its
# items through the pipelines in parallel. Ours are synchronous and an article page yields one record, so
# those tasks were pure overhead: a hundred asyncio tasks per page, about 8 % of a crawl's CPU
# (benchmarks/README.md, "Crawl throughput"). A listing's requests need no parallelism either.
CONCURRENT_ITEMS = 8
# Scrapy checks each callback for a generator that returns a value by reading its source (inspect.getsource and
# ast.parse). Its cache is keyed weakly by the bound method, which each request makes anew, so the check ran
# for most responses: about 9 % of a crawl's CPU. tests/test_spiders_callbacks.py runs the same check on every
# spider callback once, in the suite.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Size limits. A news page is tens to hundreds of KB; anything near these sizes is not an article. Both apply
# to the body as sent and, for Content-Encoding gzip/deflate/br/zstd, to the decompressed body (Scrapy's
# HttpCompressionMiddleware stops decompressing at DOWNLOAD_MAXSIZE: a gzip bomb costs at most that much
# memory); gzipped sitemaps (.xml.gz) are bounded the same way in NetworkSpider.sitemap_body. Over the max
# the download is abandoned and the article dropped as `too_large`; over the warn size a warning is logged.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# A portal that has not answered in 30 s is down or tarpitting us; the request is retried (below).
DOWNLOAD_TIMEOUT = 30
# A response cut short (connection reset mid-body) is an error, retried, never parsed as a shorter page.
DOWNLOAD_FAIL_ON_DATALOSS = True

# Retries (newscrawl.middlewares.BackoffRetryMiddleware replaces Scrapy's RetryMiddleware and keeps its
# settings and retry/* stats). Timeouts, resets, DNS failures and these statuses are retried up to
# RETRY_TIMES times after the first try; 429 is "too many requests", 408/5xx/522/524 a struggling server.
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
# Each retry waits first, and the wait pauses every request to that host: the server's Retry-After when it
# sends one, else 2 s, 4 s, 8 s ... (NEWSCRAWL_RETRY_BACKOFF_BASE * 2**(n-1), at most ..._BACKOFF_MAX).
NEWSCRAWL_RETRY_BACKOFF_BASE = 2.0
NEWSCRAWL_RETRY_BACKOFF_MAX = 60.0
# Ceiling on Retry-After: a server asking for longer is not waited out (the crawl would stall); the request
# is dropped as `rate_limited` and no request goes to that host until the time it named.
NEWSCRAWL_RETRY_AFTER_MAX = 120.0
# A request that exhausted its retries is a counted drop with its reason (newscrawl/dropped/<reason>), logged
# as a warning by the spider; Scrapy's own give-up line need not be an ERROR.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"

# Redirects: followed only within the crawl's sites (an off-site target is refused as `offsite_redirect`),
# never back to a URL of the same chain (`redirect_loop`), at most 5 hops (`too_many_redirects`): a moved
# article needs one or two (http -> https -> canonical slug).
REDIRECT_MAX_TIMES = 5
# <meta http-equiv="refresh"> is followed only when it fires within 5 s (a "this page moved" redirect);
# news pages that reload themselves every few minutes are parsed as they are.
METAREFRESH_MAXDELAY = 5

# Downloader middlewares: Scrapy's retry and redirect middlewares replaced by newscrawl's (same positions), and
# a scope check before robots.txt so that no request goes to a host the spider does not crawl.
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.HostScopeMiddleware": 60,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.SafeMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.middlewares.SafeRedirectMiddleware": 600,
}

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
