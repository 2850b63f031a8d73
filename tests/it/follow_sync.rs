//! `readcast follow` and `readcast sync` end to end: feeds and pages written for these tests,
//! served by a real HTTP server on 127.0.0.1 that answers conditional GETs; real renders with
//! espeak-ng; the published feed read back by feed-rs.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::common::http_server::{Page, Site};
use crate::common::{assert_ok, assert_one_line_error, read_json, run_in, show_folder, stderr, stdout};

const SYNC: &[&str] = &["sync", "--jobs", "2", "--format", "mp3"];

/// Paragraphs of our own about `topic`, long enough (over 1,000 characters) to be an article.
fn article_html(topic: &str) -> String {
    let places = [
        "the mill",
        "the bridge",
        "the old school",
        "the chapel",
        "the ford",
        "the orchard",
        "the quarry",
        "the green",
    ];
    places
        .iter()
        .enumerate()
        .map(|(i, place)| {
            format!(
                "<p>On day {} of the {topic} survey, volunteers walked from {place} to the river and wrote down what they saw. \
                 They counted {} birds and noted the weather each hour.</p>",
                i + 1,
                (i + 2) * 7
            )
        })
        .collect()
}

fn page_html(title: &str, topic: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{}</article></body></html>",
        article_html(topic)
    )
}

fn rss(site: &Site, extra_item: &str) -> String {
    let base = site.url("");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Notes</title><link>{base}/</link><description>Notes from the valley.</description>
{extra_item}
<item><title>The Mill Race Survey</title><guid isPermaLink="false">mill-race</guid><link>{base}/pages/mill.html</link>
<dc:creator>Jo Reed</dc:creator><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate><description>A short teaser.</description>
<content:encoded><![CDATA[{}]]></content:encoded></item>
<item><title>Orchard Walk</title><link>{base}/pages/orchard.html</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>
<description>Only a teaser: the article is on the page.</description></item>
<item><title>Lost Page</title><link>{base}/pages/missing.html</link><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>"#,
        article_html("mill race")
    )
}

fn atom(site: &Site) -> String {
    let content = html_escape::encode_text(&article_html("frost")).into_owned();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Journal</title>
<id>urn:ridge</id><updated>2026-03-04T10:00:00Z</updated>
<entry><title>Frost on the Ridge</title><id>urn:ridge:frost</id><updated>2026-03-04T10:00:00Z</updated>
<author><name>Sam Hale</name></author><link href="{}"/><content type="html">{content}</content></entry></feed>"#,
        site.url("/pages/frost.html")
    )
}

fn json_feed(site: &Site) -> String {
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Log",
        "items": [{
            "id": "tide-1",
            "title": "Spring Tides",
            "url": site.url("/pages/tides.html"),
            "content_html": article_html("tide"),
            "date_published": "2026-03-05T08:00:00Z"
        }]
    })
    .to_string()
}

fn opml(site: &Site) -> String {
    format!(
        r#"<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="Coast"><outline text="Ridge Journal" type="rss" xmlUrl="{}"/>
<outline text="Harbour Log" type="rss" xmlUrl="{}"/></outline></body></opml>"#,
        site.url("/atom.xml"),
        site.url("/feed.json")
    )
}

/// Every file under `dir` but the sync state, with its modification time.
fn file_times(dir: &Path) -> BTreeMap<String, SystemTime> {
    crate::common::files_under(dir)
        .into_iter()
        .filter(|f| f != "sync-state.json")
        .map(|f| {
            let time = std::fs::metadata(dir.join(&f)).and_then(|m| m.modified()).expect("mtime");
            (f, time)
        })
        .collect()
}

/// The titles of the items in `<out>/feed.xml`, read by feed-rs.
fn feed_titles(out: &Path) -> Vec<String> {
    let text = std::fs::read(out.join("feed.xml")).expect("feed.xml");
    let feed = feed_rs::parser::parse(text.as_slice()).expect("feed-rs reads the feed");
    let mut titles: Vec<String> =
        feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
    titles.sort();
    titles
}

fn serve_sources(site: &Site, extra_item: &str, etag: &str) {
    site.set(
        "/rss.xml",
        Page::ok("application/rss+xml", rss(site, extra_item)).with_etag(etag, "Tue, 03 Mar 2026 10:00:00 GMT"),
    );
    site.set(
        "/atom.xml",
        Page::ok("application/atom+xml", atom(site)).with_etag("\"a1\"", "Wed, 04 Mar 2026 10:00:00 GMT"),
    );
    site.set(
        "/feed.json",
        Page::ok("application/feed+json", json_feed(site)).with_etag("\"j1\"", "Thu, 05 Mar 2026 08:00:00 GMT"),
    );
    site.set("/subs.opml", Page::ok("text/x-opml", opml(site)));
    site.set("/pages/orchard.html", Page::ok("text/html; charset=utf-8", page_html("Orchard Walk", "orchard")));
}

#[test]
fn sync_renders_what_is_new_once_and_retries_what_failed() {
    let site = Site::start();
    serve_sources(&site, "", "\"r1\"");
    let work = show_folder();
    let work = work.path();
    let out = work.join("output");

    // An RSS feed and an OPML file of two feeds: three sources in readcast.toml.
    let followed = run_in(work, &["follow", &site.url("/rss.xml"), &site.url("/subs.opml")]);
    assert_ok(&followed);
    let toml = std::fs::read_to_string(work.join("readcast.toml")).unwrap();
    assert_eq!(toml.matches("[[follow]]").count(), 3, "{toml}");
    assert!(toml.contains("title = \"Valley Notes\"") && toml.contains(&site.url("/feed.json")), "{toml}");

    // First sync: four episodes; the 404 is reported and the run exits 1 after publishing.
    let first = run_in(work, SYNC);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let err = stderr(&first);
    assert!(err.contains("missing.html") && err.contains("404") && err.contains("attempt 1 of 3"), "{err}");
    assert_eq!(stdout(&first).lines().count(), 4, "{}", stdout(&first));
    assert_eq!(feed_titles(&out), ["Frost on the Ridge", "Orchard Walk", "Spring Tides", "The Mill Race Survey"]);
    // The mill article came from content:encoded: its page was never asked for.
    assert!(site.requests("/pages/mill.html").is_empty());
    assert_eq!(site.requests("/pages/orchard.html").len(), 1);
    let mill = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("episode.json"))
        .filter(|p| p.is_file())
        .map(|p| read_json(&p))
        .find(|m| m["title"] == "The Mill Race Survey")
        .expect("the mill episode");
    assert_eq!((mill["author"].as_str(), mill["site"].as_str()), (Some("Jo Reed"), Some("Valley Notes")));
    assert!(mill["date"].as_str().is_some_and(|d| d.starts_with("2026-03-03")), "{mill}");

    // Second sync: the failed item is retried (so the RSS feed is fetched whole), the other
    // sources answer 304; nothing is rendered and no episode, feed or page is rewritten.
    let before = file_times(&out);
    let second = run_in(work, SYNC);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert!(stderr(&second).contains("attempt 2 of 3"), "{}", stderr(&second));
    assert_eq!(stdout(&second), "");
    assert_eq!(file_times(&out), before);
    let atom_requests = site.requests("/atom.xml");
    let last = atom_requests.last().unwrap();
    assert_eq!((last.if_none_match.as_deref(), last.status), (Some("\"a1\""), 304));
    assert_eq!(last.if_modified_since.as_deref(), Some("Wed, 04 Mar 2026 10:00:00 GMT"));

    // Third: the last attempt, then the item is skipped; fourth: nothing at all changes.
    let third = run_in(work, SYNC);
    assert!(stderr(&third).contains("skipped after 3 attempts"), "{}", stderr(&third));
    let state_before = std::fs::metadata(out.join("sync-state.json")).unwrap().modified().unwrap();
    let fourth = run_in(work, SYNC);
    assert_ok(&fourth);
    assert!(stderr(&fourth).contains("nothing new in 3 sources"), "{}", stderr(&fourth));
    assert_eq!(site.requests("/rss.xml").last().unwrap().status, 304);
    assert_eq!(std::fs::metadata(out.join("sync-state.json")).unwrap().modified().unwrap(), state_before);
    assert_eq!(file_times(&out), before);

    // One new item in the feed: exactly one new episode and one new feed item.
    let new_item = format!(
        "<item><title>Heron Count</title><guid>heron</guid><link>{}</link><pubDate>Fri, 06 Mar 2026 09:00:00 GMT</pubDate><content:encoded><![CDATA[{}]]></content:encoded></item>",
        site.url("/pages/heron.html"),
        article_html("heron")
    );
    serve_sources(&site, &new_item, "\"r2\"");
    let fifth = run_in(work, SYNC);
    assert_ok(&fifth);
    assert_eq!(stdout(&fifth).lines().count(), 1, "{}", stdout(&fifth));
    assert_eq!(feed_titles(&out).len(), 5);
    assert!(feed_titles(&out).contains(&"Heron Count".to_string()));

    let list = run_in(work, &["follow", "--list"]);
    assert_ok(&list);
    let listed = stdout(&list);
    assert!(listed.contains("Valley Notes") && listed.contains("3 episodes, 0 failed, 1 skipped"), "{listed}");
}

#[test]
fn a_failing_source_does_not_stop_the_others() {
    let site = Site::start();
    serve_sources(&site, "", "\"r1\"");
    site.set("/broken.xml", Page::ok("application/rss+xml", "<rss version=\"2.0\"><channel><item><title>x"));
    let blog = "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\"></head><body><p>Blog</p></body></html>";
    site.set("/blog/", Page::ok("text/html", blog));
    let work = show_folder();
    let work = work.path();

    // Following a web page names the feed it links, in one line, exit 2.
    let page = run_in(work, &["follow", &site.url("/blog/")]);
    let line = assert_one_line_error(&page);
    assert_eq!(page.status.code(), Some(2));
    assert!(line.contains("not a feed") && line.contains(&site.url("/atom.xml")), "{line}");
    let broken = run_in(work, &["follow", &site.url("/broken.xml")]);
    assert!(assert_one_line_error(&broken).contains("/broken.xml"));

    // A reading list with junk lines, and sources that break after they were followed.
    let list = work.join("saved.txt");
    std::fs::write(
        &list,
        format!("# saved this week\n{}\nnot a link\nmailto:someone\n", site.url("/pages/orchard.html")),
    )
    .unwrap();
    std::fs::write(
        work.join("readcast.toml"),
        std::fs::read_to_string(work.join("readcast.toml")).unwrap()
            + &format!(
                "\n[[follow]]\nurl = \"{}\"\n\n[[follow]]\nurl = \"{}\"\n\n[[follow]]\nurl = \"saved.txt\"\n",
                site.url("/broken.xml"),
                site.url("/gone.xml")
            ),
    )
    .unwrap();
    let sync = run_in(work, SYNC);
    assert_eq!(sync.status.code(), Some(1));
    let err = stderr(&sync);
    assert!(err.contains("/broken.xml is not a valid feed"), "{err}");
    assert!(err.contains("/gone.xml") && err.contains("HTTP 404"), "{err}");
    assert!(err.contains("2 lines or entries are not article links"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(feed_titles(&work.join("output")), ["Orchard Walk"]);
}

#[test]
fn a_huge_feed_is_bounded_by_max_new() {
    let site = Site::start();
    site.set("/pages/orchard.html", Page::ok("text/html", page_html("Orchard Walk", "orchard")));
    let orchard = site.url("/pages/orchard.html");
    let mut items = String::from(
        "<item><title>Nothing to read</title><guid>empty</guid><pubDate>Sat, 07 Mar 2026 09:00:00 GMT</pubDate></item>",
    );
    // The newest article twice (one guid), then 9,998 older ones.
    for _ in 0..2 {
        items.push_str(&format!("<item><title>Orchard Walk</title><guid>orchard</guid><link>{orchard}</link><pubDate>Fri, 06 Mar 2026 09:00:00 GMT</pubDate></item>"));
    }
    for n in 0..9_997 {
        items.push_str(&format!("<item><title>Old {n}</title><guid>old-{n}</guid><link>{}</link><pubDate>Mon, 05 Jan 2026 09:00:00 GMT</pubDate></item>", site.url(&format!("/old/{n}"))));
    }
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title><link>{orchard}</link><description>d</description>{items}</channel></rss>"
    );
    site.set("/big.xml", Page::ok("application/rss+xml", feed));
    site.set("/old/0", Page::ok("text/html", page_html("The Old Mill", "old mill")));
    let work = show_folder();
    let work = work.path();
    assert_ok(&run_in(work, &["follow", "--max-new", "2", "--voice", "en-gb", &site.url("/big.xml")]));
    let sync = run_in(work, SYNC);
    assert_ok(&sync);
    let err = stderr(&sync);
    assert!(err.contains("no link and no text is skipped"), "{err}");
    assert!(err.contains("9996 older items passed over"), "{err}");
    // The duplicate is one episode; one old item makes the second of max_new = 2.
    assert_eq!(stdout(&sync).lines().count(), 2, "{}", stdout(&sync));
    assert_eq!(site.requests("/old/0").len(), 1);
    // The source's own voice speaks its episodes.
    for folder in stdout(&sync).lines() {
        assert_eq!(read_json(&work.join(folder).join("episode.json"))["voice"], "en-gb");
    }
    assert!(site.requests("/old/1").is_empty());

    let removed = run_in(work, &["follow", "--remove", &site.url("/big.xml")]);
    assert_ok(&removed);
    assert!(!std::fs::read_to_string(work.join("readcast.toml")).unwrap().contains("[[follow]]"));
    let again = run_in(work, &["follow", "--remove", &site.url("/big.xml")]);
    assert_eq!(again.status.code(), Some(2));
    let none = run_in(work, SYNC);
    assert_eq!(none.status.code(), Some(2));
    assert!(assert_one_line_error(&none).contains("no sources are followed"));
}

#[test]
fn a_digest_is_one_episode_with_a_chapter_per_article() {
    let site = Site::start();
    serve_sources(&site, "", "\"r1\"");
    let work = show_folder();
    let work = work.path();
    assert_ok(&run_in(work, &["follow", &site.url("/rss.xml"), &site.url("/atom.xml")]));
    let sync = run_in(work, &["sync", "--digest", "--jobs", "2", "--format", "mp3"]);
    // The 404 item is left out of the digest and reported.
    assert_eq!(sync.status.code(), Some(1), "{}", stderr(&sync));
    let folders: Vec<String> = stdout(&sync).lines().map(str::to_string).collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let episode = work.join(&folders[0]);
    let chapters = read_json(&episode.join("chapters.json"));
    let titles: Vec<&str> =
        chapters["chapters"].as_array().unwrap().iter().filter_map(|c| c["title"].as_str()).collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles[0].contains("digest of"), "{titles:?}");
    assert_eq!(titles[1..], ["Frost on the Ridge", "The Mill Race Survey", "Orchard Walk"]);
    let transcript = std::fs::read_to_string(episode.join("transcript.json")).unwrap();
    assert!(transcript.contains("Three articles today: Frost on the Ridge; The Mill Race Survey; and Orchard Walk."));
    // Segments are sentences: the line between articles is two.
    assert!(transcript.contains("That was Frost on the Ridge.") && transcript.contains("Next: The Mill Race Survey."));
    assert_eq!(feed_titles(&work.join("output")).len(), 1);
    // The articles of the digest are not rendered again.
    let again = run_in(work, &["sync", "--digest", "--jobs", "2", "--format", "mp3"]);
    assert_eq!(stdout(&again), "");
}
