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

/// Extends the end of the last normalized character over a dropped mark ending at `e`, so that
/// spans ending on that letter include the mark.
#[inline]
fn attach_to_previous(normalized: &str, ends: &mut [u32], e: u32) {
    if let Some(last) = normalized.chars().next_back() {
        let n = normalized.len();
        for end in &mut ends[n - last.len_utf8()..n] {
            *end = e;
        }
    }
}

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
#[derive(Debug, PartialEq)]
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
        let bytes = original.as_bytes();
        let mut pos = 0usize;
        while pos < bytes.len() {
            // ASCII runs (spaces, digits, punctuation, Latin): one byte in, one byte out.
            let run = bytes[pos..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - pos);
            if run > 0 {
                let at = normalized.len();
                normalized.push_str(&original[pos..pos + run]);
                normalized[at..].make_ascii_lowercase();
                starts.extend(pos as u32..(pos + run) as u32);
                ends.extend(pos as u32 + 1..=(pos + run) as u32);
                pos += run;
                continue;
            }
            let s = pos as u32;
            if (0xD8..=0xDB).contains(&bytes[pos]) {
                // U+0600–U+06FF (two bytes, the bulk of Arabic text): one table lookup.
                let idx = usize::from(bytes[pos] - 0xD8) << 6 | usize::from(bytes[pos + 1] & 0x3F);
                let e = s + 2;
                match ARABIC_FOLD[idx] {
                    DROP_ATTACH => attach_to_previous(&normalized, &mut ends, e),
                    DROP_DETACH => {}
                    u if u32::from(u) == 0x0600 + idx as u32 => {
                        normalized.push_str(&original[pos..pos + 2]);
                        starts.extend_from_slice(&[s, s]);
                        ends.extend_from_slice(&[e, e]);
                    }
                    u => {
                        let c = char::from_u32(u32::from(u)).expect("table holds chars");
                        normalized.push(c);
                        for _ in 0..c.len_utf8() {
                            starts.push(s);
                            ends.push(e);
                        }
                    }
                }
                pos += 2;
                continue;
            }
            let ch = original[pos..].chars().next().expect("pos is on a char boundary");
            let e = (pos + ch.len_utf8()) as u32;
            pos = e as usize;
            match fold(ch) {
                Fold::Drop { attach } => {
                    if attach {
                        attach_to_previous(&normalized, &mut ends, e);
                    }
                }
                Fold::One(c) => {
                    normalized.push(c);
                    for _ in 0..c.len_utf8() {
                        starts.push(s);
                        ends.push(e);
                    }
                }
                Fold::Many(cs) => {
                    for c in cs {
                        normalized.push(c);
                        for _ in 0..c.len_utf8() {
                            starts.push(s);
                            ends.push(e);
                        }
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
    #[inline]
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        assert!(span.start <= span.end && span.end <= self.normalized.len());
        if span.start == span.end {
            let p = self.starts[span.start] as usize;
            return p..p;
        }
        self.starts[span.start] as usize..self.ends[span.end - 1] as usize
    }

    /// The original byte offset of a normalized byte position (start side).
    #[inline]
    pub fn original_pos(&self, pos: usize) -> usize {
        self.starts[pos] as usize
    }
}

/// Normalizes a string without keeping the map: used for gazetteer aliases and lexicon entries,
/// so that they go through exactly the same folding as the text they are matched against.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_folded(s, |c| out.push(c));
    out
}

/// Calls `f` with each character of the normalized form of `s`, in order, without building a
/// string: `normalize(s)` is exactly the characters this yields.
#[inline]
pub(crate) fn for_each_folded(s: &str, mut f: impl FnMut(char)) {
    for ch in s.chars() {
        if ch.is_ascii() {
            f(ch.to_ascii_lowercase());
            continue;
        }
        match fold(ch) {
            Fold::Drop { .. } => {}
            Fold::One(c) => f(c),
            Fold::Many(cs) => cs.into_iter().for_each(&mut f),
        }
    }
}

const fn is_deleted_mark(c: char) -> bool {
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
const fn fold_letter(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ۍ' | 'ئ' => 'ي',
        'ة' | 'ۀ' | 'ە' | 'ہ' | 'ھ' => 'ه',
        'ؤ' => 'و',
        'ک' | 'ڪ' => 'ك',
        'ٮ' => 'ب',
        '\u{0660}'..='\u{0669}' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '\u{06F0}'..='\u{06F9}' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        '٫' => '.', // Arabic decimal separator
        '٬' => ',', // Arabic thousands separator
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    }
}

/// [`ARABIC_FOLD`] entry: drop the character and attach it to the previous letter (marks, tatweel).
const DROP_ATTACH: u16 = 0xFFFF;
/// [`ARABIC_FOLD`] entry: drop the character (the Arabic letter mark U+061C).
const DROP_DETACH: u16 = 0xFFFE;

/// The folding of U+0600–U+06FF, indexed by `c - 0x600`: the output character's code point, or
/// [`DROP_ATTACH`] / [`DROP_DETACH`]. Computed at compile time from the same rules as [`fold`]
/// for other characters (marks, tatweel, the letter mark, [`fold_letter`]).
const ARABIC_FOLD: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i as u32) {
            Some(c) => c,
            None => panic!("U+0600–U+06FF are chars"),
        };
        t[i] = if c == 'ـ' || is_deleted_mark(c) {
            DROP_ATTACH
        } else if c == '\u{061C}' {
            DROP_DETACH
        } else {
            fold_letter(c) as u16
        };
        i += 1;
    }
    t
};

/// How one character folds. The Arabic block (U+0600–U+06FF), which is nearly all of the text,
/// is decided by a few range checks; everything else goes through [`fold_other`]. (Asking
/// `char::is_alphabetic` about Arabic letters first used to cost half of the whole pipeline.)
#[inline]
fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::One(c.to_ascii_lowercase());
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return match ARABIC_FOLD[(c as u32 - 0x0600) as usize] {
            DROP_ATTACH => Fold::Drop { attach: true },
            DROP_DETACH => Fold::Drop { attach: false },
            u => Fold::One(char::from_u32(u32::from(u)).expect("table holds chars")),
        };
    }
    fold_other(c)
}

fn fold_other(c: char) -> Fold {
    if is_deleted_mark(c) {
        return Fold::Drop { attach: true };
    }
    if is_deleted_control(c) {
        return Fold::Drop { attach: false };
    }
    // Presentation forms: compatibility-decompose (ﻻ → لا, ﺑ → ب), then fold each part like a
    // character of its own (so "ﹱ" = tatweel + fathatan disappears as both parts would).
    if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
        let mut parts = Vec::with_capacity(2);
        decompose_compatible(c, |d| {
            if d.is_whitespace() && d != ' ' {
                return;
            }
            if d == c {
                // No decomposition (ornate parentheses, unassigned code points): keep it.
                parts.push(c);
                return;
            }
            match fold(d) {
                Fold::Drop { .. } => {}
                Fold::One(x) => parts.push(x),
                Fold::Many(xs) => parts.extend(xs),
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
    if (c as u32) < 0x0600 && c.is_alphabetic() {
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

    /// The per-character folding before the fast paths were added, kept as the reference.
    fn fold_reference(c: char) -> Fold {
        if c.is_ascii() {
            return Fold::One(c.to_ascii_lowercase());
        }
        if c == 'ـ' || is_deleted_mark(c) {
            return Fold::Drop { attach: true };
        }
        if is_deleted_control(c) {
            return Fold::Drop { attach: false };
        }
        if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
            return fold_other(c);
        }
        let folded = fold_letter(c);
        if folded != c {
            return Fold::One(folded);
        }
        if c.is_alphabetic() && (c as u32) < 0x0600 {
            return fold_other(c);
        }
        Fold::One(c)
    }

    #[test]
    fn fast_paths_fold_like_the_reference_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold(c), fold_reference(c), "U+{:04X}", c as u32);
        }
    }

    /// The straightforward per-character construction (the original implementation).
    fn reference_maps(original: &str) -> (String, Vec<u32>, Vec<u32>) {
        let (mut normalized, mut starts, mut ends) = (String::new(), Vec::new(), Vec::new());
        for (pos, ch) in original.char_indices() {
            let (s, e) = (pos as u32, (pos + ch.len_utf8()) as u32);
            let out: Vec<char> = match fold_reference(ch) {
                Fold::Drop { attach } => {
                    if attach {
                        attach_to_previous(&normalized, &mut ends, e);
                    }
                    vec![]
                }
                Fold::One(c) => vec![c],
                Fold::Many(cs) => cs,
            };
            for c in out {
                normalized.push(c);
                for _ in 0..c.len_utf8() {
                    starts.push(s);
                    ends.push(e);
                }
            }
        }
        starts.push(original.len() as u32);
        (normalized, starts, ends)
    }

    #[test]
    fn fast_construction_matches_the_reference_maps() {
        let mut text = String::new();
        for u in (0..0x3000u32).chain(0xFB50..0xFF00) {
            if let Some(c) = char::from_u32(u) {
                text.push(c);
                text.push('ب');
                text.push(c);
                text.push(' ');
            }
        }
        text.push_str("وبوتيـــنُ قال ﻻ، Erdoğan ٢٠١٩\u{200F}");
        let n = NormalizedText::new(&text);
        let (norm, starts, ends) = reference_maps(&text);
        assert_eq!(n.normalized(), norm);
        assert_eq!(n.starts, starts);
        assert_eq!(n.ends, ends);
    }

    #[test]
    fn map_is_exact_on_mixed_text() {
        let text = "Erdoğan قال: «بوتيـــنُ» ﻻ 2019 ٢٠١٩ \u{200F}x\u{FEFF}ﺑ";
        let n = NormalizedText::new(text);
        assert_eq!(n.normalized(), normalize(text));
        assert_eq!(n.starts.len(), n.normalized().len() + 1);
        assert_eq!(n.ends.len(), n.normalized().len());
        for (i, c) in n.normalized().char_indices() {
            let r = n.to_original(i..i + c.len_utf8());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.start < r.end, "{i}");
        }
        assert_eq!(&text[n.to_original(0..n.normalized().len())], text);
    }

    #[test]
    fn ligature_maps_to_its_single_source_char() {
        let text = "\u{FEFB}";
        let n = NormalizedText::new(text);
        assert_eq!(n.to_original(0..2), 0..3);
        assert_eq!(n.to_original(2..4), 0..3);
    }
}
