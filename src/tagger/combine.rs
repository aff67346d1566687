//! Combining the gazetteer mentions with the tagger's spans (`--ner hybrid`).
//!
//! - A gazetteer match with an id that is not a context-flagged alias keeps its id and type; when
//!   the tagger's span sits inside it and the rest is titles or designators ("الملك عبدالله",
//!   "قطاع غزة"), the span shrinks to the bare name (ANERcorp's convention), keeping the id.
//! - Context-flagged aliases and cue-pattern names (no id) stand only where the tagger sees a name;
//!   the tagger's boundaries and type win for names without an id.
//! - Names only the tagger finds are added with source "model"; they get an id when the name is a
//!   gazetteer alias of the same type, or when it is the surname of a person named earlier.
//! - Titles, nationality adjectives and role holders pass through untouched (event rules read them).

use std::ops::Range;

use crate::clitics::{for_each_reading, Article};
use crate::document::EntitySource;
use crate::gazetteer::{EntityType, Gazetteer, Payload};
use crate::lexicon::KeyForm;
use crate::ner::{words, Mention};
use crate::tokenize::Tokenized;

/// A tagged span: token range and type (PER, LOC, ORG).
#[derive(Debug, Clone, PartialEq)]
struct Span {
    tokens: Range<usize>,
    kind: EntityType,
}

fn spans(tags: &[u8]) -> Vec<Span> {
    let kind_of = |t: u8| match (t + 1) / 2 {
        1 => Some(EntityType::PER),
        2 => Some(EntityType::LOC),
        3 => Some(EntityType::ORG),
        _ => None, // MISC: trained on, not output
    };
    let mut out = Vec::new();
    let mut j = 0;
    while j < tags.len() {
        let t = tags[j];
        if t == 0 || t % 2 == 0 {
            j += 1;
            continue;
        }
        let mut k = j + 1;
        while k < tags.len() && tags[k] == t + 1 {
            k += 1;
        }
        if let Some(kind) = kind_of(t) {
            out.push(Span { tokens: j..k, kind });
        }
        j = k;
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A title or designator word that ANERcorp leaves outside a name.
fn is_cue(w: &str) -> bool {
    let s = words();
    s.person_cue.contains(w) || s.place_word.contains(w) || s.org_designator.contains(w) || s.place_designator.contains(w)
}

fn same_kind(a: EntityType, b: EntityType) -> bool {
    a == b || matches!((a, b), (EntityType::LOC, EntityType::FAC) | (EntityType::FAC, EntityType::LOC))
}

/// Merges the gazetteer mentions `ms` with the tagger's tags (one per token).
pub(crate) fn combine(g: &Gazetteer, norm: &str, tok: &Tokenized, ms: Vec<Mention>, tags: &[u8]) -> Vec<Mention> {
    let word = |i: usize| &norm[tok.tokens[i].norm.clone()];
    let mut sp = spans(tags);
    // Titles and designators at the edge of a span are not part of the name; a span of them only
    // is no name at all ("الرئيس الفلسطيني" is no person).
    sp.retain_mut(|s| {
        while !s.tokens.is_empty() && is_cue(word(s.tokens.start)) {
            s.tokens.start += 1;
        }
        !s.tokens.is_empty()
    });
    let mut model: Vec<Option<Mention>> = sp.iter().map(|s| Some(model_mention(g, norm, tok, s))).collect();
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len() + sp.len());
    for m in ms {
        let entity_like = matches!(m.kind, EntityType::PER | EntityType::ORG | EntityType::LOC | EntityType::FAC);
        let title = m.title.is_some() || m.source == EntitySource::Title;
        if !entity_like || (title && m.entity.is_none()) {
            out.push(m); // titles as cues, nationality adjectives: for the event rules
            continue;
        }
        // The spans are sorted and disjoint: the ones overlapping `m` are a run found by binary
        // search (a scan of every span per mention was quadratic on long documents).
        let first = sp.partition_point(|s| s.tokens.end <= m.tokens.start);
        let over: Vec<usize> =
            (first..sp.len()).take_while(|&i| sp[i].tokens.start < m.tokens.end).filter(|&i| overlaps(&sp[i].tokens, &m.tokens)).collect();
        if over.is_empty() {
            // The tagger sees no name here. An unambiguous alias with an id and a role holder
            // stay (ANERcorp leaves "الجيش الإسرائيلي" untagged, but it is an organization and
            // the events need it); a context-flagged alias needs the tagger's agreement.
            let keep = m.entity.is_some() && (title || !m.context);
            if keep {
                out.push(m);
            }
            continue;
        }
        if let [i] = over[..] {
            let s = &sp[i];
            if let Some(mm) = model[i].as_mut() {
                if s.tokens == m.tokens && same_kind(s.kind, m.kind) {
                    // The tagger agrees: the gazetteer's reading (id, clitic split) stands.
                    *mm = Mention { kind: m.kind, ..m };
                } else if m.entity.is_some() && same_kind(s.kind, m.kind)
                    && m.tokens.start <= s.tokens.start && s.tokens.end <= m.tokens.end
                {
                    // "تنظيم داعش", "قطاع غزة": the gazetteer's name with its designator and id
                    // stands (the event rules read designators, and news annotation keeps them).
                    *mm = Mention { kind: m.kind, ..m };
                }
            }
        }
    }
    let mut added: Vec<Mention> = model.into_iter().flatten().collect();
    link_surnames(norm, tok, &added.clone(), &mut added);
    out.extend(added);
    out.sort_by_key(|m| (m.norm.start, m.norm.end));
    out
}

/// A mention for a tagged span: the first word's proclitics are outside it when the rest is a
/// known name or carries the article ("والعراق", "لداعش"); the id when the name is an alias of
/// the same type.
fn model_mention(g: &Gazetteer, norm: &str, tok: &Tokenized, s: &Span) -> Mention {
    let first = &tok.tokens[s.tokens.start];
    let end = tok.tokens[s.tokens.end - 1].norm.end;
    let w = &norm[first.norm.clone()];
    let mut best: Option<(usize, Option<u32>)> = None;
    let lookup = |start: usize, form: KeyForm| -> Option<Option<u32>> {
        let key = &norm[start..end];
        let ps = g.lexicon.get(key)?;
        let id = ps.iter().find_map(|(p, f)| match *p {
            Payload::Entity { idx, context: false } if *f == form && same_kind(g.entities[idx as usize].kind, s.kind) => Some(idx),
            _ => None,
        });
        Some(id)
    };
    if let Some(id) = lookup(first.norm.start, KeyForm::Plain) {
        best = Some((0, id));
    }
    for_each_reading(w, |r| {
        if r.future || r.proclitics == 0 || best.as_ref().is_some_and(|b| b.1.is_some()) {
            return;
        }
        let (off, form) = match r.article {
            Article::Contracted => (r.stem, KeyForm::Contracted),
            _ => (r.name_start(), KeyForm::Plain),
        };
        if off >= w.len() {
            return;
        }
        let known = lookup(first.norm.start + off, form);
        let with_article = r.article != Article::None;
        let given = g.given_names.contains_key(&w[off..]);
        if known.is_some_and(|id| id.is_some()) || (best.is_none() && (with_article || given || known.is_some())) {
            best = Some((off, known.flatten()));
        }
    });
    let (off, entity) = best.unwrap_or((0, None));
    let start = first.norm.start + off;
    Mention {
        tokens: s.tokens.clone(),
        norm: start..end,
        clitic: (off > 0).then(|| first.norm.start..start),
        kind: s.kind,
        entity,
        nationality: None,
        title: None,
        source: EntitySource::Model,
        context: false,
    }
}

/// A one-word person name the tagger found that is the surname of a person with an id named
/// in the document ("بوش" after "جورج بوش") gets that id.
fn link_surnames(norm: &str, tok: &Tokenized, known: &[Mention], added: &mut [Mention]) {
    // The first known full name ending in each surname, indexed once (a scan of every known
    // name per candidate was quadratic on long documents).
    let mut by_surname: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    for m in known.iter().filter(|m| m.kind == EntityType::PER && m.tokens.len() >= 2) {
        if let Some(e) = m.entity {
            by_surname.entry(&norm[tok.tokens[m.tokens.end - 1].norm.clone()]).or_insert(e);
        }
    }
    for a in added.iter_mut().filter(|a| a.kind == EntityType::PER && a.entity.is_none() && a.tokens.len() == 1) {
        let w = &norm[a.norm.clone()];
        if w.chars().count() < 3 {
            continue;
        }
        a.entity = by_surname.get(w).copied();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_from_tags() {
        // O B-PER I-PER B-LOC B-MISC I-MISC B-ORG
        let s = spans(&[0, 1, 2, 3, 7, 8, 5]);
        assert_eq!(
            s,
            vec![
                Span { tokens: 1..3, kind: EntityType::PER },
                Span { tokens: 3..4, kind: EntityType::LOC },
                Span { tokens: 6..7, kind: EntityType::ORG }
            ]
        );
    }
}
