//! FEEDS.toml: which feeds to watch, how often, and how politely.
//!
//! ```toml
//! interval = "15m"            # how often a feed is polled (default 15m; "30s", "2h", or seconds)
//! per_host_per_minute = 6     # requests to one host in any minute, at most (default 6)
//! fetch_timeout = 30          # seconds a request may take (default 30)
//! max_items = 100             # new entries taken from one poll of a feed (default 100)
//!
//! [[feed]]
//! url = "https://example.org/rss.xml"
//! interval = "5m"             # this feed's own interval
//! outlet = "Example News"     # the outlet its articles are filed under
//! ```
//!
//! Every error names the file and, where it can, the feed.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

/// One feed to watch.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub url: String,
    pub interval: Duration,
    /// The outlet its articles are filed under (else the feed's own title, or
    /// the outlet book by domain, as `parallax import` does).
    pub outlet: Option<String>,
}

/// A FEEDS.toml, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedsConfig {
    pub feeds: Vec<Feed>,
    /// Requests to one host (feeds and article pages alike) in any `window`.
    pub per_host: u32,
    /// The window of `per_host`: a minute (shorter only in tests).
    pub window: Duration,
    pub fetch_timeout: Duration,
    /// New entries taken from one poll of one feed; the rest wait for the next.
    pub max_items: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    interval: Option<Interval>,
    per_host_per_minute: Option<u32>,
    fetch_timeout: Option<f64>,
    max_items: Option<usize>,
    #[serde(default)]
    feed: Vec<FeedFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedFile {
    url: String,
    interval: Option<Interval>,
    outlet: Option<String>,
}

/// Seconds, or a string with a unit: "90s", "15m", "2h", "1d".
#[derive(Deserialize)]
#[serde(untagged)]
enum Interval {
    Seconds(u64),
    Text(String),
}

impl Interval {
    fn duration(&self) -> Result<Duration, String> {
        let secs = match self {
            Interval::Seconds(s) => *s,
            Interval::Text(t) => {
                let t = t.trim();
                let (num, unit) =
                    t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
                let n: u64 = num.parse().map_err(|_| {
                    format!("interval {t:?} is not a number with a unit (30s, 15m, 2h, 1d)")
                })?;
                let unit_secs = match unit.trim() {
                    "" | "s" => 1,
                    "m" | "min" => 60,
                    "h" => 3600,
                    "d" => 86_400,
                    other => {
                        return Err(format!(
                            "interval {t:?}: unknown unit {other:?} (s, m, h or d)"
                        ));
                    }
                };
                n.saturating_mul(unit_secs)
            }
        };
        if secs == 0 {
            return Err("an interval of 0 would poll without pause; give 1s or more".into());
        }
        Ok(Duration::from_secs(secs))
    }
}

pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(15 * 60);
pub const DEFAULT_PER_HOST: u32 = 6;

impl FeedsConfig {
    pub fn read(path: &Path) -> Result<FeedsConfig, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        FeedsConfig::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<FeedsConfig, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        let interval = match &f.interval {
            Some(i) => i.duration()?,
            None => DEFAULT_INTERVAL,
        };
        let per_host = f.per_host_per_minute.unwrap_or(DEFAULT_PER_HOST);
        if per_host == 0 {
            return Err(
                "per_host_per_minute = 0 would never fetch anything; give 1 or more".into(),
            );
        }
        let fetch_timeout = f.fetch_timeout.unwrap_or(30.0);
        if !(fetch_timeout.is_finite() && fetch_timeout > 0.0) {
            return Err(format!(
                "fetch_timeout = {fetch_timeout}: give a number of seconds above 0"
            ));
        }
        let max_items = f.max_items.unwrap_or(100);
        if max_items == 0 {
            return Err("max_items = 0 would take nothing from the feeds; give 1 or more".into());
        }
        if f.feed.is_empty() {
            return Err("no feeds: add [[feed]] tables with a url each".into());
        }
        let mut feeds: Vec<Feed> = Vec::with_capacity(f.feed.len());
        for (i, x) in f.feed.iter().enumerate() {
            let name = format!("feed {} ({})", i + 1, x.url);
            if !parallax_ingest::fetch::is_url(&x.url) || x.url.trim() != x.url {
                return Err(format!(
                    "{name}: the url must start with http:// or https://"
                ));
            }
            if feeds.iter().any(|f| f.url == x.url) {
                return Err(format!("{name}: listed twice"));
            }
            let interval = match &x.interval {
                Some(i) => i.duration().map_err(|e| format!("{name}: {e}"))?,
                None => interval,
            };
            let outlet = x.outlet.as_ref().map(|o| o.trim().to_string());
            if outlet.as_deref() == Some("") {
                return Err(format!("{name}: the outlet name is empty"));
            }
            feeds.push(Feed {
                url: x.url.clone(),
                interval,
                outlet,
            });
        }
        Ok(FeedsConfig {
            feeds,
            per_host,
            window: Duration::from_secs(60),
            fetch_timeout: Duration::from_secs_f64(fetch_timeout),
            max_items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feeds_file_with_defaults_and_overrides() {
        let c = FeedsConfig::parse(
            "interval = \"10m\"\nper_host_per_minute = 3\n[[feed]]\nurl = \"https://a.example/rss\"\n[[feed]]\nurl = \"http://b.example/atom\"\ninterval = 90\noutlet = \"B News\"\n",
        )
        .unwrap();
        assert_eq!(c.per_host, 3);
        assert_eq!(c.feeds[0].interval, Duration::from_secs(600));
        assert_eq!(c.feeds[1].interval, Duration::from_secs(90));
        assert_eq!(c.feeds[1].outlet.as_deref(), Some("B News"));
        assert_eq!(c.max_items, 100);
    }

    #[test]
    fn mistakes_are_named() {
        for (text, want) in [
            ("", "no feeds"),
            ("[[feed]]\nurl = \"ftp://x\"\n", "feed 1 (ftp://x): the url"),
            (
                "[[feed]]\nurl = \"https://x\"\ninterval = \"5 fortnights\"\n",
                "unknown unit",
            ),
            (
                "[[feed]]\nurl = \"https://x\"\ninterval = 0\n",
                "interval of 0",
            ),
            (
                "per_host_per_minute = 0\n[[feed]]\nurl = \"https://x\"\n",
                "per_host_per_minute = 0",
            ),
            (
                "[[feed]]\nurl = \"https://x\"\n[[feed]]\nurl = \"https://x\"\n",
                "listed twice",
            ),
            (
                "[[feed]]\nurl = \"https://x\"\nevery = 3\n",
                "unknown field `every`",
            ),
            ("[[feed]\n", "TOML parse error"),
        ] {
            let e = FeedsConfig::parse(text).unwrap_err();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }
}
