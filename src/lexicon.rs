//! A dictionary of normalized multi-word keys, searched by anchored walks from clitic-aware
//! start positions.
//!
//! Keys are compiled into one Aho-Corasick automaton (a contiguous NFA, compact even with a few
//! hundred thousand keys). Instead of scanning the text blindly and then discarding matches that
//! start inside words, the matcher walks the automaton *anchored* at the positions where a name
//! may start (token starts and the ends of admissible proclitics, from [`crate::clitics`]) and
//! collects every key that ends there. The walk stops at the first dead state, so each start
//! costs a few transitions.

use std::collections::BTreeMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// How a key was derived from its alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyForm {
    /// The alias as written (normalized).
    Plain,
    /// The alias with its leading article ال removed: only valid right after the contracted
    /// article of "لل" ("للتنف" → التنف).
    Contracted,
}

/// Canonical form of an alias as a lexicon key: normalized, whitespace collapsed, quotes and
/// tatweel-like punctuation removed at the edges. `None` when nothing usable is left.
pub fn key_of(alias: &str) -> Option<String> {
    let norm = crate::normalize::normalize(alias);
    let mut out = String::with_capacity(norm.len());
    for word in norm.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let trimmed = out.trim_matches(|c: char| matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '(' | ')'));
    (trimmed.chars().count() >= 2).then(|| trimmed.to_string())
}

/// A compiled dictionary from keys to payloads.
#[derive(Clone)]
pub struct Lexicon<P> {
    nfa: NFA,
    /// Per pattern id: (payload, form).
    payloads: Vec<Vec<(P, KeyForm)>>,
    keys: Vec<String>,
}

impl<P: Clone> Lexicon<P> {
    /// Builds from (alias, payload) pairs. Aliases are turned into keys with [`key_of`]; an alias
    /// starting with the article also yields its [`KeyForm::Contracted`] key.
    pub fn build(entries: impl IntoIterator<Item = (String, P)>) -> Self {
        let mut map: BTreeMap<String, Vec<(P, KeyForm)>> = BTreeMap::new();
        for (alias, payload) in entries {
            let Some(key) = key_of(&alias) else { continue };
            if let Some(rest) = key.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    map.entry(rest.to_string()).or_default().push((payload.clone(), KeyForm::Contracted));
                }
            }
            map.entry(key).or_default().push((payload, KeyForm::Plain));
        }
        let keys: Vec<String> = map.keys().cloned().collect();
        let payloads: Vec<Vec<(P, KeyForm)>> = map.into_values().collect();
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&keys)
            .expect("lexicon automaton fits in memory");
        Lexicon { nfa, payloads, keys }
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the lexicon has no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// All keys (normalized), in sorted order.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Calls `f(end, payloads)` for every key that occurs in `hay` starting exactly at `start`.
    /// `end` is the byte offset just past the key. Shorter keys are reported first.
    pub fn walk(&self, hay: &[u8], start: usize, mut f: impl FnMut(usize, &[(P, KeyForm)])) {
        let Ok(mut sid) = self.nfa.start_state(Anchored::Yes) else { return };
        for (i, &b) in hay.iter().enumerate().skip(start) {
            sid = self.nfa.next_state(Anchored::Yes, sid, b);
            if self.nfa.is_dead(sid) {
                return;
            }
            if self.nfa.is_match(sid) {
                let len = i + 1 - start;
                for k in 0..self.nfa.match_len(sid) {
                    let pid = self.nfa.match_pattern(sid, k);
                    // Anchored states still carry suffix matches; keep only keys starting here.
                    if self.nfa.pattern_len(pid) == len {
                        f(i + 1, &self.payloads[pid.as_usize()]);
                    }
                }
            }
        }
    }

    /// Payloads of an exact key (already in key form).
    pub fn get(&self, key: &str) -> Option<&[(P, KeyForm)]> {
        self.keys.binary_search_by(|k| k.as_str().cmp(key)).ok().map(|i| self.payloads[i].as_slice())
    }
}

impl<P> std::fmt::Debug for Lexicon<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} keys)", self.keys.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_walk_reports_only_keys_starting_at_the_anchor() {
        let lex = Lexicon::build(vec![
            ("بوتين".to_string(), 1),
            ("فلاديمير بوتين".to_string(), 2),
            ("التنف".to_string(), 3),
            ("تين".to_string(), 4),
        ]);
        let hay = "فلاديمير بوتين".as_bytes();
        let mut got = vec![];
        lex.walk(hay, 0, |end, p| got.push((end, p[0].0)));
        assert_eq!(got, vec![(hay.len(), 2)]);
        let mut got = vec![];
        let b = "فلاديمير ".len();
        lex.walk(hay, b, |end, p| got.push((end, p[0].0)));
        assert_eq!(got, vec![(hay.len(), 1)]);
        assert_eq!(lex.get("تنف").unwrap()[0], (3, KeyForm::Contracted));
        assert_eq!(key_of("  \"مايك   بومبيو\" "), Some("مايك بومبيو".to_string()));
        assert_eq!(key_of("و"), None);
    }
}
