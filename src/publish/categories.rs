//! Apple Podcasts' categories and their subcategories, the list `itunes:category` must come from.
//!
//! Apple refuses a feed whose category is not on its list, and podcast apps that browse by
//! category file an unknown one nowhere, so `feed` checks the configured names against this
//! table (Apple's list as of 2019, unchanged since) and suggests a close one.

/// Each category with its subcategories, in Apple's order.
pub const APPLE_CATEGORIES: &[(&str, &[&str])] = &[
    ("Arts", &["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"]),
    ("Business", &["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"]),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    ("Education", &["Courses", "How To", "Language Learning", "Self-Improvement"]),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    ("Health & Fitness", &["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"]),
    ("Kids & Family", &["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"]),
    (
        "Leisure",
        &["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"],
    ),
    ("Music", &["Music Commentary", "Music History", "Music Interviews"]),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    ("Society & Culture", &["Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"]),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    ("TV & Film", &["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"]),
];

/// Why a configured name is not one of Apple's categories or subcategories.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CategoryError {
    #[error("category {name:?} is a subcategory: use category {parent:?} with subcategory {sub:?}")]
    IsSubcategory { name: String, parent: &'static str, sub: &'static str },
    #[error("category {name:?} is not an Apple Podcasts category (one of: {})", category_names())]
    NotACategory { name: String },
    #[error("category {category:?} has no subcategories, but subcategory {name:?} is set")]
    NoSubcategories { category: String, name: String },
    #[error("subcategory {name:?} is not in {category:?} (one of: {})", .subcategories.join(", "))]
    NotASubcategory { category: String, name: String, subcategories: &'static [&'static str] },
}

fn category_names() -> String {
    APPLE_CATEGORIES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
}

/// Apple's spelling of `name` (matched without regard to case), or why it is not a category.
pub fn apple_category(name: &str) -> Result<&'static str, CategoryError> {
    let name = name.trim();
    if let Some((found, _)) = APPLE_CATEGORIES.iter().find(|(c, _)| c.eq_ignore_ascii_case(name)) {
        return Ok(found);
    }
    // A subcategory given as the category: name its parent.
    if let Some((parent, sub)) =
        APPLE_CATEGORIES.iter().find_map(|(c, subs)| subs.iter().find(|s| s.eq_ignore_ascii_case(name)).map(|s| (c, s)))
    {
        return Err(CategoryError::IsSubcategory { name: name.to_string(), parent, sub });
    }
    Err(CategoryError::NotACategory { name: name.to_string() })
}

/// Apple's spelling of subcategory `name` of `category`, or why it is not one.
pub fn apple_subcategory(category: &str, name: &str) -> Result<&'static str, CategoryError> {
    let name = name.trim();
    let subcategories = APPLE_CATEGORIES.iter().find(|(c, _)| *c == category).map(|(_, s)| *s).unwrap_or(&[]);
    if let Some(found) = subcategories.iter().find(|s| s.eq_ignore_ascii_case(name)) {
        return Ok(found);
    }
    let (category, name) = (category.to_string(), name.to_string());
    if subcategories.is_empty() {
        return Err(CategoryError::NoSubcategories { category, name });
    }
    Err(CategoryError::NotASubcategory { category, name, subcategories })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_case_and_come_back_in_apples_spelling() {
        assert_eq!(apple_category("news"), Ok("News"));
        assert_eq!(apple_category(" society & culture "), Ok("Society & Culture"));
        assert_eq!(apple_subcategory("News", "tech news"), Ok("Tech News"));
    }

    #[test]
    fn unknown_names_are_explained() {
        let err = apple_category("Podcasting").unwrap_err().to_string();
        assert!(err.contains("not an Apple Podcasts category") && err.contains("True Crime"), "{err}");
        let err = apple_category("Tech News").unwrap_err().to_string();
        assert!(err.contains("use category \"News\" with subcategory \"Tech News\""), "{err}");
        let err = apple_subcategory("News", "Gadgets").unwrap_err().to_string();
        assert!(err.contains("Daily News"), "{err}");
        assert!(apple_subcategory("History", "Ancient").unwrap_err().to_string().contains("no subcategories"));
    }

    #[test]
    fn no_name_is_listed_twice() {
        let mut names: Vec<&str> = APPLE_CATEGORIES.iter().map(|(c, _)| *c).collect();
        let before = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
