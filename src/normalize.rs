//! Arabic-aware normalization that keeps an alignment map to the original text.
//!
//! Matching works on a *normalized* string where spelling variation that news text shows
//! freely (hamza seats, alef maqsura, ta marbuta, harakat, tatweel, Persian letters, digit sets,
//! presentation forms, invisible controls) is folded away. Every normalized byte remembers the
//! original byte range it came from, so any span found on the normalized text maps back to the
//! original: offsets reported to users never move.
//!
//! The folding is done one original character at a time. That is equivalent to "NFC first" for
//! the cases that matter here: a decomposed hamza (ا + U+0654) folds to ا either way because the
//! hamza marks U+0653–U+0655 are dropped like harakat, and Latin letters are decomposed and
//! stripped of their accents anyway. Working per character keeps the map trivially exact.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, decompose_compatible};

/// A text together with its normalized form and the alignment between them.
///
/// `normalized` is what gazetteers and rules match against; [`NormalizedText::to_original`] maps
/// any byte span of `normalized` back to a byte span of `original`.
#[derive(Debug, Clone)]
pub struct NormalizedText<'a> {
    original: &'a str,
    normalized: String,
    /// For each normalized byte (plus one past the end): the original byte offset where the
    /// character that produced it starts.
    starts: Vec<u32>,
    /// For each normalized byte: the original byte offset where the character that produced it
    /// ends, extended over following deleted marks (harakat, tatweel) so that "بوتينُ" maps whole.
    ends: Vec<u32>,
}

/// What to do with one original character.
enum Fold {
    /// Drop it; `attach` = it belongs to the previous letter (a mark or tatweel), so spans that end
    /// on that letter include it.
    Drop { attach: bool },
    /// Replace by one character.
    One(char),
    /// Replace by several characters (ligatures, compatibility decompositions).
    Many(Vec<char>),
}

impl<'a> NormalizedText<'a> {
    /// Normalizes `original`. Never fails, never deletes characters it does not know.
    pub fn new(original: &'a str) -> Self {
        let mut normalized = String::with_capacity(original.len());
        let mut starts: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let mut ends: Vec<u32> = Vec::with_capacity(original.len());
        for (pos, ch) in original.char_indices() {
            let s = pos as u32;
            let e = (pos + ch.len_utf8()) as u32;
            let mut push = |c: char, normalized: &mut String| {
                let before = normalized.len();
                normalized.push(c);
                for _ in before..normalized.len() {
                    starts.push(s);
                    ends.push(e);
                }
            };
            match fold(ch) {
                Fold::Drop { attach } => {
                    if attach {
                        // Extend the previous character's end over this mark.
                        if let Some(last) = normalized.chars().next_back() {
                            let n = normalized.len();
                            for end in &mut ends[n - last.len_utf8()..n] {
                                *end = e;
                            }
                        }
                    }
                }
                Fold::One(c) => push(c, &mut normalized),
                Fold::Many(cs) => {
                    for c in cs {
                        push(c, &mut normalized);
                    }
                }
            }
        }
        starts.push(original.len() as u32);
        NormalizedText { original, normalized, starts, ends }
    }

    /// The text as given.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The normalized text that matching runs on.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Maps a byte span of the normalized text to the byte span of the original text it came
    /// from. The result is always on character boundaries of the original. An empty span maps to
    /// an empty span at the corresponding original position.
    ///
    /// # Panics
    /// If `span` is out of bounds of the normalized text.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        assert!(span.start <= span.end && span.end <= self.normalized.len());
        if span.start == span.end {
            let p = self.starts[span.start] as usize;
            return p..p;
        }
        self.starts[span.start] as usize..self.ends[span.end - 1] as usize
    }

    /// The original byte offset of a normalized byte position (start side).
    pub fn original_pos(&self, pos: usize) -> usize {
        self.starts[pos] as usize
    }
}

/// Normalizes a string without keeping the map: used for gazetteer aliases and lexicon entries,
/// so that they go through exactly the same folding as the text they are matched against.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match fold(ch) {
            Fold::Drop { .. } => {}
            Fold::One(c) => out.push(c),
            Fold::Many(cs) => out.extend(cs),
        }
    }
    out
}

fn is_deleted_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'   // Arabic honorific/Quranic signs
        | '\u{064B}'..='\u{065F}' // harakat, shadda, sukun, hamza marks U+0653–0655
        | '\u{0670}'              // superscript alef
        | '\u{06D6}'..='\u{06DC}' // Quranic annotation marks
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0300}'..='\u{036F}' // Latin combining accents
    )
}

fn is_deleted_control(c: char) -> bool {
    matches!(c,
        '\u{061C}'                // Arabic letter mark
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}'              // BOM / zero-width no-break space
        | '\u{00AD}'              // soft hyphen
    )
}

/// Folds a single base letter (no decomposition).
fn fold_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' | 'ئ' => 'ي',
        'ة' | 'ۀ' | 'ە' | 'ہ' | 'ھ' => 'ه',
        'ؤ' => 'و',
        'ک' | 'ڪ' => 'ك',
        'ٮ' => 'ب',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '٫' => '.', // Arabic decimal separator
        '٬' => ',', // Arabic thousands separator
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    }
}

fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::One(c.to_ascii_lowercase());
    }
    if c == 'ـ' {
        return Fold::Drop { attach: true };
    }
    if is_deleted_mark(c) {
        return Fold::Drop { attach: true };
    }
    if is_deleted_control(c) {
        return Fold::Drop { attach: false };
    }
    // Presentation forms: compatibility-decompose (ﻻ → لا, ﺑ → ب), then fold each part.
    if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
        let mut parts = Vec::with_capacity(2);
        decompose_compatible(c, |d| {
            if !is_deleted_mark(d) && !d.is_whitespace() {
                parts.push(fold_letter(d));
            } else if d == ' ' {
                parts.push(' ');
            }
        });
        return match parts.len() {
            0 => Fold::Drop { attach: true },
            1 => Fold::One(parts[0]),
            _ => Fold::Many(parts),
        };
    }
    let folded = fold_letter(c);
    if folded != c {
        return Fold::One(folded);
    }
    // Latin (and other scripts) with accents: decompose, drop combining accents, lowercase.
    if c.is_alphabetic() && (c as u32) < 0x0600 {
        let mut parts: Vec<char> = Vec::with_capacity(2);
        decompose_canonical(c, |d| {
            if !is_deleted_mark(d) {
                parts.extend(d.to_lowercase());
            }
        });
        return match parts.len() {
            0 => Fold::One(c),
            1 => Fold::One(parts[0]),
            _ => Fold::Many(parts),
        };
    }
    Fold::One(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_pitfalls() {
        // (input, normalized)
        let table: &[(&str, &str)] = &[
            ("بوتيـــن", "بوتين"),                      // tatweel inside a name
            ("بو\u{200F}تين", "بوتين"),                 // RLM inside a name
            ("\u{200E}بوتين\u{200F}", "بوتين"),         // LRM/RLM around a name
            ("ا\u{0654}حمد", "احمد"),                   // NFD-decomposed hamza
            ("أحمد", "احمد"),
            ("إدلب", "ادلب"),
            ("آذار", "اذار"),
            ("محمّد", "محمد"),                          // shadda
            ("هٰذا", "هذا"),                            // superscript alef
            ("مدرسة", "مدرسه"),                         // ta marbuta
            ("مستشفى", "مستشفي"),                       // alef maqsura
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("کردی", "كردي"),                           // Persian kaf and yeh
            ("٢٠١٩", "2019"),                           // Arabic-Indic digits
            ("۲۰۱۹", "2019"),                           // Extended (Persian) digits
            ("\u{FEFB}", "لا"),                         // lam-alef ligature
            ("\u{FE91}\u{FEEE}\u{FE97}\u{FEF4}\u{FEE6}", "بوتين"), // presentation forms
            ("al-Tanf", "al-tanf"),
            ("Erdoğan", "erdogan"),
            ("Çavuşoğlu", "cavusoglu"),
            ("\u{FEFF}سوريا", "سوريا"),                 // BOM
            ("漢字", "漢字"),                           // unknown characters are kept
        ];
        for (input, want) in table {
            assert_eq!(normalize(input), *want, "normalize({input:?})");
            assert_eq!(NormalizedText::new(input).normalized(), *want, "NormalizedText({input:?})");
        }
    }

    #[test]
    fn spans_map_back_to_original() {
        let text = "قال وبوتيـــنُ إنّ";
        let n = NormalizedText::new(text);
        let pos = n.normalized().find("بوتين").unwrap();
        let span = n.to_original(pos..pos + "بوتين".len());
        assert_eq!(&text[span], "بوتيـــنُ");
    }

    #[test]
    fn ligature_maps_to_its_single_source_char() {
        let text = "\u{FEFB}";
        let n = NormalizedText::new(text);
        assert_eq!(n.to_original(0..2), 0..3);
        assert_eq!(n.to_original(2..4), 0..3);
    }
}
