//! Entity recognition: gazetteer matches with clitic-aware boundaries, then rules for what the
//! gazetteers cannot say alone (titles resolved to their holder at the document date, cue-word
//! patterns for unknown names, in-document alias propagation, common-word aliases).

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::clitics::{for_each_reading, Article};
use crate::document::EntitySource;
use crate::gazetteer::{EntityType, Gazetteer, Payload};
use crate::lang::{self, WordSet};
use crate::lexicon::KeyForm;
use crate::normalize::NormalizedText;
use crate::tokenize::Tokenized;

/// An entity mention before it is turned into an output record.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Token index range (the first token may carry proclitics outside the mention).
    pub tokens: Range<usize>,
    /// Byte span in the normalized text (clitics excluded).
    pub norm: Range<usize>,
    /// Normalized byte span of the proclitics, if any.
    pub clitic: Option<Range<usize>>,
    /// Entity type.
    pub kind: EntityType,
    /// Gazetteer entity index.
    pub entity: Option<u32>,
    /// Nationality index (NORP mentions).
    pub nationality: Option<u32>,
    /// Title index (role words; kept for the event rules, not output as entities on their own).
    pub title: Option<u32>,
    /// How it was found.
    pub source: EntitySource,
    /// The alias is context-flagged (a common word that needs a cue or an earlier mention).
    pub context: bool,
}



/// The closed word classes the rules read (`gazetteers/lang/ar/<name>.tsv`), looked up once.
pub(crate) struct Words {
    pub place_word: &'static WordSet,
    pub place_preposition: &'static WordSet,
    pub org_cue: &'static WordSet,
    pub person_cue: &'static WordSet,
    pub org_designator: &'static WordSet,
    pub place_designator: &'static WordSet,
    pub stopword: &'static WordSet,
    pub name_particle: &'static WordSet,
    pub patronymic: &'static WordSet,
    pub verb_after_name: &'static WordSet,
}

/// The NER word sets.
pub(crate) fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| Words {
        place_word: lang::set("place_word"),
        place_preposition: lang::set("place_preposition"),
        org_cue: lang::set("org_cue"),
        person_cue: lang::set("person_cue"),
        org_designator: lang::set("org_designator"),
        place_designator: lang::set("place_designator"),
        stopword: lang::set("name_stopword"),
        name_particle: lang::set("name_particle"),
        patronymic: lang::set("patronymic"),
        verb_after_name: lang::set("verb_after_name"),
    })
}

/// A candidate match of the lexicon at one token.
struct Candidate {
    norm: Range<usize>,
    clitic: Option<Range<usize>>,
    tok_end: usize,
    payloads: Vec<Payload>,
}

/// Finds entity mentions in a tokenized normalized text.
pub fn recognize(g: &Gazetteer, nt: &NormalizedText<'_>, tok: &Tokenized, date: Option<NaiveDate>) -> Vec<Mention> {
    recognize_with_hits(g, nt, tok, date, None)
}

/// Raw lexicon hits of one token, as bits: for every alias that covers the token, before any
/// selection, `bit(kind, inside, context)` (see [`hit_bit`]).
pub type Hits = u32;

/// The bit of a raw lexicon hit: kind 0 PER, 1 LOC/FAC, 2 ORG, 3 other entity, 4 title,
/// 5 nationality; `inside` for a token after the alias's first; `context` for a flagged alias.
pub fn hit_bit(kind: u32, inside: bool, context: bool) -> Hits {
    1 << (kind * 4 + inside as u32 * 2 + context as u32)
}

/// [`recognize`], also filling `hits` (one entry per token) with the raw lexicon hits, which
/// the statistical tagger reads as features.
pub fn recognize_with_hits(
    g: &Gazetteer,
    nt: &NormalizedText<'_>,
    tok: &Tokenized,
    date: Option<NaiveDate>,
    hits: Option<&mut Vec<Hits>>,
) -> Vec<Mention> {
    let norm = nt.normalized();
    let cands = candidates(g, norm, tok);
    if let Some(hits) = hits {
        raw_hits(g, &cands, hits);
    }
    // Pass 1: unambiguous mentions only, to learn which entities the document talks about.
    let first = select(g, norm, tok, &cands, &HashSet::default());
    let seen: HashSet<u32> = first.iter().filter_map(|m| m.entity).collect();
    // Pass 2: context-flagged aliases are accepted when their entity was seen.
    let mut mentions = select(g, norm, tok, &cands, &seen);
    resolve_titles(g, norm, tok, &mut mentions, date);
    add_patterns(norm, tok, &mut mentions);
    add_given_name_persons(g, nt, tok, &mut mentions);
    mentions.sort_by_key(|m| (m.norm.start, m.norm.end));
    mentions
}

fn raw_hits(g: &Gazetteer, cands: &[Vec<Candidate>], hits: &mut Vec<Hits>) {
    hits.clear();
    hits.resize(cands.len(), 0);
    for (ti, cs) in cands.iter().enumerate() {
        for c in cs {
            for p in &c.payloads {
                let (kind, context) = match *p {
                    Payload::Entity { idx, context } => match g.entities[idx as usize].kind {
                        EntityType::PER => (0, context),
                        EntityType::LOC | EntityType::FAC => (1, context),
                        EntityType::ORG => (2, context),
                        _ => (3, context),
                    },
                    Payload::Title(_) => (4, false),
                    Payload::Nationality(_) => (5, false),
                };
                for (k, h) in hits[ti..c.tok_end.min(cands.len())].iter_mut().enumerate() {
                    *h |= hit_bit(kind, k > 0, context);
                }
            }
        }
    }
}

fn candidates(g: &Gazetteer, norm: &str, tok: &Tokenized) -> Vec<Vec<Candidate>> {
    let hay = norm.as_bytes();
    let mut out: Vec<Vec<Candidate>> = Vec::with_capacity(tok.tokens.len());
    let mut starts: Vec<(usize, KeyForm, usize)> = Vec::with_capacity(8);
    for (ti, t) in tok.tokens.iter().enumerate() {
        let word = &norm[t.norm.clone()];
        starts.clear();
        let no_split = g.no_split.contains(word);
        for_each_reading(word, |r| {
            if r.future || (no_split && r.proclitics > 0) {
                return;
            }
            let (off, form) = match r.article {
                Article::Contracted => (r.stem, KeyForm::Contracted),
                _ => (r.name_start(), KeyForm::Plain),
            };
            let s = (t.norm.start + off, form, t.norm.start + r.proclitics);
            if !starts.contains(&s) {
                starts.push(s);
            }
        });
        let mut cs = Vec::new();
        // A name never runs past its sentence (an alias may contain a full stop: "د.ب.ا").
        let in_sentence = &tok.tokens[ti..tok.sentence_end(ti)];
        for &(pos, form, clitic_end) in &starts {
            g.lexicon.walk(hay, pos, |end, payloads| {
                let Ok(tj) = in_sentence.binary_search_by_key(&end, |t| t.norm.end) else { return };
                let ps: Vec<Payload> = payloads.iter().filter(|(_, f)| *f == form).map(|(p, _)| *p).collect();
                if ps.is_empty() {
                    return;
                }
                // A clitic-stripped reading must be a plausible word split: in "لل" readings
                // the clitic includes the contracted article.
                let clitic_end = if form == KeyForm::Contracted { pos } else { clitic_end };
                let clitic = (clitic_end > t.norm.start).then_some(t.norm.start..clitic_end);
                cs.push(Candidate { norm: pos..end, clitic, tok_end: ti + tj + 1, payloads: ps });
            });
        }
        // Longest first; among equal ends, the reading that strips fewer clitics.
        cs.sort_by(|a, b| b.norm.end.cmp(&a.norm.end).then(a.norm.start.cmp(&b.norm.start)));
        out.push(cs);
    }
    out
}

fn word<'n>(norm: &'n str, tok: &Tokenized, i: usize) -> &'n str {
    &norm[tok.tokens[i].norm.clone()]
}

/// True when the token before `ti` (in the same sentence) is one of `cues`, or the mention's
/// own clitic is a preposition and `prep_ok`.
fn has_cue(norm: &str, tok: &Tokenized, ti: usize, cues: &[&WordSet]) -> bool {
    if ti == 0 || tok.sentence_of(ti - 1) != tok.sentence_of(ti) {
        return false;
    }
    let prev = word(norm, tok, ti - 1);
    let any = |w: &str| cues.iter().any(|s| s.contains(w));
    any(prev) || prev.strip_prefix('و').is_some_and(any)
}

fn accept(g: &Gazetteer, norm: &str, tok: &Tokenized, ti: usize, c: &Candidate, p: &Payload, seen: &HashSet<u32>) -> bool {
    match *p {
        Payload::Entity { idx, context } => {
            let e = &g.entities[idx as usize];
            // "أحمد بن طولون", "أبو ظبي" aside: after بن/ابن/بنت/أبو a word from the bulk place
            // data is part of a person's name (Toulon, Bonn and Newton are also places).
            if e.rank >= 3
                && e.kind == EntityType::LOC
                && c.clitic.is_none()
                && ti > 0
                && tok.sentence_of(ti - 1) == tok.sentence_of(ti)
                && words().patronymic.contains(word(norm, tok, ti - 1))
            {
                return false;
            }
            // Tiny places from bulk data (GeoNames alternate names) collide with ordinary words
            // once a conjunction is stripped ("وكالة" = و + "كالة"): a conjunction alone is not
            // evidence enough for them.
            if e.rank >= 3 && e.kind == EntityType::LOC && e.population < 20_000 {
                if let Some(r) = &c.clitic {
                    let cl = &norm[r.clone()];
                    if cl.chars().all(|ch| crate::clitics::CONJUNCTIONS.contains(&ch)) && !has_cue(norm, tok, ti, &[words().place_word]) {
                        return false;
                    }
                }
            }
            if !context {
                return true;
            }
            // An earlier unambiguous mention licenses the common-word alias, except behind a
            // preposition for organizations: "نادي التعاون" ... "بالتعاون مع" is the word.
            let prep = c.clitic.as_ref().is_some_and(|r| norm[r.clone()].contains(['ب', 'ل', 'ك']));
            if seen.contains(&idx) && !(e.kind == EntityType::ORG && prep) {
                return true;
            }
            match e.kind {
                EntityType::LOC | EntityType::FAC => {
                    // A preposition tells a place from a person ("في جاسم" vs "جاسم محمد") but
                    // not from a common noun ("في الخبر" = "in the news"): prepositions license
                    // only place names that are also given names; common-noun homonyms need a
                    // place word (محافظة، مدينة، بلدة ...).
                    let key = &norm[c.norm.clone()];
                    if g.given_names.contains_key(key) {
                        let prep_clitic = c.clitic.as_ref().is_some_and(|r| {
                            let cl = &norm[r.clone()];
                            cl.ends_with('ب') || cl.ends_with("لل") || cl.ends_with('ل')
                        });
                        prep_clitic || has_cue(norm, tok, ti, &[words().place_word, words().place_preposition])
                    } else {
                        has_cue(norm, tok, ti, &[words().place_word])
                    }
                }
                EntityType::ORG => has_cue(norm, tok, ti, &[words().org_cue]),
                EntityType::PER => has_cue(norm, tok, ti, &[words().person_cue]),
                _ => false,
            }
        }
        Payload::Nationality(_) | Payload::Title(_) => true,
    }
}

fn select(g: &Gazetteer, norm: &str, tok: &Tokenized, cands: &[Vec<Candidate>], seen: &HashSet<u32>) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut ti = 0;
    while ti < cands.len() {
        let mut chosen = None;
        for c in &cands[ti] {
            let mut accepted: Vec<Payload> =
                c.payloads.iter().filter(|p| accept(g, norm, tok, ti, c, p, seen)).copied().collect();
            // A cue word decides between homonyms of different types: "مدينة العين" is the
            // city even when the club was named before.
            let kind_of = |p: &Payload| match *p {
                Payload::Entity { idx, .. } => Some(g.entities[idx as usize].kind),
                _ => None,
            };
            let mixed = accepted.iter().any(|p| kind_of(p) != accepted.first().and_then(kind_of));
            if let Some(ty) = mixed.then(|| cue_type(norm, tok, ti)).flatten() {
                let of_type = |p: &Payload| kind_of(p).is_some_and(|k| k == ty || (ty == EntityType::LOC && k == EntityType::FAC));
                if accepted.iter().any(of_type) {
                    accepted.retain(of_type);
                }
            }
            if let Some(best) = best_payload(g, &accepted) {
                chosen = Some((c, best));
                break;
            }
        }
        match chosen {
            Some((c, p)) => {
                let mut m = Mention {
                    tokens: ti..c.tok_end,
                    norm: c.norm.clone(),
                    clitic: c.clitic.clone(),
                    kind: EntityType::MISC,
                    entity: None,
                    nationality: None,
                    title: None,
                    source: EntitySource::Gazetteer,
                    context: false,
                };
                match p {
                    Payload::Entity { idx, context } => {
                        m.context = context;
                        m.kind = g.entities[idx as usize].kind;
                        m.entity = Some(idx);
                    }
                    Payload::Nationality(n) => {
                        m.kind = EntityType::NORP;
                        m.nationality = Some(n);
                    }
                    Payload::Title(t) => m.title = Some(t),
                }
                out.push(m);
                ti = c.tok_end;
            }
            None => ti += 1,
        }
    }
    out
}

/// Entities beat nationality adjectives and titles; among entities, the preferred file rank,
/// then the larger population, then file order.
/// The entity type that the word before token `ti` announces: a place word (محافظة، مدينة),
/// an organization cue (نادي، صحيفة، شركة) or a person cue (الرئيس، اللاعب).
fn cue_type(norm: &str, tok: &Tokenized, ti: usize) -> Option<EntityType> {
    if has_cue(norm, tok, ti, &[words().place_word]) {
        Some(EntityType::LOC)
    } else if has_cue(norm, tok, ti, &[words().org_cue]) {
        Some(EntityType::ORG)
    } else if has_cue(norm, tok, ti, &[words().person_cue]) {
        Some(EntityType::PER)
    } else {
        None
    }
}

fn best_payload(g: &Gazetteer, ps: &[Payload]) -> Option<Payload> {
    ps.iter().copied().min_by_key(|p| match *p {
        Payload::Entity { idx, .. } => {
            let e = &g.entities[idx as usize];
            (0, e.rank, u64::MAX - e.population, idx)
        }
        Payload::Title(t) => (1, 0, 0, t),
        Payload::Nationality(n) => (2, 0, 0, n),
    })
}

/// Tokens between two mentions that still count as adjacent (quotes, brackets are not tokens,
/// so adjacency is by token index).
fn adjacent(a: &Mention, b: &Mention) -> bool {
    a.tokens.end == b.tokens.start
}

/// Titles: "الرئيس الروسي" (title + nationality) not followed by a name becomes a PER mention of
/// the role holder at the document date; a title directly followed by a name stays a cue.
/// Titles followed by an unknown name ("وزير الخارجية X Y") yield a pattern PER mention.
fn resolve_titles(g: &Gazetteer, norm: &str, tok: &Tokenized, ms: &mut Vec<Mention>, date: Option<NaiveDate>) {
    let mut added = Vec::new();
    // Tokens inside a mention, once (a scan of all mentions per title was quadratic).
    let taken = covered_tokens(tok, ms);
    for i in 0..ms.len() {
        let Some(t) = ms[i].title else { continue };
        let title = &g.titles[t as usize];
        let mut end = i;
        let mut country = title.country.clone();
        if let Some(next) = ms.get(i + 1) {
            if adjacent(&ms[i], next) {
                if let Some(n) = next.nationality {
                    country = g.nationalities[n as usize].country.clone();
                    end = i + 1;
                }
            }
        }
        let next = ms.get(end + 1).filter(|n| adjacent(&ms[end], n));
        if next.is_some_and(|n| n.kind == EntityType::PER) {
            continue; // "الرئيس الروسي فلاديمير بوتين": the name is there.
        }
        let Some(country) = country else { continue };
        let span_end_tok = ms[end].tokens.end;
        if let Some(holder) = g.role_holder(&title.role, &country, date) {
            let e = &g.entities[holder as usize];
            added.push(Mention {
                tokens: ms[i].tokens.start..span_end_tok,
                norm: ms[i].norm.start..ms[end].norm.end,
                clitic: ms[i].clitic.clone(),
                kind: e.kind,
                entity: Some(holder),
                nationality: None,
                title: Some(t),
                source: EntitySource::Title,
                context: false,
            });
        } else if next.is_none() {
            // Unknown name after the title: up to two plain words.
            let mut k = span_end_tok;
            let sent = tok.sentence_of(ms[i].tokens.start);
            let mut last = None;
            while k < tok.tokens.len() && k < span_end_tok + 2 && tok.sentence_of(k) == sent {
                let w = word(norm, tok, k);
                if words().stopword.contains(w) || w.starts_with("ال") || w.chars().count() < 3
                    || taken[k]
                    || w.bytes().all(|b| b.is_ascii_digit())
                {
                    break;
                }
                // The name must follow directly (no punctuation in between except quotes).
                let gap = &norm[tok.tokens[k - 1].norm.end..tok.tokens[k].norm.start];
                if !gap.chars().all(|c| c == ' ' || c == '"' || c == '«' || c == '»') {
                    break;
                }
                last = Some(k);
                k += 1;
            }
            if let Some(l) = last {
                let _ = country;
                added.push(Mention {
                    tokens: span_end_tok..l + 1,
                    norm: tok.tokens[span_end_tok].norm.start..tok.tokens[l].norm.end,
                    clitic: None,
                    kind: EntityType::PER,
                    entity: None,
                    nationality: None,
                    title: None,
                    source: EntitySource::Pattern,
                    context: false,
                });
            }
        }
    }
    ms.extend(added);
}

/// Cue-word patterns for names the gazetteers lack: تنظيم "حراس الدين", محافظة X.
fn add_patterns(norm: &str, tok: &Tokenized, ms: &mut Vec<Mention>) {
    let taken = covered_tokens(tok, ms);
    let covered = |_: &[Mention], ti: usize| taken[ti];
    let mut added = Vec::new();
    for ti in 0..tok.tokens.len().saturating_sub(1) {
        let w = word(norm, tok, ti);
        let w = w.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(w);
        let w = w.strip_prefix("ال").unwrap_or(w);
        let kind = if words().org_designator.contains(w) {
            EntityType::ORG
        } else if words().place_designator.contains(w) {
            EntityType::LOC
        } else {
            continue;
        };
        let next = ti + 1;
        if covered(ms, next) || tok.sentence_of(next) != tok.sentence_of(ti) {
            continue;
        }
        let gap = &norm[tok.tokens[ti].norm.end..tok.tokens[next].norm.start];
        let quote = gap.trim().chars().last().filter(|c| matches!(c, '"' | '«' | '(' | '“'));
        let last = if let Some(q) = quote {
            let close = match q {
                '«' => '»',
                '(' => ')',
                '“' => '”',
                _ => '"',
            };
            // Name = tokens up to the closing quote, at most 5.
            let mut k = next;
            while k + 1 < tok.tokens.len()
                && k < next + 4
                && !norm[tok.tokens[k].norm.end..tok.tokens[k + 1].norm.start].contains(close)
            {
                k += 1;
            }
            let after = norm[tok.tokens[k].norm.end..].chars().next();
            if after != Some(close) {
                continue;
            }
            k
        } else {
            let nw = word(norm, tok, next);
            if kind == EntityType::ORG || words().stopword.contains(nw) || nw.chars().count() < 3 || nw.bytes().any(|b| b.is_ascii_digit()) {
                continue; // unquoted organization names are too often common nouns
            }
            next
        };
        if (next..=last).any(|k| covered(ms, k)) {
            continue;
        }
        added.push(Mention {
            tokens: next..last + 1,
            norm: tok.tokens[next].norm.start..tok.tokens[last].norm.end,
            clitic: None,
            kind,
            entity: None,
            nationality: None,
            title: None,
            source: EntitySource::Pattern,
            context: false,
        });
    }
    ms.extend(added);
}

/// For each token: whether a mention covers it.
fn covered_tokens(tok: &Tokenized, ms: &[Mention]) -> Vec<bool> {
    let mut covered = vec![false; tok.tokens.len()];
    for m in ms {
        for c in &mut covered[m.tokens.clone()] {
            *c = true;
        }
    }
    covered
}



/// The given name that token `ti` starts: (name, clitic length, ambiguous, two words). A
/// two-word name ("عبد الرحمن", "وأبو بكر", "نور الدين") wins over its first word; the word
/// as written wins over a clitic-stripped reading. One pass over the clitic readings.
fn given_name_at<'n>(g: &Gazetteer, norm: &'n str, tok: &Tokenized, ti: usize) -> Option<(&'n str, usize, bool, bool)> {
    let a = &tok.tokens[ti];
    let w = &norm[a.norm.clone()];
    // Stems of the readings without article or future prefix: the word itself first.
    let mut stems = [0usize; 4];
    let mut n = 1;
    for_each_reading(w, |r| {
        if r.article == Article::None && !r.future && r.proclitics > 0 && n < stems.len() && !stems[..n].contains(&r.stem) {
            stems[n] = r.stem;
            n += 1;
        }
    });
    let stems = &stems[..n];
    if let Some(b) = tok.tokens.get(ti + 1) {
        if stems.iter().any(|&st| g.given_name_heads.contains(&w[st..]))
            && &norm[a.norm.end..b.norm.start] == " "
            && ti + 1 < tok.sentence_end(ti)
        {
            for &st in stems {
                let key = &norm[a.norm.start + st..b.norm.end];
                if let Some(&amb) = g.given_names.get(key) {
                    return Some((key, st, amb, true));
                }
            }
        }
    }
    stems.iter().find_map(|&st| g.given_names.get(&w[st..]).map(|&amb| (&w[st..], st, amb, false)))
}

fn is_name_word(w: &str) -> bool {
    w.chars().count() >= 2
        && !words().stopword.contains(w)
        && !words().verb_after_name.contains(w)
        && w.chars().all(|c| c.is_alphabetic())
        && !w.is_ascii()
}


/// Persons the gazetteers lack: a known given name followed by one or two name words
/// ("أحمد الشمري", "جيمس جيفري", "محمد بن سلمان"); later bare surnames link back.
fn add_given_name_persons(g: &Gazetteer, nt: &NormalizedText<'_>, tok: &Tokenized, ms: &mut Vec<Mention>) {
    let norm = nt.normalized();
    if g.given_names.is_empty() {
        return;
    }
    // A single-word place that is also a given name ("فلاديمير") followed by a name word is the
    // person's first name.
    ms.retain(|m| {
        let single_loc = m.kind == EntityType::LOC && m.tokens.len() == 1 && m.clitic.is_none();
        let next_is_name = tok.tokens.get(m.tokens.end).is_some_and(|t| {
            norm[tok.tokens[m.tokens.start].norm.end..t.norm.start] == *" " && is_name_word(&norm[t.norm.clone()])
        });
        let place_cue = has_cue(norm, tok, m.tokens.start, &[words().place_word, words().place_preposition]) || m.clitic.is_some();
        !(single_loc && next_is_name && !place_cue && g.given_names.get(&norm[m.norm.clone()]) == Some(&false))
    });
    let mut covered = vec![false; tok.tokens.len()];
    for m in ms.iter() {
        for k in m.tokens.clone() {
            covered[k] = true;
        }
    }
    // Mentions by first token, so that each lookup below costs the few mentions of a short
    // range instead of a scan of the document (quadratic on long documents).
    let mut by_start: Vec<(usize, usize)> = ms.iter().enumerate().map(|(i, m)| (m.tokens.start, i)).collect();
    by_start.sort_unstable();
    let starting_in = |r: Range<usize>| {
        let lo = by_start.partition_point(|&(s, _)| s < r.start);
        let hi = by_start.partition_point(|&(s, _)| s < r.end);
        by_start[lo..hi].iter().map(|&(_, i)| i)
    };
    let mut absorbed = vec![false; ms.len()];
    let mut added: Vec<Mention> = Vec::new();
    let mut surnames: Vec<(String, usize)> = Vec::new();
    let mut ti = 0;
    while ti < tok.tokens.len() {
        if covered[ti] {
            ti += 1;
            continue;
        }
        let Some((name, off, ambiguous, two_words)) = given_name_at(g, norm, tok, ti) else {
            ti += 1;
            continue;
        };
        // The given name ends at token `first`.
        let first = if two_words { ti + 1 } else { ti };
        // Normalization writes the preposition على like the name علي; the original tells them
        // apart ("وافق الرئيس على الاتفاق").
        if name == "علي" && nt.original()[tok.tokens[ti].span.clone()].ends_with('ى') {
            ti += 1;
            continue;
        }
        let cue = has_cue(norm, tok, ti, &[words().person_cue]);
        if ambiguous && !cue {
            ti += 1;
            continue;
        }
        let sent_end = tok.sentence_end(ti);
        let mut last = first;
        let mut k = first + 1;
        let mut pending_particle = false;
        while k < sent_end && k <= first + 4 {
            let gap = &norm[tok.tokens[k - 1].norm.end..tok.tokens[k].norm.start];
            if gap != " " {
                break;
            }
            let nw = word(norm, tok, k);
            if covered[k] {
                // A known PER right after the given name is its surname ("بشار" + "الاسد").
                let per = starting_in(k..k + 1).any(|i| ms[i].kind == EntityType::PER);
                if per && !pending_particle {
                    last = starting_in(k..k + 1).next().map(|i| ms[i].tokens.end - 1).unwrap_or(k);
                }
                break;
            }
            if words().name_particle.contains(nw) {
                pending_particle = true;
                k += 1;
                continue;
            }
            // A word with the article ends a name ("نوري المالكي") and only right after the
            // given name or a particle; titles and cue words never belong to it.
            let article = nw.starts_with("ال") && !nw.starts_with("الله");
            if !is_name_word(nw)
                || words().person_cue.contains(nw)
                || (article && k > first + 1 && !pending_particle)
                || (k > first + 1 && !pending_particle && k - last > 1)
            {
                break;
            }
            if article {
                last = k;
                break;
            }
            last = k;
            pending_particle = false;
            k += 1;
            // Three-part names are given + father's given name + family name ("علي عبدالله صالح",
            // "محمد جواد ظريف"): a word after a family name is not part of the name ("نور الدين
            // زنكي حكم").
            let next_is_particle = words().name_particle.contains(word(norm, tok, k.min(tok.tokens.len() - 1)));
            if (k - first >= 3 || !g.given_names.contains_key(nw)) && !next_is_particle {
                break;
            }
        }
        if last == first && !cue {
            ti += 1;
            continue;
        }
        let start = tok.tokens[ti].norm.start + off;
        let end = tok.tokens[last].norm.end;
        let covered_entity = starting_in(ti + 1..last + 1)
            .map(|i| &ms[i])
            .find(|m| m.tokens.end == last + 1 && m.kind == EntityType::PER);
        let (entity, source) = match covered_entity {
            Some(m) => (m.entity, m.source),
            None => (None, EntitySource::Pattern),
        };
        if last > ti {
            let sur = word(norm, tok, last).to_string();
            if sur.chars().count() >= 3 && entity.is_none() {
                surnames.push((sur, last + 1));
            }
        }
        // The known surname mention is absorbed into the full name.
        for i in starting_in(ti + 1..last + 1) {
            if ms[i].tokens.end <= last + 1 {
                absorbed[i] = true;
            }
        }
        added.push(Mention {
            tokens: ti..last + 1,
            norm: start..end,
            clitic: (off > 0).then(|| tok.tokens[ti].norm.start..start),
            kind: EntityType::PER,
            entity,
            nationality: None,
            title: None,
            source,
            context: false,
        });
        for c in covered.iter_mut().take(last + 1).skip(ti) {
            *c = true;
        }
        ti = last + 1;
    }
    let mut i = 0;
    ms.retain(|_| {
        i += 1;
        !absorbed[i - 1]
    });
    // Later bare surnames of persons: of pattern persons, and of gazetteer persons named in
    // full ("كوفي أنان" ... "أنان"), which also beat a small homonym place from bulk data.
    let mut linked: Vec<(String, usize, Option<u32>)> = surnames.iter().map(|(s, f)| (s.clone(), *f, None)).collect();
    for m in ms.iter().chain(added.iter()) {
        if m.kind == EntityType::PER && m.entity.is_some() && m.tokens.len() >= 2 && m.source == EntitySource::Gazetteer {
            let last = word(norm, tok, m.tokens.end - 1).to_string();
            if last.chars().count() >= 3 && !last.starts_with("ال") {
                linked.push((last, m.tokens.end, m.entity));
            }
        }
    }
    let small_place = |m: &Mention| {
        m.kind == EntityType::LOC
            && m.tokens.len() == 1
            && m.entity.is_some_and(|e| {
                let r = &g.entities[e as usize];
                r.rank >= 3 && r.population < 100_000
            })
    };
    let mut replaceable = vec![false; tok.tokens.len()];
    for m in ms.iter().filter(|m| small_place(m)) {
        replaceable[m.tokens.start] = true;
    }
    // One pass over the tokens: each surname counts from its first full mention on.
    let mut by_surname: rustc_hash::FxHashMap<String, (usize, Option<u32>)> = rustc_hash::FxHashMap::default();
    for (sur, from, entity) in linked {
        let e = by_surname.entry(sur).or_insert((from, entity));
        if from < e.0 {
            *e = (from, entity);
        }
    }
    let mut to_drop: Vec<usize> = Vec::new();
    let scan = if by_surname.is_empty() { 0 } else { tok.tokens.len() };
    for k in 0..scan {
        let w = word(norm, tok, k);
        let mut hit = None;
        for_each_reading(w, |r| {
            if hit.is_none() && r.article == Article::None && !r.future {
                if let Some(&(from, entity)) = by_surname.get(&w[r.stem..]) {
                    if k >= from {
                        hit = Some((r.stem, entity));
                    }
                }
            }
        });
        let Some((off, entity)) = hit else { continue };
        if covered[k] && !replaceable[k] {
            continue;
        }
        {
            let entity = &entity;
            let t = &tok.tokens[k];
            if replaceable[k] {
                to_drop.push(k);
            }
            added.push(Mention {
                tokens: k..k + 1,
                norm: t.norm.start + off..t.norm.end,
                clitic: (off > 0).then(|| t.norm.start..t.norm.start + off),
                kind: EntityType::PER,
                entity: *entity,
                nationality: None,
                title: None,
                source: if entity.is_some() { EntitySource::Gazetteer } else { EntitySource::Pattern },
                context: false,
            });
            covered[k] = true;
        }
    }
    if !to_drop.is_empty() {
        ms.retain(|m| !(small_place(m) && to_drop.binary_search(&m.tokens.start).is_ok()));
    }
    ms.extend(added);
}
