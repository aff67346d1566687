//! CoNLL output: one `token LABEL` line per token (space-separated, as ANERcorp), a blank line
//! after each sentence.
//!
//! Words are the tokens of [`crate::tokenize`] (their original text, clitics included:
//! `وبوتين`); the punctuation between words is kept as tokens of its own (a run of one repeated
//! character is one token: `"`, `،`, `...`) so the output reads like ANERcorp. Labels are BIO
//! over ANERcorp's types ([`conll_label`]): a token is `B-`/`I-` when it overlaps an entity span,
//! `B-` on the first token of the entity. A token that overlaps two entities takes the first.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::document::Document;
use crate::document::EntityType;
use crate::normalize::NormalizedText;
use crate::tokenize::{tokenize, Tokenized};

/// The ANERcorp label type of an entity type: PER → `PERS`, LOC and FAC → `LOC`, ORG → `ORG`,
/// NORP and MISC → `MISC`.
pub fn conll_label(kind: EntityType) -> &'static str {
    match kind {
        EntityType::PER => "PERS",
        EntityType::LOC | EntityType::FAC => "LOC",
        EntityType::ORG => "ORG",
        EntityType::NORP | EntityType::MISC => "MISC",
    }
}

/// Splits the punctuation between words into tokens: runs of one repeated visible character.
fn punct_tokens(text: &str, range: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    let mut cur: Option<(usize, char)> = None;
    let mut end = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        let i = i + range.start;
        let visible = !c.is_whitespace()
            && !matches!(c.general_category(), GeneralCategory::Format | GeneralCategory::Control)
            && c != '\u{0640}'; // tatweel
        match cur {
            Some((s, pc)) if visible && pc == c => {
                end = i + c.len_utf8();
                cur = Some((s, pc));
            }
            _ => {
                if let Some((s, _)) = cur.take() {
                    out.push(s..end);
                }
                if visible {
                    cur = Some((i, c));
                    end = i + c.len_utf8();
                }
            }
        }
    }
    if let Some((s, _)) = cur {
        out.push(s..end);
    }
}

/// The document as CoNLL: `token LABEL` lines, a blank line after each sentence.
///
/// `text` is the text `doc` was extracted from; it is tokenized here. The extractor renders
/// from its own tokens instead ([`crate::Extractor::extract_rendered`]).
pub fn to_conll(doc: &Document, text: &str) -> String {
    conll(doc, text, &tokenize(&NormalizedText::new(text)))
}

/// [`to_conll`] over the tokens of the document's analysis.
pub(crate) fn conll(doc: &Document, text: &str, tk: &Tokenized) -> String {
    // Sentences as lists of token byte ranges (words and punctuation).
    let n = tk.sentences.len();
    let mut sents: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); n];
    if n == 0 {
        return String::new();
    }
    let mut gap = Vec::new();
    let mut prev_end = 0usize;
    for (si, s) in tk.sentences.iter().enumerate() {
        for ti in s.tokens.clone() {
            let span = tk.tokens[ti].span.clone();
            gap.clear();
            punct_tokens(text, prev_end..span.start.max(prev_end), &mut gap);
            if ti == s.tokens.start && si > 0 {
                // Between two sentences: up to the last whitespace belongs to the previous one.
                let g = &text[prev_end..span.start.max(prev_end)];
                let cut = g.rfind(char::is_whitespace).map_or(span.start, |k| prev_end + k);
                for r in gap.drain(..) {
                    if r.start < cut {
                        sents[si - 1].push(r);
                    } else {
                        sents[si].push(r);
                    }
                }
            } else {
                sents[si].append(&mut gap);
            }
            sents[si].push(span.clone());
            prev_end = span.end;
        }
    }
    gap.clear();
    punct_tokens(text, prev_end..text.len(), &mut gap);
    sents[n - 1].append(&mut gap);

    let mut ents: Vec<&crate::document::Entity> = doc
        .entities
        .iter()
        .filter(|e| e.span.bytes.start < e.span.bytes.end && e.span.bytes.end <= text.len())
        .collect();
    ents.sort_by_key(|e| (e.span.bytes.start, std::cmp::Reverse(e.span.bytes.end)));

    let mut out = String::new();
    let mut first = 0usize; // first entity that may still overlap
    let mut prev_entity: Option<usize>;
    for sent in &sents {
        if sent.is_empty() {
            continue;
        }
        prev_entity = None;
        for r in sent {
            while first < ents.len() && ents[first].span.bytes.end <= r.start {
                first += 1;
            }
            let hit = ents[first..]
                .iter()
                .take_while(|e| e.span.bytes.start < r.end)
                .position(|e| e.span.bytes.end > r.start)
                .map(|k| first + k);
            let tok: String = text[r.clone()].chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
            out.push_str(&tok);
            out.push(' ');
            match hit {
                Some(k) => {
                    out.push_str(if prev_entity == Some(k) { "I-" } else { "B-" });
                    out.push_str(conll_label(ents[k].kind));
                }
                None => out.push('O'),
            }
            out.push('\n');
            prev_entity = hit;
        }
        out.push('\n');
    }
    out
}
