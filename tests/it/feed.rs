//! `readcast feed`, `readcast init` and `render --publish`: real renders with espeak-ng, the feed
//! read back by independent parsers (the feed-rs crate, and roxmltree for the elements feed-rs
//! does not model), sizes and durations checked against the files and ffprobe.

use std::path::{Path, PathBuf};

use crate::common::{
    SHOW_BASE_URL, assert_ok, assert_one_line_error, ffprobe_duration, make_image, read_json, run_in, show_flags,
    show_folder, stderr,
};

const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
const ATOM: &str = "http://www.w3.org/2005/Atom";

const SHOW_TITLE: &str = "Harbour & Hills <Weekly>";

/// Three articles of our own; the first paragraph of each is the item's description.
const PIER: (&str, &str, &str) = (
    "pier.md",
    "# Tide Tables & the Old Pier\n\nThe tide reached the old pier twice last week, and the harbour master kept a careful log of both.\n\n## Morning water\n\nAt dawn the water rose above the lowest step of the pier. Fishing boats waited out beyond the breakwater.\n\n## Evening water\n\nBy dusk the harbour was calm again. The log notes a gentle swell and no damage to the boats.\n",
    "The tide reached the old pier twice last week, and the harbour master kept a careful log of both.",
);
const LANTERNS: (&str, &str, &str) = (
    "lanterns.txt",
    "Lanterns on the Ridge Path\n\nVolunteers hung new lanterns along the ridge path this autumn, so walkers can find their way after dark.\n\nEach lantern runs on a small solar panel on its post. The parish council paid for the first twenty of them.\n",
    "Volunteers hung new lanterns along the ridge path this autumn, so walkers can find their way after dark.",
);
const FERRY: (&str, &str, &str) = (
    "ferry.txt",
    "A New Ferry Timetable for the Island\n\nThe island ferry will sail every ninety minutes from next month, the operator said on Tuesday.\n\nPassengers had asked for a later last crossing in the evening. The operator agreed to try one during the summer.\n",
    "The island ferry will sail every ninety minutes from next month, the operator said on Tuesday.",
);

fn write_article(work: &Path, article: (&str, &str, &str)) -> String {
    std::fs::write(work.join(article.0), article.1).expect("write article");
    article.0.to_string()
}

/// Render one article into `<work>/output` (MP3 only, to keep it quick), with extra flags.
fn render(work: &Path, article: (&str, &str, &str), extra: &[&str]) {
    let name = write_article(work, article);
    let mut args = vec!["render", "-q", "--jobs", "2", "--format", "mp3"];
    args.extend_from_slice(extra);
    args.push(&name);
    assert_ok(&run_in(work, &args));
}

fn feed_text(work: &Path) -> String {
    std::fs::read_to_string(work.join("output/feed.xml")).expect("feed.xml")
}

fn parse_feed(text: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(text.as_bytes()).expect("feed-rs parses the feed")
}

/// The episode folder an enclosure URL points at.
fn folder_of(work: &Path, url: &str) -> PathBuf {
    let relative = url.strip_prefix(SHOW_BASE_URL).unwrap_or_else(|| panic!("{url} is not under {SHOW_BASE_URL}"));
    let folder = relative.strip_suffix("/episode.mp3").unwrap_or_else(|| panic!("{url} is not an MP3"));
    let decoded = percent_decode(folder);
    work.join("output").join(decoded)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("percent escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8 path")
}

/// A child element of `node` by namespace and name.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, ns: Option<&str>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, ns: Option<&str>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .collect()
}

#[test]
fn a_show_of_three_episodes_has_every_element_podcast_apps_need() {
    let show = show_folder();
    let work = show.path();
    render(work, PIER, &[]);
    render(work, LANTERNS, &[]);
    let out = run_in(work, &["feed"]);
    assert_ok(&out);
    let two = feed_text(work);

    // The third episode is rendered and published in one step.
    render(work, FERRY, &["--publish"]);
    let three = feed_text(work);

    // Adding an episode adds one item (the newest, so the first) and changes nothing else.
    let first_item = three.find("<item>").expect("an item");
    let end_of_first = three[first_item..].find("</item>").expect("item end") + first_item + "</item>".len();
    let without_new = format!("{}{}", &three[..first_item], three[end_of_first..].trim_start_matches([' ', '\n']));
    assert_eq!(
        without_new.split_whitespace().collect::<Vec<_>>(),
        two.split_whitespace().collect::<Vec<_>>(),
        "the feed with three episodes is the feed with two plus one item"
    );

    // --- feed-rs: the channel.
    let feed = parse_feed(&three);
    assert_eq!(feed.title.as_ref().map(|t| t.content.as_str()), Some(SHOW_TITLE));
    assert_eq!(feed.description.as_ref().map(|t| t.content.as_str()), Some("Stories from the coast, read aloud."));
    // feed-rs lower-cases the language; the exact text is checked with roxmltree below.
    assert_eq!(feed.language.as_deref(), Some("en-gb"));
    assert!(feed.links.iter().any(|l| l.href == SHOW_BASE_URL), "{:?}", feed.links);
    let self_link = format!("{SHOW_BASE_URL}feed.xml");
    assert!(
        feed.links.iter().any(|l| l.href == self_link && l.rel.as_deref() == Some("self")),
        "atom:link rel=self: {:?}",
        feed.links
    );
    let cover_url = format!("{SHOW_BASE_URL}cover.png");
    assert_eq!(feed.logo.as_ref().map(|i| i.uri.as_str()), Some(cover_url.as_str()));
    assert_eq!(
        std::fs::read(work.join("output/cover.png")).expect("cover copied beside the feed"),
        std::fs::read(work.join("art.png")).expect("art")
    );
    let category = feed.categories.first().expect("a category");
    assert_eq!(category.term, "Society & Culture", "Apple's spelling");
    assert_eq!(category.subcategories.first().map(|c| c.term.as_str()), Some("Places & Travel"));
    assert!(feed.authors.iter().any(|p| p.name.as_deref() == Some("Ada Brook")));
    let owner = feed.contributors.iter().find(|p| p.email.is_some()).expect("itunes:owner");
    assert_eq!((owner.name.as_deref(), owner.email.as_deref()), (Some("Ada Brook"), Some("ada@example.org")));
    assert!(feed.rating.is_none(), "not explicit");
    assert_eq!(feed.rights.as_ref().map(|t| t.content.as_str()), Some("© 2026 Ada Brook"));

    // --- feed-rs: the items, newest first, each checked against its files.
    assert_eq!(feed.entries.len(), 3);
    let published: Vec<i64> = feed.entries.iter().map(|e| e.published.expect("pubDate").timestamp()).collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "newest first: {published:?}");
    let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_ref().map_or("", |t| t.content.as_str())).collect();
    assert_eq!(
        titles,
        ["A New Ferry Timetable for the Island", "Lanterns on the Ridge Path", "Tide Tables & the Old Pier"]
    );
    let firsts = [FERRY.2, LANTERNS.2, PIER.2];
    let mut guids = Vec::new();
    for (entry, first_paragraph) in feed.entries.iter().zip(firsts) {
        assert_eq!(entry.summary.as_ref().map(|t| t.content.as_str()), Some(first_paragraph));
        let media = entry.media.iter().find(|m| !m.content.is_empty()).expect("an enclosure");
        let content = &media.content[0];
        let url = content.url.as_ref().expect("enclosure url").to_string();
        let folder = folder_of(work, &url);
        let mp3 = folder.join("episode.mp3");
        assert_eq!(content.size, Some(std::fs::metadata(&mp3).expect("mp3").len()), "exact size of {url}");
        assert_eq!(content.content_type.as_ref().map(|t| t.to_string()).as_deref(), Some("audio/mpeg"));
        let manifest = read_json(&folder.join("episode.json"));
        assert_eq!(entry.id, manifest["guid"].as_str().expect("guid in the manifest"));
        // The pier article was written with three paragraphs (two under headings), the others two.
        let ends = manifest["segments"].as_array().expect("segments").iter().filter(|s| s["ends_paragraph"] == true);
        assert_eq!(ends.count(), if first_paragraph == PIER.2 { 3 } else { 2 }, "paragraph ends in {url}");
        guids.push(entry.id.clone());
        let first = manifest["first_rendered"].as_str().expect("first_rendered");
        let first =
            time::OffsetDateTime::parse(first, &time::format_description::well_known::Rfc3339).expect("rfc3339");
        assert_eq!(
            entry.published.expect("pubDate").timestamp(),
            first.unix_timestamp(),
            "pubDate is the first render"
        );
        let duration = entry.media.iter().find_map(|m| m.duration).expect("itunes:duration").as_secs_f64();
        let probed = ffprobe_duration(&mp3);
        assert_eq!(duration, manifest["duration_s"].as_f64().expect("duration").round());
        assert!((duration - probed).abs() <= 1.0, "duration {duration} against ffprobe {probed}");
        let transcripts: Vec<(String, String)> = entry
            .media
            .iter()
            .flat_map(|m| &m.transcripts)
            .map(|t| (t.url.to_string(), t.content_type.to_string()))
            .collect();
        let base = url.strip_suffix("episode.mp3").expect("base");
        for (file, mime) in [("episode.vtt", "text/vtt"), ("transcript.json", "application/json")] {
            assert!(transcripts.contains(&(format!("{base}{file}"), mime.to_string())), "{file}: {transcripts:?}");
            assert!(folder.join(file).is_file(), "{file} exists");
        }
    }
    guids.sort();
    guids.dedup();
    assert_eq!(guids.len(), 3, "guids differ");

    // --- roxmltree: what feed-rs does not model.
    let doc = roxmltree::Document::parse(&three).expect("well-formed XML");
    let rss = doc.root_element();
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, None, "channel");
    assert_eq!(child(channel, Some(ITUNES), "image").attribute("href"), Some(cover_url.as_str()));
    assert_eq!(child(channel, Some(ITUNES), "explicit").text(), Some("false"));
    assert_eq!(child(channel, None, "language").text(), Some("en-GB"));
    assert_eq!(child(channel, Some(ITUNES), "type").text(), Some("episodic"));
    assert_eq!(child(channel, Some(ITUNES), "author").text(), Some("Ada Brook"));
    let owner = child(channel, Some(ITUNES), "owner");
    assert_eq!(child(owner, Some(ITUNES), "email").text(), Some("ada@example.org"));
    assert_eq!(child(owner, Some(ITUNES), "name").text(), Some("Ada Brook"));
    let atom = child(channel, Some(ATOM), "link");
    assert_eq!(
        (atom.attribute("href"), atom.attribute("rel"), atom.attribute("type")),
        (Some(self_link.as_str()), Some("self"), Some("application/rss+xml"))
    );
    // podcast:guid, computed independently by Python's uuid module as the namespace specifies.
    let python = std::process::Command::new("python3")
        .args([
            "-c",
            "import uuid,sys; print(uuid.uuid5(uuid.UUID('ead4c236-bf58-58c6-a2c6-a6b28d128cb6'), sys.argv[1]))",
        ])
        .arg(self_link.trim_start_matches("https://"))
        .output()
        .expect("python3");
    let want = String::from_utf8_lossy(&python.stdout).trim().to_string();
    assert_eq!(child(channel, Some(PODCAST), "guid").text(), Some(want.as_str()));
    let category = child(channel, Some(ITUNES), "category");
    assert_eq!(category.attribute("text"), Some("Society & Culture"));
    assert_eq!(child(category, Some(ITUNES), "category").attribute("text"), Some("Places & Travel"));
    for item in children(channel, None, "item") {
        let guid = child(item, None, "guid");
        assert_eq!(guid.attribute("isPermaLink"), Some("false"));
        let duration = child(item, Some(ITUNES), "duration").text().expect("duration");
        assert!(duration.parse::<u64>().is_ok(), "whole seconds: {duration}");
        let enclosure = child(item, None, "enclosure").attribute("url").expect("url");
        let base = enclosure.strip_suffix("episode.mp3").expect("mp3");
        let chapters = child(item, Some(PODCAST), "chapters");
        assert_eq!(chapters.attribute("url"), Some(format!("{base}chapters.json").as_str()));
        assert_eq!(chapters.attribute("type"), Some("application/json+chapters"));
        assert!(folder_of(work, enclosure).join("chapters.json").is_file());
        let date = child(item, None, "pubDate").text().expect("pubDate");
        time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc2822).expect("RFC 2822 date");
    }
}

#[test]
fn a_re_rendered_episode_keeps_its_guid_and_date_and_gets_its_new_length() {
    let show = show_folder();
    let work = show.path();
    render(work, LANTERNS, &["--publish"]);
    let before = parse_feed(&feed_text(work));
    // Past the second, so a new date would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    render(work, LANTERNS, &["--publish", "--rate", "260"]);
    let after = parse_feed(&feed_text(work));
    assert_eq!(after.entries.len(), 1, "the same episode, not a second one");
    let (old, new) = (&before.entries[0], &after.entries[0]);
    assert_eq!(old.id, new.id, "guid kept");
    assert_eq!(old.published, new.published, "pubDate kept");
    let size = |e: &feed_rs::model::Entry| e.media.iter().find_map(|m| m.content.first()).and_then(|c| c.size);
    let seconds = |e: &feed_rs::model::Entry| e.media.iter().find_map(|m| m.duration).map(|d| d.as_secs());
    let mp3 = work.join("output/lanterns-on-the-ridge-path/episode.mp3");
    assert_eq!(size(new), Some(std::fs::metadata(&mp3).expect("mp3").len()));
    assert_ne!(size(old), size(new), "faster speech, a smaller file");
    assert!(seconds(new) < seconds(old), "{:?} then {:?}", seconds(old), seconds(new));
    assert_eq!(seconds(new), Some(ffprobe_duration(&mp3).round() as u64));
}

#[test]
fn odd_folder_names_are_percent_encoded_and_text_is_escaped() {
    let show = show_folder();
    let work = show.path();
    write_article(work, PIER);
    assert_ok(&run_in(work, &["render", "-q", "--jobs", "2", "--format", "wav,mp3", PIER.0]));
    let output = work.join("output");
    let folder = output.join("Tide & Pier café");
    std::fs::rename(output.join("tide-tables-the-old-pier"), &folder).expect("rename");
    // Beside it: a copy with only its WAV, and a folder with a manifest but no audio.
    for (name, files) in [("wav-only", &["episode.json", "episode.wav"][..]), ("silent", &["episode.json"][..])] {
        std::fs::create_dir(output.join(name)).expect("mkdir");
        for file in files {
            std::fs::copy(folder.join(file), output.join(name).join(file)).expect("copy");
        }
    }
    let out = run_in(work, &["feed"]);
    assert_ok(&out);
    let warnings = stderr(&out);
    assert!(warnings.contains("silent left out of the feed: no episode.mp3 or episode.wav"), "{warnings}");
    assert!(warnings.contains("wav-only has no episode.mp3"), "{warnings}");
    let wav_item = parse_feed(&feed_text(work))
        .entries
        .into_iter()
        .flat_map(|e| e.media)
        .flat_map(|m| m.content)
        .find(|c| c.url.as_ref().is_some_and(|u| u.path().starts_with("/pod/wav-only/")))
        .expect("the WAV-only episode is in the feed");
    assert_eq!(wav_item.content_type.map(|t| t.to_string()).as_deref(), Some("audio/wav"));
    assert_eq!(wav_item.size, Some(std::fs::metadata(output.join("wav-only/episode.wav")).expect("wav").len()));
    std::fs::remove_dir_all(output.join("wav-only")).expect("remove");

    assert_ok(&run_in(work, &["feed"]));
    let text = feed_text(work);
    assert!(text.contains("Tide Tables &amp; the Old Pier"), "escaped in the XML");
    let feed = parse_feed(&text);
    let url = feed.entries[0].media.iter().find_map(|m| m.content.first()).and_then(|c| c.url.clone()).expect("url");
    assert_eq!(url.as_str(), format!("{SHOW_BASE_URL}Tide%20&%20Pier%20caf%C3%A9/episode.mp3"));
    assert!(folder_of(work, url.as_str()).join("episode.mp3").is_file());
    assert_eq!(feed.title.map(|t| t.content).as_deref(), Some(SHOW_TITLE));
}

/// Run `feed` with the show's flags, one replaced or dropped, and return its one error line.
fn refusal(work: &Path, replace: &[(&str, Option<&str>)]) -> String {
    let mut flags = show_flags(Path::new("art.png"));
    for (flag, value) in replace {
        let at = flags.iter().position(|f| f == flag).unwrap_or_else(|| panic!("{flag}"));
        match value {
            Some(v) => flags[at + 1] = v.to_string(),
            None => {
                flags.drain(at..at + 2);
            }
        }
    }
    let mut args = vec!["feed"];
    args.extend(flags.iter().map(String::as_str));
    let out = run_in(work, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let line = assert_one_line_error(&out);
    assert!(!work.join("output/feed.xml").exists() && !work.join("output/cover.png").exists(), "nothing written");
    line
}

#[test]
fn feed_refuses_an_incomplete_or_invalid_show_listing_every_problem() {
    let work = tempfile::tempdir().expect("tempdir");
    let work = work.path();
    std::fs::create_dir(work.join("output")).expect("output");
    make_image(&work.join("art.png"), 1400, 1400);
    make_image(&work.join("wide.png"), 1500, 1400);
    make_image(&work.join("small.jpg"), 1000, 1000);
    make_image(&work.join("huge.png"), 3200, 3200);
    make_image(&work.join("art.gif"), 1400, 1400);
    make_image(&work.join("big.jpg"), 3000, 3000);

    // No show at all: every required field is named, in one line.
    let line = assert_one_line_error(&run_in(work, &["feed"]));
    for key in ["title", "description", "author", "email", "language", "category", "image", "base_url"] {
        assert!(line.contains(&format!("{key} is missing")), "{key}: {line}");
    }
    assert!(line.contains("8 problems"), "{line}");

    for flag in ["--show-title", "--show-description", "--show-author", "--show-email", "--language", "--category"] {
        let line = refusal(work, &[(flag, None)]);
        assert!(line.contains("1 problem ") && line.contains(flag), "{flag}: {line}");
    }
    let line = refusal(work, &[("--cover", None), ("--base-url", None)]);
    assert!(line.contains("image is missing") && line.contains("base_url is missing"), "{line}");

    let line = refusal(work, &[("--cover", Some("wide.png"))]);
    assert!(line.contains("1500x1400 pixels; it must be square"), "{line}");
    let line = refusal(work, &[("--cover", Some("small.jpg"))]);
    assert!(line.contains("1000x1000 pixels") && line.contains("1400x1400 to 3000x3000"), "{line}");
    let line = refusal(work, &[("--cover", Some("huge.png"))]);
    assert!(line.contains("3200x3200 pixels"), "{line}");
    let line = refusal(work, &[("--cover", Some("art.gif"))]);
    assert!(line.contains("neither a JPEG nor a PNG"), "{line}");
    let line = refusal(work, &[("--base-url", Some("example.org/pod/"))]);
    assert!(line.contains("base_url") && line.contains("absolute"), "{line}");
    let line = refusal(work, &[("--base-url", Some("ftp://example.org/pod/"))]);
    assert!(line.contains("http:// or https://"), "{line}");
    let line = refusal(work, &[("--category", Some("Podcasting"))]);
    assert!(line.contains("not an Apple Podcasts category"), "{line}");
    let line = refusal(work, &[("--show-email", Some("ada at example")), ("--cover", Some("wide.png"))]);
    assert!(line.contains("2 problems") && line.contains("e-mail") && line.contains("square"), "{line}");

    // A JPEG at the upper bound passes the show's checks: only the missing episodes are left.
    let line = assert_one_line_error(&run_in(
        work,
        &show_flags(Path::new("big.jpg")).iter().map(String::as_str).fold(vec!["feed"], |mut a, f| {
            a.push(f);
            a
        }),
    ));
    assert!(line.contains("no episodes found"), "{line}");

    // render --publish checks the show before it synthesizes anything.
    write_article(work, FERRY);
    let out = run_in(work, &["render", "--publish", "ferry.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("8 problems"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(work.join("output")).expect("output").count(), 0, "nothing rendered");
}

#[test]
fn init_writes_a_commented_file_that_render_and_feed_read() {
    let work = tempfile::tempdir().expect("tempdir");
    let work = work.path();
    assert_ok(&run_in(work, &["init"]));
    let text = std::fs::read_to_string(work.join("readcast.toml")).expect("readcast.toml");
    for section in ["[show]", "[voice]", "[audio]"] {
        assert!(text.contains(section), "{section}");
    }
    assert!(text.lines().filter(|l| l.starts_with('#')).count() >= 15, "commented:\n{text}");
    let line = assert_one_line_error(&run_in(work, &["init"]));
    assert!(line.contains("already exists") && line.contains("--force"), "{line}");
    assert_eq!(std::fs::read_to_string(work.join("readcast.toml")).expect("kept"), text);

    // The file is read by render: a rate set in [voice], and a flag over it.
    let edited = text.replace("rate = 175", "rate = 250");
    assert_ne!(edited, text);
    std::fs::write(work.join("readcast.toml"), &edited).expect("edit");
    write_article(work, FERRY);
    assert_ok(&run_in(work, &["render", "-q", "--jobs", "2", "--format", "mp3", "ferry.txt"]));
    let manifest = read_json(&work.join("output/a-new-ferry-timetable-for-the-island/episode.json"));
    assert_eq!(manifest["rate_wpm"], 250);
    assert_ok(&run_in(work, &["render", "-q", "--jobs", "2", "--format", "mp3", "--rate", "200", "ferry.txt"]));
    let manifest = read_json(&work.join("output/a-new-ferry-timetable-for-the-island/episode.json"));
    assert_eq!(manifest["rate_wpm"], 200);

    // --force with flags writes the show in; --config names another file.
    make_image(&work.join("art.png"), 1400, 1400);
    let mut args = vec!["init", "--force"];
    let flags = show_flags(Path::new("art.png"));
    args.extend(flags.iter().map(String::as_str));
    assert_ok(&run_in(work, &args));
    assert_ok(&run_in(work, &["feed", "--show-title", "Flag Title"]));
    let feed = parse_feed(&feed_text(work));
    assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("Flag Title"), "the flag wins over the file");
    assert_eq!(feed.language.as_deref(), Some("en-gb"), "the rest comes from the file (feed-rs lower-cases it)");
    assert_ok(&run_in(work, &["--config", "other.toml", "init"]));
    assert!(work.join("other.toml").is_file());
    let line = assert_one_line_error(&run_in(work, &["--config", "other.toml", "feed"]));
    assert!(line.contains("title is missing"), "other.toml has no show: {line}");
}

#[test]
fn render_publish_puts_out_what_rendered_when_another_input_fails() {
    let show = show_folder();
    let work = show.path();
    let name = write_article(work, LANTERNS);
    let out = run_in(work, &["render", "-q", "--jobs", "2", "--format", "mp3", "--publish", &name, "missing.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    let feed = parse_feed(&feed_text(work));
    let titles: Vec<String> = feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
    assert_eq!(titles, ["Lanterns on the Ridge Path"]);
    assert!(work.join("output/index.html").is_file());
}
