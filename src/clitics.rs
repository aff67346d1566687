//! The one table of Arabic proclitics, and the readings of a token it allows.
//!
//! A token such as "وبالتنف" can be read as و + ب + ال + تنف. Gazetteer names that carry the
//! article keep it inside their span ("القاعدة"), so the matcher needs to know where the article
//! starts; trigger nouns are listed without it, so the event rules need to know where it ends.
//! [`for_each_reading`] enumerates every admissible split of a (normalized) token, always
//! starting with the bare token, without allocating.

/// Conjunction proclitics, outermost layer.
pub const CONJUNCTIONS: [char; 2] = ['و', 'ف'];
/// Preposition proclitics (after an optional conjunction).
pub const PREPOSITIONS: [char; 3] = ['ب', 'ل', 'ك'];
/// The future marker, which only attaches to imperfect verbs.
pub const FUTURE: char = 'س';

/// How the definite article appears in a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// No article.
    None,
    /// The full article ال (after any proclitics): "والقاعدة".
    Full,
    /// The article contracted after the preposition ل: "للتنف" = ل + (ا)ل + تنف.
    Contracted,
}

/// One way of splitting a token into proclitics, article and stem. All offsets are byte offsets
/// relative to the start of the token (in the normalized text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Length in bytes of the proclitics before the article (و، ب، وب، فل ...). Zero for the
    /// bare reading.
    pub proclitics: usize,
    /// The article, if any, between the proclitics and the stem.
    pub article: Article,
    /// Where the stem starts (after proclitics and article).
    pub stem: usize,
    /// The reading used the future marker س (only admissible for verbs).
    pub future: bool,
}

impl Reading {
    /// Where a name that carries the article starts: the article for [`Article::Full`], else the
    /// stem. In "للتنف" the contracted article is part of the clitic, so the name starts at the
    /// stem and the name must be looked up in its article form.
    pub fn name_start(&self) -> usize {
        match self.article {
            Article::Full => self.proclitics,
            _ => self.stem,
        }
    }
}

/// Minimum number of characters left for a stem once clitics are stripped: keeps "كتاب" from
/// being read as ك + تاب and "بان" from being read as ب + ان.
const MIN_STEM_CHARS: usize = 3;
/// The preposition ك is rare before names and frequent as a word-initial letter: it needs a
/// longer stem unless the article follows.
const MIN_STEM_CHARS_KAF: usize = 4;

/// Calls `f` for every admissible reading of `token` (normalized text), starting with the bare
/// reading (no clitics, no article). Readings are distinct.
pub fn for_each_reading(token: &str, mut f: impl FnMut(Reading)) {
    // The first six characters are all a reading can look at: a fixed array, no allocation.
    let mut chars = [(0usize, '\0'); 6];
    let mut n_chars = 0;
    for (i, c) in token.char_indices().take(6) {
        chars[n_chars] = (i, c);
        n_chars += 1;
    }
    let chars = &chars[..n_chars];
    let total = token.chars().count();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map(|&(o, _)| o).unwrap_or(token.len());

    let emit_with_article = |pre_chars: usize, prep: Option<char>, f: &mut dyn FnMut(Reading)| {
        // `pre_chars` characters of proclitics have been consumed.
        let rest = total - pre_chars;
        let min = if prep == Some('ك') { MIN_STEM_CHARS_KAF } else { MIN_STEM_CHARS };
        if pre_chars > 0 && rest >= min {
            f(Reading { proclitics: off(pre_chars), article: Article::None, stem: off(pre_chars), future: false });
        }
        if at(pre_chars) == Some('ا') && at(pre_chars + 1) == Some('ل') && rest >= 2 + 2 {
            f(Reading {
                proclitics: off(pre_chars),
                article: Article::Full,
                stem: off(pre_chars + 2),
                future: false,
            });
        }
        if prep == Some('ل') && at(pre_chars) == Some('ل') && rest > 2 {
            f(Reading {
                proclitics: off(pre_chars),
                article: Article::Contracted,
                stem: off(pre_chars + 1),
                future: false,
            });
        }
    };

    f(Reading { proclitics: 0, article: Article::None, stem: 0, future: false });
    // Bare token with the article.
    emit_with_article(0, None, &mut f);
    for conj in [None, Some(0usize)] {
        let mut n = 0;
        if conj.is_some() {
            match at(0) {
                Some(c) if CONJUNCTIONS.contains(&c) => n = 1,
                _ => continue,
            }
            emit_with_article(n, None, &mut f);
        }
        if let Some(p) = at(n).filter(|c| PREPOSITIONS.contains(c)) {
            emit_with_article(n + 1, Some(p), &mut f);
        }
        // س attaches to imperfect verbs only, whose stem starts with a person prefix.
        if at(n) == Some(FUTURE) && total - n > MIN_STEM_CHARS && matches!(at(n + 1), Some('ي' | 'ت' | 'ن' | 'ا')) {
            f(Reading { proclitics: off(n + 1), article: Article::None, stem: off(n + 1), future: true });
        }
    }
}

/// Collects the readings of a token (convenience for tests and tools; the hot path uses
/// [`for_each_reading`]).
pub fn readings(token: &str) -> Vec<Reading> {
    let mut v = Vec::new();
    for_each_reading(token, |r| v.push(r));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a reading as "clitics+article|stem" for table-driven checks.
    fn show(token: &str, r: &Reading) -> String {
        let pre = &token[..r.proclitics];
        let art = &token[r.proclitics..r.stem];
        format!("{pre}+{art}|{}{}", &token[r.stem..], if r.future { " (fut)" } else { "" })
    }

    #[test]
    fn readings_table() {
        let cases: &[(&str, &[&str])] = &[
            ("وبوتين", &["+|وبوتين", "و+|بوتين", "وب+|وتين"]),
            ("بادلب", &["+|بادلب", "ب+|ادلب"]),
            ("للتنف", &["+|للتنف", "ل+|لتنف", "ل+ل|تنف"]),
            ("وللتنف", &["+|وللتنف", "و+|للتنف", "ول+|لتنف", "ول+ل|تنف"]),
            ("القاعده", &["+|القاعده", "+ال|قاعده"]),
            ("وبالقاعده", &["+|وبالقاعده", "و+|بالقاعده", "وب+|القاعده", "وب+ال|قاعده"]),
            ("كتاب", &["+|كتاب"]),
            ("بان", &["+|بان"]),
            ("وسيقتل", &["+|وسيقتل", "و+|سيقتل", "وس+|يقتل (fut)"]),
        ];
        for (token, want) in cases {
            let got: Vec<String> = readings(token).iter().map(|r| show(token, r)).collect();
            assert_eq!(&got, want, "readings of {token}");
        }
    }
}
