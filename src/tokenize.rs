//! Sentences and word tokens over a [`NormalizedText`].
//!
//! Tokenization runs on the normalized text (so harakat, tatweel and invisible controls, already
//! folded away, can never split a word) and every token and sentence also carries its original
//! byte span.

use std::ops::Range;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::normalize::NormalizedText;

/// One word token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the normalized text.
    pub norm: Range<usize>,
    /// Byte span in the original text.
    pub span: Range<usize>,
}

/// One sentence: a run of tokens between sentence-final punctuation or line breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span in the normalized text (from the first token to the end of the last one).
    pub norm: Range<usize>,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Index range into the token list.
    pub tokens: Range<usize>,
}

/// True for characters that belong inside a word: letters, marks, decimal digits and the
/// zero-width joiners.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    if (0x0600..0x0700).contains(&u) {
        let i = (u - 0x0600) as usize;
        return ARABIC_WORD_CHARS[i / 64] >> (i % 64) & 1 == 1;
    }
    if (0x2000..0x2070).contains(&u) {
        // General punctuation: spaces, dashes, quotes, bidi controls; only the joiners are word chars.
        return u == 0x200C || u == 0x200D;
    }
    is_word_char_general(c)
}

/// [`is_word_char`] for the Arabic block U+0600–U+06FF as a bitmap (bit `u - 0x600`), precomputed
/// from [`is_word_char_general`] (checked by a unit test): `char::is_alphabetic` on Arabic
/// letters is a slow table search, and tokenization asks it for every character.
const ARABIC_WORD_CHARS: [u64; 4] = [0xffffffff07ff0000, 0xffffc3ffffffffff, 0xffffffffffffffff, 0x9ffffdff9fefffff];

fn is_word_char_general(c: char) -> bool {
    if c == '\u{200C}' || c == '\u{200D}' {
        return true;
    }
    c.is_alphabetic()
        || matches!(c.general_category_group(), GeneralCategoryGroup::Mark)
        || matches!(c.general_category(), unicode_properties::GeneralCategory::DecimalNumber)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '؞' | '۔' | '\n' | '\r' | '\u{2029}' | '\u{2028}')
}

/// Tokens and sentences of a normalized text.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// All word tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order; every token belongs to exactly one sentence. Sentences without
    /// tokens (blank lines, stray punctuation) are not listed.
    pub sentences: Vec<Sentence>,
}

impl Tokenized {
    /// The sentence index of a token.
    pub fn sentence_of(&self, token: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= token)
    }

    /// One past the last token of the sentence of `token`: names, triggers and name words
    /// never run past it.
    pub fn sentence_end(&self, token: usize) -> usize {
        self.sentences.get(self.sentence_of(token)).map_or(self.tokens.len(), |s| s.tokens.end)
    }
}

/// The longest sentence, in tokens: a longer run without sentence-final punctuation is cut
/// there. Real news sentences are far shorter (the longest of 10 MB of SaudiNewsNet articles has
/// 476 words); the cut only bounds the per-sentence work on text without punctuation.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// Splits a normalized text into tokens and sentences.
///
/// A full stop ends a sentence unless it sits between two digits (3.5, 2019.7.5) or follows a
/// one-letter token (abbreviations such as "د." or "U.S."). `،` and `؛` never end a sentence.
/// A sentence longer than [`MAX_SENTENCE_TOKENS`] tokens is cut after that many.
pub fn tokenize(text: &NormalizedText<'_>) -> Tokenized {
    let norm = text.normalized();
    let bytes = norm.as_bytes();
    let mut out = Tokenized::default();
    let mut sent_start_tok = 0usize;
    let mut tok_start: Option<usize> = None;

    let close_sentence = |out: &mut Tokenized, sent_start_tok: &mut usize| {
        let n = out.tokens.len();
        if n > *sent_start_tok {
            let first = &out.tokens[*sent_start_tok];
            let last = &out.tokens[n - 1];
            let norm = first.norm.start..last.norm.end;
            let span = first.span.start..last.span.end;
            out.sentences.push(Sentence { norm, span, tokens: *sent_start_tok..n });
        }
        *sent_start_tok = n;
    };

    for (i, c) in norm.char_indices() {
        if is_word_char(c) {
            if tok_start.is_none() {
                tok_start = Some(i);
            }
            continue;
        }
        if let Some(s) = tok_start.take() {
            out.tokens.push(Token { norm: s..i, span: text.to_original(s..i) });
            // A text without punctuation would be one sentence, and per-sentence work (name
            // and trigger scans, clause rules) would grow with the whole text.
            if out.tokens.len() - sent_start_tok >= MAX_SENTENCE_TOKENS {
                close_sentence(&mut out, &mut sent_start_tok);
            }
        }
        if is_sentence_end(c) {
            if c == '.' {
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                if prev_digit && next_digit {
                    continue;
                }
                // One-letter token right before the dot: an abbreviation.
                if let Some(t) = out.tokens.last() {
                    if t.norm.end == i && norm[t.norm.clone()].chars().count() == 1 {
                        continue;
                    }
                }
            }
            close_sentence(&mut out, &mut sent_start_tok);
        }
    }
    if let Some(s) = tok_start {
        out.tokens.push(Token { norm: s..norm.len(), span: text.to_original(s..norm.len()) });
    }
    close_sentence(&mut out, &mut sent_start_tok);
    // The vectors grew by doubling; long documents keep them until the end of the extraction.
    out.tokens.shrink_to_fit();
    out.sentences.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let n = NormalizedText::new(s);
        tokenize(&n).tokens.iter().map(|t| s[t.span.clone()].to_string()).collect()
    }

    #[test]
    fn harakat_tatweel_and_controls_do_not_split() {
        assert_eq!(words("قال بوتيـــنُ: نعم"), vec!["قال", "بوتيـــنُ", "نعم"]);
        assert_eq!(words("بو\u{200F}تين"), vec!["بو\u{200F}تين"]);
        assert_eq!(words("مايك بومبيو،وزير"), vec!["مايك", "بومبيو", "وزير"]);
    }

    #[test]
    fn word_char_fast_paths_agree_with_the_general_rule() {
        for c in (0x80..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_general(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn sentence_boundaries() {
        let cases: &[(&str, usize)] = &[
            ("قال. ثم ذهب", 2),
            ("في 2019.7.5 وقع الحادث", 1),
            ("بلغ 3.5 بالمئة", 1),
            ("هل جاء؟ نعم!", 2),
            ("قال د. أحمد إن", 1),
            ("سطر أول\nسطر ثان", 2),
            ("أولا، ثانيا؛ ثالثا", 1),
            ("...", 0),
        ];
        for (text, want) in cases {
            let n = NormalizedText::new(text);
            assert_eq!(tokenize(&n).sentences.len(), *want, "{text}");
        }
    }

    #[test]
    fn text_without_punctuation_is_cut_into_bounded_sentences() {
        let text = "شنت غارات والتقى ".repeat(1000);
        let n = NormalizedText::new(&text);
        let tok = tokenize(&n);
        assert_eq!(tok.tokens.len(), 3000);
        assert_eq!(tok.sentences.len(), 3);
        for s in &tok.sentences {
            assert_eq!(s.tokens.len(), MAX_SENTENCE_TOKENS);
        }
        // Every token is in exactly one sentence, in order.
        assert_eq!(tok.sentences[1].tokens, 1000..2000);
        assert_eq!(tok.sentence_of(1999), 1);
    }
}
