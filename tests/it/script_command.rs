//! `readcast script`: the cleaned script as text and JSON, without synthesis.

use crate::common::*;

#[test]
fn json_lists_segments_with_ids_kinds_and_pauses() {
    let result = run(&["script", "--json", data("short-article.txt").to_str().unwrap()]);
    assert_ok(&result);
    let json: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    assert_eq!(json["title"], "Night Ferry Returns to the Island Route");
    let segs = json["segments"].as_array().unwrap();
    let summary: Vec<(String, u64)> =
        segs.iter().map(|s| (s["kind"].as_str().unwrap().to_string(), s["pause_after_ms"].as_u64().unwrap())).collect();
    let expected = [("title", 1200), ("sentence", 250), ("sentence", 700), ("sentence", 250), ("sentence", 0)];
    assert_eq!(summary, expected.map(|(k, p)| (k.to_string(), p)));
    assert_eq!(segs[2]["text"], "Mr. Hale, the captain, said the engines had been fully rebuilt.");
    for s in segs {
        assert_eq!(s["id"].as_str().unwrap().len(), 16);
    }
}

#[test]
fn ids_are_stable_across_runs_and_change_with_the_voice() {
    let input = data("second-article.txt");
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["script", "--json", input.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert_ok(&out);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        json["segments"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&[]), ids(&[]));
    assert_ne!(ids(&[]), ids(&["--rate", "200"]));
    assert_ne!(ids(&[]), ids(&["--voice", "en-gb"]));
}

#[test]
fn long_sentences_are_split_at_max_chars() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    let sentence = "The committee, which had met every week since the spring, reviewed the proposal in detail, heard from residents on both sides of the river, consulted the engineers about the foundations, and finally agreed to recommend the plan to the full council.";
    std::fs::write(&input, format!("Bridge Plan Goes Forward\n\n{sentence}\n")).unwrap();
    let out = run(&["script", "--json", "--max-chars", "80", input.to_str().unwrap()]);
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let pieces: Vec<&str> =
        json["segments"].as_array().unwrap()[1..].iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert!(pieces.len() >= 3, "{pieces:?}");
    assert!(pieces.iter().all(|p| p.chars().count() <= 80), "{pieces:?}");
    assert_eq!(pieces.join(" "), sentence);
}
