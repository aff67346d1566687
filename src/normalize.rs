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

/// One piece of the alignment map: the normalized bytes from `n` up to the next segment's `n`
/// (or the end of the normalized text).
///
/// The map is sparse: in news text nearly every character folds to a character of the same byte
/// length (Arabic letters, hamza seats, ta marbuta, ASCII), so a run of such characters is one
/// *linear* segment: the normalized character at `n + k` came from the original character at
/// `o + k`. A new segment starts only where that offset changes (a dropped mark or control, a
/// digit that folds to ASCII, a ligature): a few segments per thousand bytes instead of two
/// `u32` per byte (which made the map 8 bytes per input byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// First normalized byte of the segment.
    n: u32,
    /// Original byte where the segment's first character starts.
    o: u32,
    /// Original byte where the segment's last character ends, extended over following dropped
    /// marks (harakat, tatweel) so that "بوتينُ" maps whole.
    end: u32,
    /// A *block* is the output of one original character whose normalized form has another byte
    /// length (a folded digit, one character of a ligature's expansion): every byte of it maps to
    /// the whole original character `o..end`.
    block: bool,
}

/// A text together with its normalized form and the alignment between them.
///
/// `normalized` is what gazetteers and rules match against; [`NormalizedText::to_original`] maps
/// any byte span of `normalized` back to a byte span of `original`.
#[derive(Debug, Clone)]
pub struct NormalizedText<'a> {
    original: &'a str,
    normalized: String,
    /// The alignment map, sorted by `n`, covering every normalized byte (see [`Seg`]).
    segs: Vec<Seg>,
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

/// Builds the normalized text and its segments.
struct Builder {
    normalized: String,
    segs: Vec<Seg>,
}

impl Builder {
    /// Appends `out`, which folds the original characters at `o..e` one for one with the same
    /// byte lengths (an ASCII run, an Arabic letter): extends the last linear segment when the
    /// offset between the two texts is unchanged.
    #[inline]
    fn linear(&mut self, out: &str, o: u32, e: u32) {
        let n = self.normalized.len() as u32;
        match self.segs.last_mut() {
            Some(last) if !last.block && last.end == o && last.o + (n - last.n) == o => last.end = e,
            _ => self.segs.push(Seg { n, o, end: e, block: false }),
        }
        self.normalized.push_str(out);
    }

    /// Appends one character produced by the original character at `o..e`.
    #[inline]
    fn one(&mut self, c: char, o: u32, e: u32) {
        if c.len_utf8() as u32 == e - o {
            let mut buf = [0u8; 4];
            self.linear(c.encode_utf8(&mut buf), o, e);
        } else {
            self.segs.push(Seg { n: self.normalized.len() as u32, o, end: e, block: true });
            self.normalized.push(c);
        }
    }

    /// A dropped mark ending at `e` belongs to the last normalized character: spans ending on
    /// that character include it.
    #[inline]
    fn attach(&mut self, e: u32) {
        if let Some(last) = self.segs.last_mut() {
            last.end = e;
        }
    }
}

impl<'a> NormalizedText<'a> {
    /// Normalizes `original`. Never fails, never deletes characters it does not know.
    ///
    /// # Panics
    /// If `original` is 4 GiB or longer (offsets are stored as `u32`); callers bound document
    /// sizes far below that.
    pub fn new(original: &'a str) -> Self {
        assert!(u32::try_from(original.len()).is_ok(), "a text of 4 GiB or more cannot be aligned");
        let mut b = Builder { normalized: String::with_capacity(original.len()), segs: Vec::new() };
        let bytes = original.as_bytes();
        let mut pos = 0usize;
        while pos < bytes.len() {
            // ASCII runs (spaces, digits, punctuation, Latin): one byte in, one byte out.
            let run = bytes[pos..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - pos);
            if run > 0 {
                let at = b.normalized.len();
                b.linear(&original[pos..pos + run], pos as u32, (pos + run) as u32);
                b.normalized[at..].make_ascii_lowercase();
                pos += run;
                continue;
            }
            let s = pos as u32;
            if (0xD8..=0xDB).contains(&bytes[pos]) {
                // U+0600–U+06FF (two bytes, the bulk of Arabic text): one table lookup.
                let idx = usize::from(bytes[pos] - 0xD8) << 6 | usize::from(bytes[pos + 1] & 0x3F);
                let e = s + 2;
                match ARABIC_FOLD[idx] {
                    DROP_ATTACH => b.attach(e),
                    DROP_DETACH => {}
                    u if u32::from(u) == 0x0600 + idx as u32 => b.linear(&original[pos..pos + 2], s, e),
                    u => b.one(char::from_u32(u32::from(u)).expect("table holds chars"), s, e),
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
                        b.attach(e);
                    }
                }
                Fold::One(c) => b.one(c, s, e),
                Fold::Many(cs) => {
                    // Each character of the expansion maps to the whole original character.
                    for c in cs {
                        b.segs.push(Seg { n: b.normalized.len() as u32, o: s, end: e, block: true });
                        b.normalized.push(c);
                    }
                }
            }
        }
        let Builder { mut normalized, mut segs } = b;
        normalized.shrink_to_fit();
        segs.shrink_to_fit();
        NormalizedText { original, normalized, segs }
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
        let p = self.start_of(span.start);
        if span.start == span.end {
            return p..p;
        }
        p..self.end_of(span.end - 1)
    }

    /// The original byte offset of a normalized byte position (start side).
    ///
    /// # Panics
    /// If `pos` is past the end of the normalized text.
    #[inline]
    pub fn original_pos(&self, pos: usize) -> usize {
        assert!(pos <= self.normalized.len());
        self.start_of(pos)
    }

    /// The segment holding normalized byte `i` (`i < normalized.len()`).
    #[inline]
    fn seg(&self, i: usize) -> (usize, &Seg) {
        let k = self.segs.partition_point(|s| s.n as usize <= i) - 1;
        (k, &self.segs[k])
    }

    /// Where the original character that produced normalized byte `i` starts
    /// (`i == normalized.len()` gives the end of the original).
    fn start_of(&self, i: usize) -> usize {
        if i >= self.normalized.len() {
            return self.original.len();
        }
        let (_, s) = self.seg(i);
        if s.block {
            return s.o as usize;
        }
        let mut c = i;
        while !self.normalized.is_char_boundary(c) {
            c -= 1;
        }
        s.o as usize + (c - s.n as usize)
    }

    /// Where the original character that produced normalized byte `i` ends, including marks
    /// attached to it.
    fn end_of(&self, i: usize) -> usize {
        let (k, s) = self.seg(i);
        if s.block {
            return s.end as usize;
        }
        let seg_end = self.segs.get(k + 1).map_or(self.normalized.len(), |n| n.n as usize);
        let mut ce = i + 1;
        while !self.normalized.is_char_boundary(ce) {
            ce += 1;
        }
        if ce >= seg_end {
            s.end as usize
        } else {
            s.o as usize + (ce - s.n as usize)
        }
    }

    /// Heap bytes held by the alignment map (for the memory tests).
    #[doc(hidden)]
    pub fn map_bytes(&self) -> usize {
        self.segs.capacity() * std::mem::size_of::<Seg>()
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

    /// Extends the end of the last normalized character over a dropped mark ending at `e`.
    fn attach_to_previous(normalized: &str, ends: &mut [u32], e: u32) {
        if let Some(last) = normalized.chars().next_back() {
            let n = normalized.len();
            for end in &mut ends[n - last.len_utf8()..n] {
                *end = e;
            }
        }
    }

    /// The straightforward per-character construction (the original implementation: two `u32`
    /// per normalized byte), kept as the reference for the sparse map.
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
        assert_same_as_reference(&text);
    }

    /// Every byte of the sparse map agrees with the dense reference map.
    fn assert_same_as_reference(text: &str) {
        let n = NormalizedText::new(text);
        let (norm, starts, ends) = reference_maps(text);
        assert_eq!(n.normalized(), norm);
        for (i, &s) in starts.iter().enumerate() {
            assert_eq!(n.start_of(i), s as usize, "start of normalized byte {i} in {text:?}");
        }
        for (i, &e) in ends.iter().enumerate() {
            assert_eq!(n.end_of(i), e as usize, "end of normalized byte {i} in {text:?}");
        }
    }

    #[test]
    fn sparse_map_matches_the_reference_on_news_text() {
        for text in [
            "وشنت إسرائيل غارات على مواقع إيران في سوريا.",
            "قال وزير الخارجيّة الأمريكيّ مايك بومبيو، يوم ٢٠١٩/٧/٧، إنّ الولايات المتحدة",
            "ﻻ بوتيـــنُ\u{200F} ﹱ Erdoğan ﷲ ١٢٣ abc",
            "ـُبَ",
            "َ",
            "",
            "\u{FEFF}\u{FEFF}سوريا",
        ] {
            assert_same_as_reference(text);
        }
    }

    #[test]
    fn map_of_news_text_is_small() {
        // A harakat-free news sentence repeated: a few segments, not two u32 per byte.
        let text = "وشنت إسرائيل غارات على مواقع إيران في سوريا، وقال المرصد إن الغارات استهدفت مخازن. ".repeat(1000);
        let n = NormalizedText::new(&text);
        assert!(n.map_bytes() < text.len() / 8, "{} bytes of map for {} bytes of text", n.map_bytes(), text.len());
    }

    #[test]
    fn map_is_exact_on_mixed_text() {
        let text = "Erdoğan قال: «بوتيـــنُ» ﻻ 2019 ٢٠١٩ \u{200F}x\u{FEFF}ﺑ";
        let n = NormalizedText::new(text);
        assert_eq!(n.normalized(), normalize(text));
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
