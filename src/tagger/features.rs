//! The tagger's features, computed once per token in Rust for training and tagging alike.
//!
//! A feature is a 64-bit hash of a template id and a few byte strings (the word, its stem, a
//! neighbour...), so tagging never allocates a `String` per feature. Inputs are khabar's own
//! analyses: the normalized word, its clitic readings (`clitics.rs`), the gazetteer mentions that
//! `ner.rs` selected and the raw lexicon hits before selection, the given-name list and the NER
//! word sets (`gazetteers/lang/ar/`).

use crate::clitics::{for_each_reading, Article};
use crate::document::EntitySource;
use crate::gazetteer::{EntityType, Gazetteer};
use crate::ner::{words, Hits, Mention};
use crate::tokenize::Tokenized;

/// Feature templates (the first hashed value; changing one invalidates the model).
#[derive(Clone, Copy)]
#[repr(u8)]
enum T {
    Bias = 1,
    Word,
    Stem,
    Clitic,
    Prefix,
    Suffix,
    Shape,
    WordM2,
    WordM1,
    WordP1,
    WordP2,
    BigramL,
    BigramR,
    GapBefore,
    GapAfter,
    Mention,
    MentionId,
    MentionM1,
    MentionP1,
    Raw,
    RawM1,
    RawP1,
    GivenName,
    GivenNameM1,
    GivenNameP1,
    Set,
    SetM1,
    SetP1,
    Position,
    StemM1,
    StemP1,
    Original,
    OrigEnd,
    StemAffix,
    BigramM2M1,
    HasHamza,
}

const FNV: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    // Separator, so ("ab","c") and ("a","bc") differ.
    h ^= 0xff;
    h.wrapping_mul(0x100_0000_01b3)
}

#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

#[inline]
fn f(t: T, parts: &[&[u8]]) -> u64 {
    let mut h = (FNV ^ t as u64).wrapping_mul(0x100_0000_01b3);
    for p in parts {
        h = mix(h, p);
    }
    finish(h)
}

/// What the features of one document read.
pub(crate) struct Doc<'a> {
    pub g: &'a Gazetteer,
    pub norm: &'a str,
    pub tok: &'a Tokenized,
    pub mentions: &'a [Mention],
    pub hits: &'a [Hits],
    /// The original text (spelling that normalization folds: ى/ي, ة/ه, hamza seats).
    pub original: &'a str,
}

/// Per-token analysis shared by the token and its neighbours' features.
struct Tok<'a> {
    word: &'a str,
    /// The clitic-stripped stem (first reading with proclitics or article), if any.
    stem: Option<&'a str>,
    clitic: Option<&'a str>,
    given: Option<bool>,
    /// Index into the mentions of the mention covering the token.
    mention: Option<usize>,
}

fn analyse<'a>(d: &Doc<'a>, i: usize, cover: &[u32]) -> Tok<'a> {
    let t = &d.tok.tokens[i];
    let word = &d.norm[t.norm.clone()];
    let mut stem = None;
    let mut clitic = None;
    let mut given = d.g.given_names.get(word).copied();
    for_each_reading(word, |r| {
        if r.future || (r.proclitics == 0 && r.article == Article::None) {
            return;
        }
        let s = &word[r.stem..];
        if s.chars().count() < 2 {
            return;
        }
        if stem.is_none() {
            stem = Some(s);
            clitic = Some(&word[..r.stem]);
        }
        if given.is_none() && r.article == Article::None {
            given = d.g.given_names.get(s).copied();
        }
    });
    let mention = (cover[i] != u32::MAX).then_some(cover[i] as usize);
    Tok { word, stem, clitic, given, mention }
}

fn kind_name(k: EntityType) -> &'static [u8] {
    match k {
        EntityType::PER => b"PER",
        EntityType::ORG => b"ORG",
        EntityType::LOC => b"LOC",
        EntityType::FAC => b"FAC",
        EntityType::NORP => b"NORP",
        EntityType::MISC => b"MISC",
    }
}

fn source_name(s: EntitySource) -> &'static [u8] {
    match s {
        EntitySource::Gazetteer => b"g",
        EntitySource::Title => b"t",
        EntitySource::Pattern => b"p",
        EntitySource::Model => b"m",
    }
}

/// The mention's kind as a feature value: titles without a holder are "TITLE".
fn mention_kind(m: &Mention) -> &'static [u8] {
    if m.title.is_some() && m.entity.is_none() {
        b"TITLE"
    } else {
        kind_name(m.kind)
    }
}

fn char_prefix(w: &str, n: usize) -> Option<&str> {
    let mut it = w.char_indices();
    let end = it.nth(n).map(|(i, _)| i)?;
    Some(&w[..end])
}

fn char_suffix(w: &str, n: usize) -> Option<&str> {
    let count = w.chars().count();
    if count <= n {
        return None;
    }
    let start = w.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&w[start..])
}

fn shape(w: &str) -> &'static [u8] {
    if w.bytes().all(|b| b.is_ascii_digit()) {
        b"digits"
    } else if w.bytes().any(|b| b.is_ascii_digit()) {
        b"hasdigit"
    } else if w.is_ascii() {
        b"latin"
    } else {
        match w.chars().count() {
            1 => b"len1",
            2 => b"len2",
            3 => b"len3",
            4 | 5 => b"len4",
            6..=8 => b"len6",
            _ => b"len9",
        }
    }
}

/// Punctuation between two tokens (spaces removed, at most 3 characters).
fn gap(norm: &str, from: usize, to: usize) -> &str {
    let g = norm[from..to].trim();
    char_prefix(g, 3).unwrap_or(g)
}

/// Set memberships of a word, as feature values.
fn set_names(w: &str, out: &mut Vec<&'static [u8]>) {
    let s = words();
    let pairs: [(&crate::lang::WordSet, &'static [u8]); 9] = [
        (s.person_cue, b"person_cue"),
        (s.place_word, b"place_word"),
        (s.place_preposition, b"place_prep"),
        (s.org_cue, b"org_cue"),
        (s.stopword, b"stop"),
        (s.name_particle, b"particle"),
        (s.verb_after_name, b"verb"),
        (s.org_designator, b"org_desig"),
        (s.place_designator, b"place_desig"),
    ];
    for (set, name) in pairs {
        if set.contains(w) {
            out.push(name);
        }
    }
}

/// Features of every token of sentence `sent` (token range), appended to `out` with `offs`
/// marking where each token's features start.
pub(crate) fn sentence_features(d: &Doc<'_>, cover: &[u32], sent: std::ops::Range<usize>, out: &mut Vec<u64>, offs: &mut Vec<u32>) {
    let toks: Vec<Tok<'_>> = sent.clone().map(|i| analyse(d, i, cover)).collect();
    let n = toks.len();
    let mut sets: Vec<Vec<&'static [u8]>> = Vec::with_capacity(n);
    for t in &toks {
        let mut v = Vec::new();
        set_names(t.word, &mut v);
        if let Some(s) = t.stem {
            if v.is_empty() {
                set_names(s, &mut v);
            }
        }
        sets.push(v);
    }
    let word_at = |j: isize| -> &[u8] {
        if j < 0 {
            b"<s>"
        } else if j as usize >= n {
            b"</s>"
        } else {
            toks[j as usize].word.as_bytes()
        }
    };
    let mention_pos = |j: usize| -> Option<(&'static [u8], &'static [u8])> {
        let m = &d.mentions[toks[j].mention?];
        let i = sent.start + j;
        let pos: &'static [u8] = if m.tokens.start == i { b"B" } else { b"I" };
        Some((mention_kind(m), pos))
    };
    for j in 0..n {
        offs.push(out.len() as u32);
        let i = sent.start + j;
        let t = &toks[j];
        let w = t.word.as_bytes();
        let ji = j as isize;
        out.push(f(T::Bias, &[]));
        out.push(f(T::Word, &[w]));
        if let Some(s) = t.stem {
            out.push(f(T::Stem, &[s.as_bytes()]));
            out.push(f(T::Clitic, &[t.clitic.unwrap_or("").as_bytes()]));
        } else {
            out.push(f(T::Stem, &[w]));
        }
        for k in 1..=3 {
            if let Some(p) = char_prefix(t.word, k) {
                out.push(f(T::Prefix, &[p.as_bytes()]));
            }
            if let Some(s) = char_suffix(t.word, k) {
                out.push(f(T::Suffix, &[s.as_bytes()]));
            }
        }
        out.push(f(T::Shape, &[shape(t.word)]));
        // The original spelling tells على from علي and ة from ه.
        let orig = &d.original[d.tok.tokens[i].span.clone()];
        if orig.as_bytes() != w {
            out.push(f(T::Original, &[orig.as_bytes()]));
        }
        if let Some(c) = orig.chars().last() {
            if matches!(c, 'ى' | 'ي' | 'ة' | 'ه' | 'ا' | 'ء' | 'ئ') {
                let mut b = [0u8; 4];
                out.push(f(T::OrigEnd, &[c.encode_utf8(&mut b).as_bytes()]));
            }
        }
        if orig.contains(['أ', 'إ', 'آ']) {
            out.push(f(T::HasHamza, &[]));
        }
        if let Some(s) = t.stem {
            for k in [2, 3] {
                if let Some(x) = char_suffix(s, k) {
                    out.push(f(T::StemAffix, &[b"s", x.as_bytes()]));
                }
                if let Some(x) = char_prefix(s, k) {
                    out.push(f(T::StemAffix, &[b"p", x.as_bytes()]));
                }
            }
        }
        out.push(f(T::BigramM2M1, &[word_at(ji - 2), word_at(ji - 1)]));
        out.push(f(T::WordM2, &[word_at(ji - 2)]));
        out.push(f(T::WordM1, &[word_at(ji - 1)]));
        out.push(f(T::WordP1, &[word_at(ji + 1)]));
        out.push(f(T::WordP2, &[word_at(ji + 2)]));
        out.push(f(T::BigramL, &[word_at(ji - 1), w]));
        out.push(f(T::BigramR, &[w, word_at(ji + 1)]));
        if j > 0 {
            if let Some(s) = toks[j - 1].stem {
                out.push(f(T::StemM1, &[s.as_bytes()]));
            }
        }
        if j + 1 < n {
            if let Some(s) = toks[j + 1].stem {
                out.push(f(T::StemP1, &[s.as_bytes()]));
            }
        }
        let tk = &d.tok.tokens;
        let before = if i > 0 { gap(d.norm, tk[i - 1].norm.end, tk[i].norm.start) } else { "" };
        let after = if i + 1 < tk.len() { gap(d.norm, tk[i].norm.end, tk[i + 1].norm.start) } else { "" };
        out.push(f(T::GapBefore, &[before.as_bytes()]));
        out.push(f(T::GapAfter, &[after.as_bytes()]));
        match mention_pos(j) {
            Some((kind, pos)) => {
                let m = &d.mentions[t.mention.unwrap_or(0)];
                let ctx: &[u8] = if m.context { b"c" } else { b"" };
                out.push(f(T::Mention, &[kind, pos, source_name(m.source), ctx]));
                out.push(f(T::Mention, &[kind]));
                let last: &[u8] = if m.tokens.end == i + 1 { b"E" } else { b"" };
                out.push(f(T::Mention, &[kind, pos, last]));
                if let Some(e) = m.entity {
                    let r = &d.g.entities[e as usize];
                    let rank = [r.rank.min(4) as u8 + b'0'];
                    out.push(f(T::MentionId, &[kind, &rank]));
                }
            }
            None => out.push(f(T::Mention, &[b"none"])),
        }
        if j > 0 {
            if let Some((kind, pos)) = mention_pos(j - 1) {
                out.push(f(T::MentionM1, &[kind, pos]));
            }
        }
        if j + 1 < n {
            if let Some((kind, pos)) = mention_pos(j + 1) {
                out.push(f(T::MentionP1, &[kind, pos]));
            }
        }
        let hits = d.hits.get(i).copied().unwrap_or(0);
        for bit in 0..24u8 {
            if hits >> bit & 1 == 1 {
                out.push(f(T::Raw, &[&[bit]]));
            }
        }
        // Neighbours' raw hits by kind only (B/I and context folded).
        for (tmpl, k) in [(T::RawM1, i.wrapping_sub(1)), (T::RawP1, i + 1)] {
            if k < sent.end && k >= sent.start {
                let h = d.hits.get(k).copied().unwrap_or(0);
                for kind in 0..6u8 {
                    if h >> (kind * 4) & 0xf != 0 {
                        out.push(f(tmpl, &[&[kind]]));
                    }
                }
            }
        }
        if let Some(amb) = t.given {
            out.push(f(T::GivenName, &[&[amb as u8]]));
        }
        if j > 0 && toks[j - 1].given.is_some() {
            out.push(f(T::GivenNameM1, &[]));
        }
        if j + 1 < n && toks[j + 1].given.is_some() {
            out.push(f(T::GivenNameP1, &[]));
        }
        for s in &sets[j] {
            out.push(f(T::Set, &[s]));
        }
        if j > 0 {
            for s in &sets[j - 1] {
                out.push(f(T::SetM1, &[s]));
            }
        }
        if j + 1 < n {
            for s in &sets[j + 1] {
                out.push(f(T::SetP1, &[s]));
            }
        }
        if j == 0 {
            out.push(f(T::Position, &[b"first"]));
        }
        if j + 1 == n {
            out.push(f(T::Position, &[b"last"]));
        }
    }
}

/// For every token, the index of the mention covering it (`u32::MAX` when none; the first
/// mention in list order wins).
pub(crate) fn coverage(n_tokens: usize, mentions: &[Mention]) -> Vec<u32> {
    let mut cover = vec![u32::MAX; n_tokens];
    for (mi, m) in mentions.iter().enumerate() {
        for k in m.tokens.clone() {
            if k < n_tokens && cover[k] == u32::MAX {
                cover[k] = mi as u32;
            }
        }
    }
    cover
}
