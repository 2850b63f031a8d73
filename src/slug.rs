//! Slugs: the folder name of an episode, made from its title.

/// The longest slug, in characters.
pub const MAX_SLUG_CHARS: usize = 60;

/// Lowercase ASCII letters, digits and hyphens, at most 60 characters, cut at a word boundary.
/// Accented letters are transliterated ("Café" gives "cafe").
pub fn slugify(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_lowercase();
    let words: Vec<String> =
        ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    let mut slug = String::new();
    for word in words {
        let needed = if slug.is_empty() { word.len() } else { word.len() + 1 };
        if slug.len() + needed > MAX_SLUG_CHARS {
            if slug.is_empty() {
                slug = word[..MAX_SLUG_CHARS].to_string();
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() { "episode".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_to_slug() {
        assert_eq!(
            slugify("Biden Asked Xi Not to Hurt Him in 2024 Election"),
            "biden-asked-xi-not-to-hurt-him-in-2024-election"
        );
        assert_eq!(slugify("  Café — déjà vu!  "), "cafe-deja-vu");
        assert_eq!(slugify("!!!"), "episode");
    }

    #[test]
    fn long_titles_cut_at_a_word_boundary() {
        let slug = slugify("The quick brown fox jumps over the lazy dog while the council debates the harbour budget");
        assert!(slug.len() <= MAX_SLUG_CHARS);
        assert_eq!(slug, "the-quick-brown-fox-jumps-over-the-lazy-dog-while-the");
        assert_eq!(slugify(&"a".repeat(80)).len(), 60);
    }
}
