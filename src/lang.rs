//! The language's closed word classes as data: place cues, prepositions, negations, clause
//! openers, report verbs, month names… one named set per file under `gazetteers/lang/ar/`.
//!
//! Rules name a set (`lang::set("place_cue")`, or `@place_cue` in a data file) instead of carrying
//! their own copy of a word list, so one concept lives in one place and adding a word is a data
//! change. Every entry goes through [`crate::normalize::normalize`] on load, like every gazetteer
//! key, so an entry typed with hamza, ta marbuta or diacritics still matches the folded text.
//!
//! File format (see `gazetteers/README.md`): `#` comments, of which the first block says what the
//! set is for; a header line with a `word` column (an optional `note` column is free text); one
//! entry per row. An entry may be several words ("الشمالي الغربي").

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Error;
use crate::gazetteer::{DataFile, FileKind, EMBEDDED};
use crate::normalize::normalize;
use crate::tsv::Table;

/// One named word set: normalized entries, as a set for lookups and in file order.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    name: String,
    words: FxHashSet<String>,
    ordered: Vec<String>,
    longest_words: usize,
    /// The `value` cell of each entry, for sets that carry one (a month's number, a weekday's
    /// name): the first row wins when two rows normalize to the same entry.
    values: FxHashMap<String, String>,
}

#[allow(dead_code)] // the accessors serve the rules being moved onto word sets
impl WordSet {
    /// Whether the normalized word (or phrase) `w` is in the set.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// The `value` cell of entry `w`, for sets with a `value` column; `None` for other sets,
    /// for entries not in the set and for empty cells.
    pub fn value(&self, w: &str) -> Option<&str> {
        self.values.get(w).map(String::as_str)
    }

    /// The normalized entries in file order (duplicates after normalization removed).
    pub fn words(&self) -> &[String] {
        &self.ordered
    }

    /// The set's name (its file stem).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The largest number of space-separated words of one entry.
    pub fn longest_words(&self) -> usize {
        self.longest_words
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.ordered.len()
    }

    /// Whether the set has no entry.
    pub fn is_empty(&self) -> bool {
        self.ordered.is_empty()
    }
}

/// All word sets of a language, by name.
#[derive(Debug, Default)]
pub(crate) struct WordSets {
    sets: FxHashMap<String, WordSet>,
}

#[allow(dead_code)]
impl WordSets {
    /// Loads every `lang/<lang>/*.tsv` file of `files`; the set name is the file stem.
    pub fn load(files: &[DataFile]) -> Result<WordSets, Error> {
        let mut sets = FxHashMap::default();
        for f in files.iter().filter(|f| f.kind() == FileKind::WordSet) {
            let set = load_set(f)?;
            if sets.contains_key(&set.name) {
                return Err(Error::data(&f.name, 0, format!("word set {:?} is defined twice", set.name)));
            }
            sets.insert(set.name.clone(), set);
        }
        Ok(WordSets { sets })
    }

    /// The set called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&WordSet> {
        self.sets.get(name)
    }

    /// Every set, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &WordSet> {
        self.sets.values()
    }
}

fn load_set(f: &DataFile) -> Result<WordSet, Error> {
    let base = f.name.rsplit(['/', '\\']).next().unwrap_or(&f.name);
    let name = base.strip_suffix(".tsv").unwrap_or(base).to_string();
    if !f.content.lines().next().is_some_and(|l| l.starts_with('#')) {
        return Err(Error::data(&f.name, 1, "a word set starts with a `#` comment saying what the set is for"));
    }
    let table = Table::parse(&f.name, &f.content, &["word"])?;
    let mut set = WordSet { name, ..WordSet::default() };
    for row in table.rows() {
        let raw = row.required("word")?;
        let word = normalize(raw).split_whitespace().collect::<Vec<_>>().join(" ");
        if word.is_empty() {
            return Err(row.error(format!("entry {raw:?} is empty after normalization")));
        }
        set.longest_words = set.longest_words.max(word.split(' ').count());
        if set.words.insert(word.clone()) {
            if let Some(v) = row.opt("value") {
                set.values.insert(word.clone(), v.to_string());
            }
            set.ordered.push(word);
        }
    }
    if set.is_empty() {
        return Err(Error::data(&f.name, 0, format!("word set {:?} has no entry", set.name)));
    }
    Ok(set)
}

/// The shipped Arabic word sets (embedded, loaded once per process).
pub(crate) fn arabic() -> &'static WordSets {
    static SETS: OnceLock<WordSets> = OnceLock::new();
    SETS.get_or_init(|| {
        let files: Vec<DataFile> = EMBEDDED
            .iter()
            .filter(|(n, _)| n.starts_with("lang/ar/"))
            .map(|(n, c)| DataFile { name: n.to_string(), content: c.to_string(), user: false })
            .collect();
        // The embedded files are fixed at build time and checked by the tests below; a failure
        // here is a packaging bug, not bad input.
        WordSets::load(&files).unwrap_or_else(|e| panic!("embedded word sets: {e}"))
    })
}

/// The shipped Arabic set called `name`.
///
/// Set names are fixed in the code that uses them; `tests::every_named_set_exists` checks every
/// `lang::set("…")` call in `src/` against the shipped files, so an unknown name cannot ship.
pub(crate) fn set(name: &str) -> &'static WordSet {
    arabic().get(name).unwrap_or_else(|| panic!("no word set {name:?} under gazetteers/lang/ar/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_sets_load_and_none_is_empty() {
        let sets = arabic();
        assert!(sets.iter().count() > 0, "no word set shipped");
        for s in sets.iter() {
            assert!(!s.is_empty(), "set {} is empty", s.name());
        }
    }

    #[test]
    fn every_entry_is_reachable() {
        // An entry is reachable when its normalized form is what the matcher sees: normalizing
        // it again changes nothing and it has no empty word.
        for s in arabic().iter() {
            for w in s.words() {
                assert_eq!(&normalize(w), w, "set {}: {w:?} is not stable under normalization", s.name());
                assert!(w.split(' ').all(|p| !p.is_empty()), "set {}: {w:?} has an empty word", s.name());
            }
        }
    }

    #[test]
    fn every_named_set_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(root)];
        let mut names = Vec::new();
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("lang.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for part in text.split("lang::set(\"").skip(1) {
                        if let Some(end) = part.find('"') {
                            names.push((p.display().to_string(), part[..end].to_string()));
                        }
                    }
                }
            }
        }
        for (file, name) in names {
            assert!(arabic().get(&name).is_some(), "{file}: lang::set({name:?}) names no file gazetteers/lang/ar/{name}.tsv");
        }
    }

    #[test]
    fn loading_names_the_file_and_line() {
        let bad = DataFile { name: "lang/ar/x.tsv".into(), content: "# test\nword\nَ\n".into(), user: true };
        let e = WordSets::load(&[bad]).unwrap_err();
        assert!(e.to_string().contains("lang/ar/x.tsv:3"), "{e}");
        let no_header = DataFile { name: "lang/ar/y.tsv".into(), content: "word\nفي\n".into(), user: true };
        assert!(WordSets::load(&[no_header]).is_err());
        let empty = DataFile { name: "lang/ar/z.tsv".into(), content: "# nothing\nword\n".into(), user: true };
        assert!(WordSets::load(&[empty]).unwrap_err().to_string().contains("no entry"));
    }

    #[test]
    fn entries_are_normalized_on_load() {
        let f = DataFile { name: "lang/ar/t.tsv".into(), content: "# t\nword\tnote\nأوائل\t\nالفائتة\n".into(), user: true };
        let sets = WordSets::load(&[f]).unwrap();
        let t = sets.get("t").unwrap();
        assert!(t.contains("اوايل") || t.contains(&normalize("أوائل")));
        assert!(t.contains(&normalize("الفائتة")));
        assert_eq!(t.len(), 2);
    }
}
