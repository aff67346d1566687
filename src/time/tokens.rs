//! The time grammar's view of a text: the word tokens of [`Tokenized`], split where ASCII digits
//! meet letters ("1436ه" → 1436 + ه), with the punctuation between them as one-character tokens,
//! and the heads (possible first words) of expressions after proclitics.

use std::borrow::Cow;

use crate::clitics::{CONJUNCTIONS, PREPOSITIONS};
use crate::tokenize::Tokenized;

use super::words::{fw, Vocab};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug)]
pub(super) struct Tok<'t> {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// The text of the token (normalized).
    pub key: &'t str,
    /// Numbers: the value (None when too long to matter).
    pub val: Option<u32>,
    /// Numbers: the number of digits.
    pub digits: usize,
}

impl<'t> Tok<'t> {
    fn new(text: &'t str, s: usize, e: usize, kind: Kind) -> Tok<'t> {
        let key = &text[s..e];
        let (val, digits) = match kind {
            Kind::Num => (if key.len() <= 9 { key.parse().ok() } else { None }, key.len()),
            _ => (None, 0),
        };
        Tok { s, e, kind, key, val, digits }
    }
}

/// The time tokens of a normalized text and its tokenization: every word token split into runs
/// of ASCII digits and runs of other word characters, and every other non-space character
/// between word tokens as a punctuation token.
pub(super) fn time_tokens<'t>(text: &'t str, tokenized: &Tokenized) -> Vec<Tok<'t>> {
    let mut out = Vec::with_capacity(tokenized.tokens.len() + tokenized.tokens.len() / 4);
    let mut pos = 0;
    for t in &tokenized.tokens {
        push_punct(text, pos, t.norm.start, &mut out);
        let mut run = t.norm.start;
        let mut digit = None;
        for (i, c) in text[t.norm.clone()].char_indices() {
            let d = c.is_ascii_digit();
            if digit.is_some_and(|p| p != d) {
                let at = t.norm.start + i;
                out.push(Tok::new(text, run, at, if d { Kind::Word } else { Kind::Num }));
                run = at;
            }
            digit = Some(d);
        }
        if let Some(d) = digit {
            out.push(Tok::new(text, run, t.norm.end, if d { Kind::Num } else { Kind::Word }));
        }
        pos = t.norm.end;
    }
    push_punct(text, pos, text.len(), &mut out);
    out
}

fn push_punct<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<Tok<'t>>) {
    for (i, c) in text[from..to].char_indices() {
        if !c.is_whitespace() {
            let s = from + i;
            out.push(Tok::new(text, s, s + c.len_utf8(), Kind::Punct));
        }
    }
}

/// Fewest characters left after proclitics on a time word: the closed-class words the grammar
/// reads are short ("وفي", "وغد", "واب"), unlike the names `clitics::for_each_reading` serves.
const MIN_STEM_CHARS: usize = 2;

/// The proclitic readings of a word for the time grammar: the word itself, then a conjunction
/// and/or a preposition of the clitic table (ك excepted: "كاليوم" is *like today*) stripped,
/// when at least [`MIN_STEM_CHARS`] characters remain. Yields (proclitic bytes, preposition).
pub(super) fn proclitic_readings(w: &str) -> impl Iterator<Item = (usize, Option<char>)> + '_ {
    let conj = w.chars().next().filter(|c| CONJUNCTIONS.contains(c)).map(char::len_utf8);
    let preps = move |from: usize| {
        w[from..]
            .chars()
            .next()
            .filter(|&c| c != 'ك' && PREPOSITIONS.contains(&c))
            .map(move |c| (from + c.len_utf8(), Some(c)))
    };
    std::iter::once((0, None))
        .chain(conj.map(|n| (n, None)))
        .chain(preps(0))
        .chain(conj.and_then(preps))
        .filter(move |&(n, _)| n == 0 || w[n..].chars().count() >= MIN_STEM_CHARS)
}

/// The word and its forms without proclitics: "لهذا" → "لهذا", "هذا".
pub(super) fn bare_forms(w: &str) -> impl Iterator<Item = &str> {
    proclitic_readings(w).map(move |(n, _)| &w[n..])
}

/// Whether `w` is nothing but proclitics ("و", "وب").
fn is_proclitics(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    let rest = cs.as_str();
    let is_prep = |c: char| c != 'ك' && PREPOSITIONS.contains(&c);
    match rest.chars().count() {
        0 => CONJUNCTIONS.contains(&first) || is_prep(first),
        1 => CONJUNCTIONS.contains(&first) && rest.chars().all(is_prep),
        _ => false,
    }
}

/// Token `i` touches token `i - 1` (no separator between them).
pub(super) fn glued(t: &[Tok], i: usize) -> bool {
    i > 0 && i < t.len() && t[i - 1].e == t[i].s
}

/// Whether a number at `i` may begin an expression: free on the left, or after an opening
/// punctuation that is not inside a number ("2019-07"), or after bare proclitics ("و5").
pub(super) fn start_ok(v: &Vocab, t: &[Tok], i: usize) -> bool {
    if !glued(t, i) {
        return true;
    }
    let prev = &t[i - 1];
    match prev.kind {
        Kind::Punct => !(glued(t, i - 1) && t[i - 2].kind == Kind::Num),
        Kind::Word => {
            (is_proclitics(prev.key) && !glued(t, i - 1))
                || v.weekday(prev.key).is_some()
                || prev.key == fw::DAY_NOUN
                || prev.key == fw::CORRESPONDING[0]
        }
        Kind::Num => false,
    }
}

/// Whether a number at `j` ends cleanly: not glued to a following word or number.
pub(super) fn end_ok(t: &[Tok], j: usize) -> bool {
    !glued(t, j + 1) || t[j + 1].kind == Kind::Punct
}

/// A possible first word of an expression: the token itself or the token without proclitics.
pub(super) struct Head<'t> {
    pub idx: usize,
    pub start: usize,
    pub key: Cow<'t, str>,
    /// The preposition ل was stripped (without a contracted article).
    pub lam: bool,
}

/// Pushes the heads at token `i` onto `out`.
pub(super) fn heads<'t>(v: &Vocab, t: &[Tok<'t>], i: usize, out: &mut Vec<Head<'t>>) {
    let tok = &t[i];
    match tok.kind {
        Kind::Punct => {}
        Kind::Num => {
            if start_ok(v, t, i) {
                out.push(Head { idx: i, start: tok.s, key: Cow::Borrowed(""), lam: false });
            }
        }
        Kind::Word => {
            if glued(t, i) && t[i - 1].kind == Kind::Num {
                return; // a suffix like the ه of "1436ه"
            }
            let key = tok.key;
            for (plen, prep) in proclitic_readings(key) {
                let rest = &key[plen..];
                if prep == Some('ل') && rest.starts_with('ل') {
                    // Contracted article: "للعام" = ل + العام; the span starts after "لل".
                    let k = format!("ا{rest}");
                    if v.is_start(&k) {
                        out.push(Head { idx: i, start: tok.s + plen + 'ل'.len_utf8(), key: Cow::Owned(k), lam: false });
                    }
                }
                if v.is_start(rest) {
                    out.push(Head { idx: i, start: tok.s + plen, key: Cow::Borrowed(rest), lam: prep == Some('ل') });
                }
            }
        }
    }
}
