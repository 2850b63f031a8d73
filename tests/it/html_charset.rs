//! The encoding a page declares, driven through the real binary: a byte-order mark wins, then the
//! server's `Content-Type` charset, then the page's `<meta>`, and only then chardetng's guess.
//!
//! The fixtures are written here, encoded by encoding_rs: English articles with one short
//! foreign word, which is where a guess goes wrong (a lone Shift_JIS kanji reads as GBK, a short
//! Cyrillic word in windows-1251 as windows-1252 accents) and a declaration puts it right.

use std::path::{Path, PathBuf};

use crate::common::http_server::{response, serve};
use crate::common::{assert_ok, run, stderr};
use encoding_rs::{Encoding, SHIFT_JIS, WINDOWS_1251};
use serde_json::Value;

/// "Bridge", one kanji: alone among English words, chardetng takes its Shift_JIS bytes for GBK.
const KANJI: &str = "\u{6a4b}";
/// "Garden" in Cyrillic: three letters chardetng takes, in windows-1251, for "Ñàä".
const CYRILLIC: &str = "\u{421}\u{430}\u{434}";

fn page(head: &str, word: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{head}<title>The Old Footbridge Reopens</title></head><body><article>\
         <h1>The Old Footbridge Reopens</h1>\
         <p>The small wooden footbridge over the river opened again on Saturday. Its new sign reads {word} \
         in painted letters, the same word as on the sign it replaces.</p>\
         <p>Carpenters from the neighbourhood replaced the old planks by hand over the winter, working only \
         on dry days so that the wood would settle well.</p></article></body></html>"
    )
}

fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "the fixture must be representable in {}", encoding.name());
    bytes.into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The script's spoken text (all segments joined) and stderr.
fn script(input: &str) -> (String, String) {
    let out = run(&["script", input, "--json"]);
    assert_ok(&out);
    let json: Value = serde_json::from_slice(&out.stdout).expect("script JSON");
    let texts: Vec<&str> =
        json["segments"].as_array().expect("segments").iter().filter_map(|s| s["text"].as_str()).collect();
    (texts.join(" "), stderr(&out))
}

fn sign_reads(text: &str, word: &str) -> bool {
    text.contains(&format!("sign reads {word} in painted letters"))
}

#[test]
fn a_meta_declaration_beats_a_wrong_guess() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (r#"<meta charset="x-sjis">"#, KANJI, SHIFT_JIS, "Shift_JIS"),
        (
            r#"<META CONTENT='text/html; charset=cp1251' Http-Equiv="Content-Type">"#,
            CYRILLIC,
            WINDOWS_1251,
            "windows-1251",
        ),
    ];
    for (meta, word, encoding, name) in cases {
        // Without the declaration the guess is wrong: this is what the declaration is for.
        let bare = write(dir.path(), &format!("bare-{name}.html"), &encode(&page("", word), encoding));
        let (text, err) = script(bare.to_str().unwrap());
        assert!(!sign_reads(&text, word), "{name}: the guess got it right, so the fixture shows nothing: {err}");
        assert!(err.contains("(detected)"), "{err}");

        let declared = write(dir.path(), &format!("declared-{name}.html"), &encode(&page(meta, word), encoding));
        let (text, err) = script(declared.to_str().unwrap());
        assert!(sign_reads(&text, word), "{name}: {text}\n{err}");
        assert!(err.contains(&format!("reading it as {name} (declared by the page)")), "{err}");
    }
}

#[test]
fn a_byte_order_mark_beats_a_misdeclared_meta() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(page(r#"<meta charset="windows-1251">"#, CYRILLIC).as_bytes());
    let path = write(dir.path(), "bom.html", &bytes);
    let (text, err) = script(path.to_str().unwrap());
    assert!(sign_reads(&text, CYRILLIC), "{text}\n{err}");
    // Read as UTF-8, nothing to note; read as windows-1251, the letters would be "РЎР°Рґ".
    assert!(!err.contains("windows-1251"), "{err}");
}

#[test]
fn an_unknown_label_is_passed_over_and_the_page_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = write(dir.path(), "utf8.html", page(r#"<meta charset="klingon-8">"#, CYRILLIC).as_bytes());
    let (text, err) = script(utf8.to_str().unwrap());
    assert!(sign_reads(&text, CYRILLIC), "{text}\n{err}");
    assert!(err.contains(r#"declares charset "klingon-8", which is no encoding readcast knows; ignoring it"#), "{err}");

    // An unknown label followed by a known one: the known one counts.
    let head = r#"<meta charset="klingon-8"><meta charset="shift_jis">"#;
    let sjis = write(dir.path(), "sjis.html", &encode(&page(head, KANJI), SHIFT_JIS));
    let (text, err) = script(sjis.to_str().unwrap());
    assert!(sign_reads(&text, KANJI), "{text}\n{err}");
    assert!(err.contains("klingon-8") && err.contains("(declared by the page)"), "{err}");
}

#[test]
fn the_content_type_charset_beats_the_meta_and_serves_markdown_too() {
    let html = encode(&page(r#"<meta charset="windows-1251">"#, KANJI), SHIFT_JIS);
    let markdown =
        encode(&format!("# The Old Footbridge\n\nIts new sign reads {KANJI} in painted letters.\n"), SHIFT_JIS);
    let cyrillic = encode(&page(r#"<meta charset="windows-1251">"#, CYRILLIC), WINDOWS_1251);
    let base = serve(
        vec![
            ("/page", Some(response("text/html; Charset=\"Shift_JIS\"", &html))),
            ("/notes", Some(response("text/markdown; charset=sjis", &markdown))),
            ("/unknown", Some(response("text/html; charset=klingon-8", &cyrillic))),
        ],
        3,
    );
    let (text, err) = script(&format!("{base}/page"));
    assert!(sign_reads(&text, KANJI), "{text}\n{err}");
    assert!(err.contains("reading it as Shift_JIS (from the server's Content-Type)"), "{err}");

    let (text, err) = script(&format!("{base}/notes"));
    assert!(text.contains(&format!("sign reads {KANJI} in painted letters")), "{text}\n{err}");
    assert!(err.contains("(from the server's Content-Type)"), "{err}");

    // An unknown label in the header falls through to the page's own declaration.
    let (text, err) = script(&format!("{base}/unknown"));
    assert!(err.contains(r#"Content-Type names charset "klingon-8""#), "{err}");
    assert!(err.contains("reading it as windows-1251 (declared by the page)"), "{err}");
    assert!(sign_reads(&text, CYRILLIC), "{text}\n{err}");
}
