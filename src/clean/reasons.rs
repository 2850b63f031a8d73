//! A linear model's reasons in words, for `--explain`: the features that moved a score most in
//! one direction. The line model names why it dropped a line, the headline model why it chose
//! a headline; both are a weighted sum of standardized features, so one reading serves both.

/// A fitted linear model as its generated weight table holds it.
pub struct LinearModel<'a> {
    pub names: &'a [&'static str],
    pub weights: &'a [f32],
    pub means: &'a [f32],
    pub scales: &'a [f32],
    /// The features measured on a scale ("hand_score high"); the rest are yes or no
    /// ("signed_below", "not sentence_like").
    pub scaled: &'a [&'static str],
}

/// Which way the reasons pushed the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Up,
    Down,
}

impl LinearModel<'_> {
    /// Each feature's share of the score: its weight times its standardized value.
    fn contributions(&self, x: &[f32]) -> Vec<(usize, f32)> {
        (0..self.names.len()).map(|k| (k, self.weights[k] * (x[k] - self.means[k]) / self.scales[k])).collect()
    }

    /// The `n` features that pushed the score of `x` most `toward` one side, strongest first,
    /// in words: "words_5_20", "hand_score high", "not sentence_like".
    pub fn reasons(&self, x: &[f32], toward: Toward, n: usize) -> Vec<String> {
        let sign = if toward == Toward::Up { 1.0 } else { -1.0 };
        let mut parts = self.contributions(x);
        parts.sort_by(|a, b| (sign * b.1).total_cmp(&(sign * a.1)));
        parts
            .into_iter()
            .filter(|p| sign * p.1 > 0.0)
            .take(n)
            .map(|(k, _)| {
                let name = self.names[k];
                match (self.scaled.contains(&name), x[k] > self.means[k]) {
                    (true, true) => format!("{name} high"),
                    (true, false) => format!("{name} low"),
                    (false, true) => name.to_string(),
                    (false, false) => format!("not {name}"),
                }
            })
            .collect()
    }

    /// The `n` features that moved the score of `x` most either way, with their shares.
    pub fn strongest(&self, x: &[f32], n: usize) -> Vec<(&'static str, f32)> {
        let mut parts: Vec<(&'static str, f32)> =
            self.contributions(x).into_iter().map(|(k, c)| (self.names[k], c)).collect();
        parts.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        parts.truncate(n);
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: LinearModel<'static> = LinearModel {
        names: &["length", "sentence_like", "menu"],
        weights: &[1.0, 2.0, -3.0],
        means: &[0.0, 0.5, 0.5],
        scales: &[1.0, 0.5, 0.5],
        scaled: &["length"],
    };

    #[test]
    fn reasons_name_the_strongest_features_each_way_in_words() {
        // length +2, sentence_like -2 (absent), menu -3 (present).
        let x = [2.0, 0.0, 1.0];
        assert_eq!(MODEL.reasons(&x, Toward::Up, 3), vec!["length high"]);
        assert_eq!(MODEL.reasons(&x, Toward::Down, 3), vec!["menu", "not sentence_like"]);
        assert_eq!(MODEL.reasons(&x, Toward::Down, 1), vec!["menu"]);
        assert_eq!(MODEL.strongest(&x, 2), vec![("menu", -3.0), ("length", 2.0)]);
    }
}
