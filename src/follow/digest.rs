//! The digest: the new articles of one sync as one episode, one chapter per article, with a
//! short spoken introduction ("Three articles today: ...") and a spoken line between articles.
//!
//! It is built as one [`Article`] from the cleaned articles, so the script, the chapters (one
//! per heading) and the rest of the render are the ones every episode has. An article's own
//! headings are read as paragraphs, so each article stays one chapter.

use crate::clean::{Article, ArticleBlock};

/// The digest of `articles` for the show `show` on `date` (e.g. "2026-03-05").
pub fn digest_article(articles: &[Article], show: &str, date: &str) -> Article {
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    let block = |text: String, heading: bool| ArticleBlock { text, heading, quote: false, first_line: 0 };
    let mut blocks = vec![block(introduction(&titles), false)];
    for (index, article) in articles.iter().enumerate() {
        blocks.push(block(article.title.clone(), true));
        // An article's quotations stay quotations; its headings become paragraphs.
        blocks.extend(article.blocks.iter().map(|b| ArticleBlock { heading: false, first_line: 0, ..b.clone() }));
        let between = match titles.get(index + 1) {
            Some(next) => format!("That was {}. Next: {next}.", article.title),
            None => format!("That was {}, the last article of this digest.", article.title),
        };
        blocks.push(block(between, false));
    }
    Article {
        title: format!("{show}: digest of {date}"),
        metadata: crate::ingest::Metadata {
            title: None,
            author: None,
            date: Some(date.to_string()),
            site: Some(show.to_string()),
        },
        blocks,
        dropped: Vec::new(),
    }
}

/// "Three articles today: A; B; and C." (or "One article today: A.").
fn introduction(titles: &[&str]) -> String {
    let count = match titles.len() {
        1 => "One article".to_string(),
        n => format!("{} articles", number_word(n)),
    };
    let list = match titles {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{}; and {last}", rest.join("; ")),
    };
    format!("{count} today: {list}.")
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] =
        ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            title: title.into(),
            metadata: Default::default(),
            blocks: paragraphs
                .iter()
                .map(|p| ArticleBlock { text: p.to_string(), heading: p.starts_with('#'), quote: false, first_line: 1 })
                .collect(),
            dropped: Vec::new(),
        }
    }

    #[test]
    fn one_chapter_per_article_with_an_introduction_and_lines_between() {
        let digest = digest_article(
            &[
                article("Frost", &["Cold.", "# Inner heading"]),
                article("Tides", &["High."]),
                article("Bells", &["Rang."]),
            ],
            "Valley Notes",
            "2026-03-05",
        );
        assert_eq!(digest.title, "Valley Notes: digest of 2026-03-05");
        let headings: Vec<&str> = digest.blocks.iter().filter(|b| b.heading).map(|b| b.text.as_str()).collect();
        assert_eq!(headings, ["Frost", "Tides", "Bells"]);
        assert_eq!(digest.blocks[0].text, "Three articles today: Frost; Tides; and Bells.");
        let texts: Vec<&str> = digest.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"That was Frost. Next: Tides."));
        assert!(texts.contains(&"That was Bells, the last article of this digest."));
        assert_eq!(introduction(&["Only"]), "One article today: Only.");
    }
}
