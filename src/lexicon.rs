//! A dictionary of normalized multi-word keys, searched by anchored walks from clitic-aware
//! start positions.
//!
//! Keys are compiled into a byte trie (the goto function of an Aho-Corasick automaton without
//! failure links, which anchored walks never follow). Instead of scanning the text blindly and
//! then discarding matches that start inside words, the matcher walks the trie *anchored* at the
//! positions where a name may start (token starts and the ends of admissible proclitics, from
//! [`crate::clitics`]) and collects every key that ends there. The walk stops at the first byte
//! with no edge, so each start costs a few steps.
//!
//! The trie is built in one pass over the sorted keys (linear in their total length, a few
//! milliseconds for a hundred thousand keys: this is most of the startup cost otherwise) and
//! stored flat, breadth-first: per node a slice of edges (symbol, child), searched linearly when
//! short and through a table over the whole alphabet when the node has many children. Its
//! unit is the character, numbered densely over the characters the keys use: one step per
//! Arabic letter, and a character no key uses ends the walk without touching the trie.

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
    // Normalize and collapse whitespace runs into one space in a single pass.
    let mut out = String::with_capacity(alias.len());
    let mut space = false;
    crate::normalize::for_each_folded(alias, |c| {
        if is_space(c) {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    });
    let trimmed = out.trim_matches(|c: char| matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '(' | ')'));
    trimmed.chars().nth(1)?; // at least two characters
    if trimmed.len() == out.len() {
        Some(out)
    } else {
        Some(trimmed.to_string())
    }
}

/// `char::is_whitespace`, without its table search for the letters of the Arabic block (no
/// white space lies between U+0080 and U+1680 other than U+0085 and U+00A0).
#[inline]
fn is_space(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_whitespace() || c == '\u{0B}',
        0x0100..=0x167F => false,
        _ => c.is_whitespace(),
    }
}

/// No key ends at this node / no edge.
const NONE: u32 = u32::MAX;
/// Nodes with more children than this get a transition table over the whole alphabet.
const DENSE_MIN: usize = 10;
/// Code points below this get their symbol from a flat table (Latin, Arabic and their marks).
const SMALL: usize = 0x800;

/// One trie node: its edges are `edges[start..start + len]` (sorted by symbol), or, when
/// `dense != NONE`, `dense_table[dense..dense + alphabet]` indexed by symbol.
#[derive(Debug, Clone, Copy)]
struct Node {
    start: u32,
    len: u32,
    dense: u32,
    /// Index of the key that ends here, or [`NONE`].
    key: u32,
}

/// An edge: the symbol of a character and the child node.
#[derive(Debug, Clone, Copy)]
struct Edge {
    sym: u16,
    target: u32,
}

/// A trie over the characters of sorted, distinct keys. Characters are numbered densely (the
/// alphabet is the set of characters used by the keys, a few hundred at most), so an Arabic
/// letter is one step instead of two UTF-8 bytes and a full transition table is small.
#[derive(Debug, Clone, Default)]
struct Trie {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    dense_table: Vec<u32>,
    /// Symbol of each code point below [`SMALL`]; 0 = no key uses it.
    small: Vec<u16>,
    /// Symbols of the other code points.
    big: rustc_hash::FxHashMap<u32, u16>,
    /// Number of symbols + 1 (symbol 0 is "unused character").
    alphabet: usize,
}

/// Decodes the UTF-8 character at the start of `b`: (code point, length), or `None` at the end
/// of the input or on a byte that does not start a valid sequence.
#[inline]
fn decode(b: &[u8]) -> Option<(u32, usize)> {
    let b0 = *b.first()?;
    if b0 < 0x80 {
        return Some((u32::from(b0), 1));
    }
    let cont = |i: usize| b.get(i).filter(|&&x| x & 0xC0 == 0x80).map(|&x| u32::from(x & 0x3F));
    match b0 {
        0xC2..=0xDF => Some(((u32::from(b0 & 0x1F) << 6) | cont(1)?, 2)),
        0xE0..=0xEF => Some(((u32::from(b0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3)),
        0xF0..=0xF4 => Some(((u32::from(b0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?, 4)),
        _ => None,
    }
}

impl Trie {
    #[inline]
    fn sym(&self, c: u32) -> u16 {
        match self.small.get(c as usize) {
            Some(&s) => s,
            None => self.big.get(&c).copied().unwrap_or(0),
        }
    }

    /// Builds from keys sorted by bytes and distinct. Key `i` is reported as `i`. UTF-8 byte
    /// order is code point order, so the keys are sorted by characters too.
    fn build(keys: &[String]) -> Trie {
        let mut t = Trie { small: vec![0; SMALL], ..Trie::default() };
        let mut chars: Vec<u32> = keys.iter().flat_map(|k| k.chars().map(u32::from)).collect();
        chars.sort_unstable();
        chars.dedup();
        for (i, &c) in chars.iter().enumerate() {
            let s = u16::try_from(i + 1).expect("fewer than 65535 distinct characters in the keys");
            if (c as usize) < SMALL {
                t.small[c as usize] = s;
            } else {
                t.big.insert(c, s);
            }
        }
        t.alphabet = chars.len() + 1;
        t.nodes.push(Node { start: 0, len: 0, dense: NONE, key: NONE });
        // (node, key range, depth): the keys of the range share their first `depth` bytes.
        // Breadth-first, so that the shallow nodes every walk passes through sit together.
        let mut queue: std::collections::VecDeque<(usize, usize, usize, usize)> =
            std::collections::VecDeque::from([(0, 0, keys.len(), 0)]);
        let mut groups: Vec<(u16, usize, usize, usize)> = Vec::new();
        while let Some((node, lo, hi, depth)) = queue.pop_front() {
            let mut i = lo;
            // Sorted order puts the key equal to the shared prefix first.
            if i < hi && keys[i].len() == depth {
                t.nodes[node].key = i as u32;
                i += 1;
            }
            groups.clear();
            while i < hi {
                let c = keys[i][depth..].chars().next().expect("key longer than depth");
                let w = c.len_utf8();
                let prefix = &keys[i].as_bytes()[depth..depth + w];
                let mut j = i + 1;
                while j < hi && keys[j].as_bytes().get(depth..depth + w) == Some(prefix) {
                    j += 1;
                }
                groups.push((t.sym(u32::from(c)), i, j, w));
                i = j;
            }
            let start = t.edges.len();
            t.nodes[node].start = start as u32;
            t.nodes[node].len = groups.len() as u32;
            for &(sym, glo, ghi, w) in &groups {
                let child = t.nodes.len();
                t.nodes.push(Node { start: 0, len: 0, dense: NONE, key: NONE });
                t.edges.push(Edge { sym, target: child as u32 });
                queue.push_back((child, glo, ghi, depth + w));
            }
            if groups.len() > DENSE_MIN {
                let d = t.dense_table.len();
                t.dense_table.resize(d + t.alphabet, NONE);
                for e in &t.edges[start..] {
                    t.dense_table[d + usize::from(e.sym)] = e.target;
                }
                t.nodes[node].dense = d as u32;
            }
        }
        t
    }

    /// The child of `node` along symbol `s` (not 0), or [`NONE`].
    #[inline]
    fn next(&self, node: &Node, s: u16) -> u32 {
        if node.dense != NONE {
            return self.dense_table[node.dense as usize + usize::from(s)];
        }
        let (a, n) = (node.start as usize, node.len as usize);
        match self.edges[a..a + n].iter().find(|e| e.sym == s) {
            Some(e) => e.target,
            None => NONE,
        }
    }
}

/// A compiled dictionary from keys to payloads.
#[derive(Clone)]
pub struct Lexicon<P> {
    trie: Trie,
    /// Per key: (payload, form), in the order the entries were given.
    payloads: Vec<Vec<(P, KeyForm)>>,
    keys: Vec<String>,
}

impl<P: Clone> Lexicon<P> {
    /// Builds from (alias, payload) pairs. Aliases are turned into keys with [`key_of`]; an alias
    /// starting with the article also yields its [`KeyForm::Contracted`] key.
    pub fn build(entries: impl IntoIterator<Item = (String, P)>) -> Self {
        Self::build_from_keys(entries.into_iter().filter_map(|(alias, p)| Some((key_of(&alias)?, p))))
    }

    /// Builds from (key, payload) pairs whose keys are already in [`key_of`] form.
    pub fn build_from_keys(entries: impl IntoIterator<Item = (String, P)>) -> Self {
        let mut all: Vec<(String, P, KeyForm)> = Vec::new();
        for (key, payload) in entries {
            // "ال اخيدو" (a detached article) has no contracted form: " اخيدو" could never match.
            if let Some(rest) = key.strip_prefix("ال").filter(|r| !r.starts_with(' ')) {
                if rest.chars().nth(1).is_some() {
                    all.push((rest.to_string(), payload.clone(), KeyForm::Contracted));
                }
            }
            all.push((key, payload, KeyForm::Plain));
        }
        // Stable: the payloads of one key keep the order in which they were given.
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut keys: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<(P, KeyForm)>> = Vec::new();
        for (key, payload, form) in all {
            if keys.last() != Some(&key) {
                keys.push(key);
                payloads.push(Vec::with_capacity(1));
            }
            payloads.last_mut().expect("pushed above").push((payload, form));
        }
        let trie = Trie::build(&keys);
        Lexicon { trie, payloads, keys }
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
    #[inline]
    pub fn walk(&self, hay: &[u8], start: usize, mut f: impl FnMut(usize, &[(P, KeyForm)])) {
        let t = &self.trie;
        let Some(root) = t.nodes.first() else { return };
        let mut node = *root;
        let mut pos = start;
        while let Some((c, w)) = hay.get(pos..).and_then(decode) {
            let s = t.sym(c);
            if s == 0 {
                return;
            }
            let next = t.next(&node, s);
            if next == NONE {
                return;
            }
            pos += w;
            node = t.nodes[next as usize];
            if node.key != NONE {
                f(pos, &self.payloads[node.key as usize]);
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

    /// The reference for `key_of`: the original normalize → split → join → trim pipeline.
    fn key_of_reference(alias: &str) -> Option<String> {
        let norm = crate::normalize::normalize(alias);
        let out = norm.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let trimmed = out.trim_matches(|c: char| matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '(' | ')'));
        (trimmed.chars().count() >= 2).then(|| trimmed.to_string())
    }

    #[test]
    fn is_space_is_is_whitespace() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn key_of_matches_the_reference() {
        for a in [
            "", " ", "و", "وا", " \"x", "\" ab\"", "«داعش»", "(ب)", "  أحمد\t\nشاه  مسعود ", "\u{FEFB}", "ﷺ",
            "Erdoğan", "al-Tanf ", "\"\"", "' ا", "بوتيـــنُ", "\u{200F}بوتين\u{200E}", "a\u{00A0}b", "x \u{2003} y",
        ] {
            assert_eq!(key_of(a), key_of_reference(a), "{a:?}");
        }
    }

    #[test]
    fn walk_finds_exactly_the_keys_starting_at_each_position() {
        // Many keys sharing prefixes (dense and sparse nodes), checked against a naive search.
        let mut aliases: Vec<String> = Vec::new();
        let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
        for (i, &a) in letters.iter().enumerate() {
            for &b in letters.iter().skip(i % 3) {
                aliases.push(format!("{a}{b}"));
                aliases.push(format!("{a}{b}{}", letters[(i * 7) % letters.len()]));
                aliases.push(format!("{a}{b} {b}{a}"));
            }
        }
        aliases.extend(["ab".to_string(), "abc".to_string(), "ال".to_string(), "الرياض".to_string()]);
        let lex = Lexicon::build(aliases.iter().cloned().enumerate().map(|(i, a)| (a, i)));
        let hay = "ابت ثجح الرياض abc ضضض يي وب بو ثث ثثا".as_bytes();
        for start in 0..=hay.len() {
            let mut got = vec![];
            lex.walk(hay, start, |end, _| got.push(end));
            let want: Vec<usize> = (start + 1..=hay.len())
                .filter(|&end| std::str::from_utf8(&hay[start..end]).is_ok_and(|k| lex.get(k).is_some()))
                .collect();
            assert_eq!(got, want, "start {start}");
        }
        // Payload order of one key = entry order, contracted forms included.
        let lex = Lexicon::build(vec![("التنف".to_string(), 1), ("تنف".to_string(), 2), ("التنف".to_string(), 3)]);
        assert_eq!(lex.get("تنف").unwrap(), &[(1, KeyForm::Contracted), (2, KeyForm::Plain), (3, KeyForm::Contracted)]);
        assert_eq!(lex.get("التنف").unwrap(), &[(1, KeyForm::Plain), (3, KeyForm::Plain)]);
        // A detached article yields no contracted key starting with a space.
        let lex = Lexicon::build(vec![("ال اخيدو".to_string(), 1)]);
        assert_eq!(lex.keys(), ["ال اخيدو"]);
        let empty: Lexicon<u32> = Lexicon::build(vec![]);
        empty.walk(b"abc", 0, |_, _| panic!("no keys"));
        empty.walk(b"abc", 3, |_, _| panic!("no keys"));
    }
}
