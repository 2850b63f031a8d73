//! Several voices in one episode (issue 13), end to end with the real binary: quotations in the
//! quote voice, another language in its own voice, the hosts of a dialogue script each in theirs,
//! recorded in the manifest and transcripts. espeak-ng always; Kokoro where installed.

use std::path::Path;

use crate::common::{self, assert_ok, read_json, readcast, stderr, stdout};

/// An article written for these tests: a quotation after, before and around its attribution, a
/// scare quote, and a German paragraph.
const ARTICLE: &str = "Ferry service to stay through winter

The island council voted on Tuesday to keep the ferry running.

\"We will keep the ferry running all winter,\" said Mayor Ruth Ellis.

Harbour master Tom Reid was blunt: \"The boat is old, but it is safe and it is ours.\"

\"It is,\" Ellis added, \"the only way most of us can reach the hospital.\"

Critics called the vote a so-called \"rescue\" of a service nobody had planned to cut.

Die Fähre fährt auch im Winter, und der Rat ist sich einig, dass sie nicht eingestellt wird.
";

fn article_in(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("ferry.txt");
    std::fs::write(&path, ARTICLE).expect("write article");
    path
}

/// (text, role, voice) of each sentence of `script --json`.
fn script_roles(args: &[&str]) -> Vec<(String, String, String)> {
    let out = readcast().args(["script", "--json"]).args(args).output().expect("run");
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    json["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["kind"] == "sentence")
        .map(|s| {
            let field = |k: &str| s[k].as_str().unwrap_or_default().to_string();
            (field("text"), field("role"), field("voice"))
        })
        .collect()
}

fn role_of<'a>(roles: &'a [(String, String, String)], starts: &str) -> &'a (String, String, String) {
    roles
        .iter()
        .find(|(text, _, _)| text.starts_with(starts))
        .unwrap_or_else(|| panic!("no sentence {starts:?}: {roles:?}"))
}

/// Each sentence role's voice in a `script --json` output or a manifest (the last one seen).
fn voice_by_role(listing: &serde_json::Value) -> std::collections::BTreeMap<String, String> {
    listing["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["kind"] == "sentence")
        .map(|s| {
            (s["role"].as_str().unwrap_or_default().to_string(), s["voice"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

#[test]
fn quotations_go_to_a_contrasting_voice_and_attributions_stay_with_the_narrator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = article_in(dir.path());
    let roles = script_roles(&[article.to_str().expect("path")]);
    let quote = ("quote".to_string(), "en-us+f3".to_string());
    let narrator = ("narrator".to_string(), "en-us".to_string());
    let pair = |starts: &str| {
        let (_, role, voice) = role_of(&roles, starts);
        (role.clone(), voice.clone())
    };
    assert_eq!(pair("\"We will keep"), quote, "a quotation before its attribution");
    assert_eq!(pair("said Mayor Ruth Ellis"), narrator);
    assert_eq!(pair("Harbour master Tom Reid was blunt"), narrator);
    assert_eq!(pair("\"The boat is old"), quote, "a quotation after a colon");
    assert_eq!(pair("\"It is,\""), quote, "the first half of a quotation around its attribution");
    assert_eq!(pair("Ellis added"), narrator);
    assert_eq!(pair("\"the only way"), quote, "the second half");
    assert_eq!(pair("Critics called the vote"), narrator, "a scare quote stays in the sentence");
    assert_eq!(pair("Die Fähre"), ("language:de".to_string(), "de".to_string()), "German in espeak-ng's German");
}

#[test]
fn no_quote_voice_keeps_quotations_in_their_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = article_in(dir.path());
    let roles = script_roles(&["--quote-voice", "none", article.to_str().expect("path")]);
    assert!(roles.iter().all(|(_, role, _)| role != "quote"), "{roles:?}");
    let (text, role, _) = role_of(&roles, "\"We will keep");
    assert!(text.ends_with("said Mayor Ruth Ellis."), "one sentence, not cut at the quotation: {text}");
    assert_eq!(role, "narrator");
}

#[test]
fn an_episode_records_each_voice_and_a_new_quote_voice_respeaks_only_quotations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = article_in(dir.path());
    let cache = dir.path().join("cache");
    let render = |quote_voice: &str| {
        let out = readcast()
            .args(["render", "--format", "wav", "--quote-voice", quote_voice, "--cache-dir"])
            .arg(&cache)
            .arg("-o")
            .arg(dir.path().join("out"))
            .arg(&article)
            .output()
            .expect("run");
        assert_ok(&out);
        read_json(&dir.path().join("out/ferry-service-to-stay-through-winter/episode.json"))
    };
    let first = render("en-us+f2");
    let segments = first["segments"].as_array().expect("segments");
    let quotes = segments.iter().filter(|s| s["role"] == "quote").count();
    assert_eq!(quotes, 4, "{segments:?}");
    assert!(segments.iter().filter(|s| s["role"] == "quote").all(|s| s["voice"] == "en-us+f2"));
    assert!(segments.iter().any(|s| s["role"] == "narrator" && s["voice"] == "en-us"));

    let second = render("en-us+f4");
    assert_eq!(second["synthesized"].as_u64(), Some(quotes as u64), "only the quotations are spoken again");
    assert_eq!(second["cached"].as_u64(), Some((segments.len() - quotes) as u64));

    let episode = dir.path().join("out/ferry-service-to-stay-through-winter");
    let vtt = std::fs::read_to_string(episode.join("episode.vtt")).expect("vtt");
    assert!(vtt.contains("<v espeak-ng en-us+f4 (quotation)>"), "{vtt}");
    assert!(vtt.contains("<v espeak-ng en-us>"), "{vtt}");
    let transcript = read_json(&episode.join("transcript.json"));
    let speakers: std::collections::BTreeSet<&str> =
        transcript["segments"].as_array().expect("segments").iter().filter_map(|s| s["speaker"].as_str()).collect();
    assert!(speakers.contains("espeak-ng de (de)"), "{speakers:?}");
}

const TWO_HOSTS: &str = "The week in ferries

ALEX: Welcome back to the harbour show. This week the council kept the winter ferry.

SAM: And about time too. Half the island depends on it.

ALEX: The boat is forty years old, though.

SAM: Old boats can still float. Ask my grandfather.
";

#[test]
fn a_dialogue_gives_each_host_a_voice_and_leaves_the_labels_unspoken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("show.txt");
    std::fs::write(&script, TWO_HOSTS).expect("write");
    let out = readcast().args(["script", "--json"]).arg(&script).output().expect("run");
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let sentences: Vec<&serde_json::Value> =
        json["segments"].as_array().expect("segments").iter().filter(|s| s["kind"] == "sentence").collect();
    let voice_of = |role: &str| {
        let voices: std::collections::BTreeSet<&str> =
            sentences.iter().filter(|s| s["role"] == role).filter_map(|s| s["voice"].as_str()).collect();
        assert_eq!(voices.len(), 1, "{role}: {voices:?}");
        voices.into_iter().next().unwrap_or_default().to_string()
    };
    assert_ne!(voice_of("speaker:ALEX"), voice_of("speaker:SAM"));
    assert!(sentences.iter().all(|s| !s["spoken"].as_str().unwrap_or_default().contains("ALEX")));
    assert!(stderr(&out).contains("SAM speaks in voice"), "{}", stderr(&out));
    // A turn to the other host is a short pause; the last sentence has none.
    let turn = sentences.iter().find(|s| s["text"] == "This week the council kept the winter ferry.").expect("turn");
    assert_eq!(turn["pause_after_ms"], 350);

    // Named voices, in any capitals, win; three hosts get three voices.
    let three = format!("{TWO_HOSTS}\nJO: I took that ferry to school every day.\n");
    std::fs::write(&script, three).expect("write");
    let out = readcast()
        .args(["script", "--json", "--speaker", "Sam=en-gb", "--speaker", "jo=en-gb-scotland"])
        .arg(&script)
        .output()
        .expect("run");
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let voice_by_role = voice_by_role(&json);
    assert_eq!(voice_by_role.get("speaker:SAM").map(String::as_str), Some("en-gb"));
    assert_eq!(voice_by_role.get("speaker:JO").map(String::as_str), Some("en-gb-scotland"));
    assert_eq!(voice_by_role.get("speaker:ALEX").map(String::as_str), Some("en-us"));
}

#[test]
fn a_voice_that_does_not_exist_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("show.txt");
    std::fs::write(&script, TWO_HOSTS).expect("write");
    for flag in [
        ["--speaker", "Alex=no-such-voice"],
        ["--quote-voice", "no-such-voice"],
        ["--language-voice", "de=no-such-voice"],
    ] {
        let out = readcast()
            .args(["render", "-o"])
            .arg(dir.path().join("out"))
            .args(flag)
            .arg(&script)
            .output()
            .expect("run");
        let line = common::assert_one_line_error(&out);
        assert_eq!(out.status.code(), Some(2), "{line}");
        assert!(line.contains("no-such-voice") && line.contains("(e.g. af, am"), "names it and lists voices: {line}");
        assert!(!dir.path().join("out/the-week-in-ferries").exists(), "nothing rendered");
    }
}

#[test]
fn kokoro_quotations_and_a_french_sentence_have_their_own_voices() {
    if !common::natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Harbour news\n\n\"We will keep the ferry running all winter,\" said Mayor Ruth Ellis.\n\nLe bateau est vieux, mais il est sûr et nous le garderons pour les enfants de l'île.\n",
    )
    .expect("write");
    let out = common::readcast_with_voices()
        .args(["render", "--backend", "kokoro", "--format", "wav", "--no-cache", "--title", "Harbour news", "-o"])
        .arg(dir.path().join("out"))
        .arg(&article)
        .output()
        .expect("run");
    assert_ok(&out);
    assert!(stderr(&out).contains("quotations in voice am_michael"), "{}", stderr(&out));
    let manifest = read_json(&dir.path().join("out/harbour-news/episode.json"));
    let voices = voice_by_role(&manifest);
    assert_eq!(voices.get("quote").map(String::as_str), Some("am_michael"), "{voices:?}");
    assert_eq!(voices.get("narrator").map(String::as_str), Some("af_heart"));
    assert_eq!(voices.get("language:fr").map(String::as_str), Some("ff_siwis"));
}

/// The integrated loudness (LUFS) of each role's speech in a rendered episode, measured in its
/// WAV by the ranges the manifest gives.
fn loudness_by_role(episode: &Path) -> std::collections::BTreeMap<String, f64> {
    let wav = common::read_wav(&episode.join("episode.wav"));
    let manifest = read_json(&episode.join("episode.json"));
    let mut meters: std::collections::BTreeMap<String, ebur128::EbuR128> = std::collections::BTreeMap::new();
    for segment in manifest["segments"].as_array().expect("segments") {
        let role = segment["role"].as_str().unwrap_or_default().to_string();
        let at = |key: &str| {
            (segment[key].as_f64().expect("time") * f64::from(wav.rate)) as usize * usize::from(wav.channels)
        };
        let samples: Vec<f32> = wav.samples[at("start_s").min(wav.samples.len())..at("end_s").min(wav.samples.len())]
            .iter()
            .map(|&s| f32::from(s) / 32768.0)
            .collect();
        let meter = meters.entry(role).or_insert_with(|| {
            ebur128::EbuR128::new(u32::from(wav.channels), wav.rate, ebur128::Mode::I).expect("meter")
        });
        meter.add_frames_f32(&samples).expect("add");
    }
    meters.into_iter().map(|(role, meter)| (role, meter.loudness_global().expect("loudness"))).collect()
}

#[test]
fn a_quieter_quote_voice_is_levelled_to_the_narrator_within_1_lu() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).expect("write");
    // espeak-ng's klatt variant speaks about 2 dB under its plain voice.
    let out = readcast()
        .args(["render", "--format", "wav", "--no-cache", "--quote-voice", "en-us+klatt", "-o"])
        .arg(dir.path().join("out"))
        .arg(&article)
        .output()
        .expect("run");
    assert_ok(&out);
    let episode = dir.path().join("out/ferry-service-to-stay-through-winter");
    let manifest = read_json(&episode.join("episode.json"));
    // As spoken, the two voices are more than 1 LU apart: without levelling this test fails.
    let levels = manifest["voice_levels"].as_array().expect("voice levels");
    let spoken = |voice: &str| {
        levels.iter().find(|l| l["voice"] == voice).and_then(|l| l["measured_lufs"].as_f64()).expect("measured")
    };
    assert!(spoken("en-us") - spoken("en-us+klatt") > 1.0, "{levels:?}");
    let loudness = loudness_by_role(&episode);
    let (narrator, quote) = (loudness["narrator"], loudness["quote"]);
    assert!((narrator - quote).abs() <= 1.0, "narrator {narrator:.2} LUFS, quote {quote:.2} LUFS");
}

#[test]
fn kokoro_voices_are_levelled_within_1_lu() {
    if !common::natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, ARTICLE).expect("write");
    let out = common::readcast_with_voices()
        .args(["render", "--backend", "kokoro", "--format", "wav", "--no-cache", "-o"])
        .arg(dir.path().join("out"))
        .arg(&article)
        .output()
        .expect("run");
    assert_ok(&out);
    let loudness = loudness_by_role(&dir.path().join("out/ferry-service-to-stay-through-winter"));
    let (narrator, quote) = (loudness["narrator"], loudness["quote"]);
    assert!((narrator - quote).abs() <= 1.0, "narrator {narrator:.2} LUFS, quote {quote:.2} LUFS");
}

#[test]
fn a_script_whose_labels_name_no_known_host_is_plain_text_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("show.txt");
    std::fs::write(&script, TWO_HOSTS).expect("write");
    let out = readcast().args(["script", "--json", "--speaker", "Morgan=en-gb"]).arg(&script).output().expect("run");
    assert_ok(&out);
    assert!(stderr(&out).contains("read as plain text"), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let sentences: Vec<&serde_json::Value> =
        json["segments"].as_array().expect("segments").iter().filter(|s| s["kind"] == "sentence").collect();
    assert!(sentences.iter().all(|s| !s["role"].as_str().unwrap_or_default().starts_with("speaker:")));
    assert!(
        sentences.iter().any(|s| s["text"].as_str().unwrap_or_default().starts_with("ALEX:")),
        "labels read as text"
    );
}

/// Piper's registry install has one voice: quotations stay with the narrator, and stderr says why
/// only when the article has some.
#[test]
fn a_piper_narrator_with_no_second_voice_says_quotations_stay_with_it() {
    if !common::natural_voices_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let script = |text: &str| {
        let path = dir.path().join("a.txt");
        std::fs::write(&path, text).expect("write");
        let out = common::readcast_with_voices()
            .args(["script", "--json", "--backend", "piper"])
            .arg(&path)
            .output()
            .expect("run");
        assert_ok(&out);
        out
    };
    let quoted = script(ARTICLE);
    assert!(stderr(&quoted).contains("no second piper voice for quotations"), "{}", stderr(&quoted));
    let json: serde_json::Value = serde_json::from_str(&stdout(&quoted)).expect("json");
    let voices = voice_by_role(&json);
    assert!(!voices.contains_key("quote"), "no quote role without a quote voice: {voices:?}");
    let plain =
        script("Harbour news\n\nThe island council voted on Tuesday to keep the ferry running all winter long.\n");
    assert!(!stderr(&plain).contains("quotations"), "{}", stderr(&plain));
}

/// A German narrator: its sentences stay German, an English paragraph goes to English and a
/// French sentence inside a German paragraph to French; the German sentence before it stays.
#[test]
fn a_german_narrator_hands_english_and_french_to_their_voices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("de.txt");
    std::fs::write(
        &article,
        "Die Fähre bleibt im Winter\n\n\
         Der Inselrat hat am Dienstag beschlossen, die Fähre auch im Winter fahren zu lassen.\n\n\
         The council said in 2024 that the ferry will keep running through the winter, and that the old boat is safe.\n\n\
         Viele Familien auf der Insel sind auf die Fähre angewiesen, weil es keine Brücke gibt. \
         Le bateau est vieux, mais il est sûr et nous le garderons pour les enfants de l'île.\n",
    )
    .expect("write");
    let roles = script_roles(&["--voice", "de", article.to_str().expect("path")]);
    let pair = |starts: &str| {
        let (_, role, voice) = role_of(&roles, starts);
        (role.clone(), voice.clone())
    };
    let german = ("narrator".to_string(), "de".to_string());
    assert_eq!(pair("Der Inselrat"), german);
    assert_eq!(pair("The council said"), ("language:en".to_string(), "en-us".to_string()));
    assert_eq!(pair("Viele Familien"), german, "a mixed paragraph is judged sentence by sentence");
    assert_eq!(pair("Le bateau"), ("language:fr".to_string(), "fr-fr".to_string()));
    // The English voice's sentences get the English spoken form, though the narrator is German.
    let out = readcast().args(["script", "--json", "--voice", "de"]).arg(&article).output().expect("run");
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let english = json["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .find(|s| s["text"].as_str().is_some_and(|t| t.starts_with("The council said")))
        .expect("the English paragraph");
    assert!(english["spoken"].as_str().is_some_and(|s| s.contains("twenty twenty-four")), "{english}");
    // The same mixed paragraph under an English narrator: only the French sentence switches.
    let english = dir.path().join("en.txt");
    std::fs::write(
        &english,
        "Ferry news\n\nMany families on the island depend on the ferry because there is no bridge. \
         Le bateau est vieux, mais il est sûr et nous le garderons pour les enfants de l'île.\n",
    )
    .expect("write");
    let roles = script_roles(&[english.to_str().expect("path")]);
    assert_eq!(role_of(&roles, "Many families").1, "narrator");
    assert_eq!(role_of(&roles, "Le bateau").1, "language:fr");
}
