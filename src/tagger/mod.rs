//! The statistical NER tagger of `--ner hybrid`: an averaged structured perceptron (first-order,
//! Viterbi over BIO tags of PER/LOC/ORG/MISC) over features that khabar computes itself
//! ([`features`]): the word and its clitic readings, neighbours, the gazetteer mentions and raw
//! lexicon hits, given names and the NER word sets.
//!
//! The gazetteers stay in charge of identity: the tagger adds names they lack (source "model"),
//! drops context-flagged aliases and cue-pattern names it does not believe, and takes titles and
//! designators out of a name's span the way ANERcorp does ([`combine`]). Why a perceptron written
//! here rather than a CRF crate: see DESIGN.md ("NER tagger").
//!
//! The shipped model (`gazetteers/models/ner.bin`) is trained on ANERcorp (CC BY-SA 4.0) with
//! `khabar train ner`; it is a derived work under that licence (gazetteers/README.md).

mod combine;
pub(crate) mod features;
pub mod train;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use crate::error::Error;

pub(crate) use combine::combine;

/// The tags, in model order.
pub const TAGS: [&str; NT] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];
/// Number of tags.
pub const NT: usize = 9;

include!(concat!(env!("OUT_DIR"), "/models.rs"));

const MAGIC: &[u8; 8] = b"KHNER01\n";

/// A trained tagger: per-feature tag weights and tag transitions.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: FxHashMap<u64, [f32; NT]>,
    trans: [[f32; NT]; NT],
    start: [f32; NT],
}

/// Whether tag `b` may follow tag `a` (`None` = sentence start): I-X only after B-X or I-X.
#[inline]
pub(crate) fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    matches!(a, Some(a) if a != 0 && (a + 1) / 2 == b / 2)
}

impl Model {
    /// The model embedded in the binary, if one was shipped.
    pub fn embedded() -> Option<Arc<Model>> {
        static M: OnceLock<Option<Arc<Model>>> = OnceLock::new();
        M.get_or_init(|| {
            let (_, bytes) = MODELS.iter().find(|(n, _)| *n == "ner.bin")?;
            // Checked by the test suite: a broken embedded model is a packaging bug.
            Some(Arc::new(Model::from_bytes("gazetteers/models/ner.bin", bytes).unwrap_or_else(|e| panic!("{e}"))))
        })
        .clone()
    }

    /// Reads a model file written by [`Model::to_bytes`].
    pub fn read(path: &std::path::Path) -> Result<Model, Error> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::data(&name, 0, format!("cannot read the model: {e}")))?;
        Model::from_bytes(&name, &bytes)
    }

    /// Parses the binary format: magic, transitions, start weights, then per feature its hash
    /// and its non-zero tag weights (little-endian).
    pub fn from_bytes(name: &str, b: &[u8]) -> Result<Model, Error> {
        let bad = |what: &str| Error::data(name, 0, format!("not a khabar NER model ({what})"));
        let rest = b.strip_prefix(MAGIC.as_slice()).ok_or_else(|| bad("bad magic"))?;
        let mut r = Reader { b: rest, pos: 0 };
        let mut m = Model::default();
        for a in 0..NT {
            for t in 0..NT {
                m.trans[a][t] = r.f32().ok_or_else(|| bad("truncated transitions"))?;
            }
        }
        for t in 0..NT {
            m.start[t] = r.f32().ok_or_else(|| bad("truncated start weights"))?;
        }
        let n = r.u32().ok_or_else(|| bad("truncated feature count"))? as usize;
        m.weights.reserve(n);
        for _ in 0..n {
            let h = r.u64().ok_or_else(|| bad("truncated feature"))?;
            let k = r.u8().ok_or_else(|| bad("truncated feature"))? as usize;
            let mut w = [0f32; NT];
            for _ in 0..k {
                let t = r.u8().ok_or_else(|| bad("truncated weight"))? as usize;
                let v = r.f32().ok_or_else(|| bad("truncated weight"))?;
                *w.get_mut(t).ok_or_else(|| bad("tag out of range"))? = v;
            }
            m.weights.insert(h, w);
        }
        if r.pos != r.b.len() {
            return Err(bad("trailing bytes"));
        }
        Ok(m)
    }

    /// The binary form (features sorted by hash, so the file is reproducible).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for v in &self.start {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut feats: Vec<(u64, &[f32; NT])> = self.weights.iter().map(|(&h, w)| (h, w)).collect();
        feats.sort_unstable_by_key(|f| f.0);
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (h, w) in feats {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(w.iter().filter(|v| **v != 0.0).count() as u8);
            for (t, v) in w.iter().enumerate().filter(|(_, v)| **v != 0.0) {
                out.push(t as u8);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no feature.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Emission scores of one token.
    #[inline]
    fn emissions(&self, feats: &[u64], out: &mut [f32; NT]) {
        *out = [0.0; NT];
        for h in feats {
            if let Some(w) = self.weights.get(h) {
                for t in 0..NT {
                    out[t] += w[t];
                }
            }
        }
    }

    /// The best tag sequence of one sentence (`offs[j]..offs[j+1]` are token j's features).
    pub(crate) fn decode(&self, feats: &[u64], offs: &[u32], out: &mut Vec<u8>) {
        let n = offs.len();
        out.clear();
        if n == 0 {
            return;
        }
        let span = |j: usize| offs[j] as usize..offs.get(j + 1).map_or(feats.len(), |&o| o as usize);
        viterbi(n, |j, e| self.emissions(&feats[span(j)], e), &self.trans, &self.start, out);
    }
}

/// First-order Viterbi with the BIO constraint. `emit(j, scores)` fills token j's scores.
pub(crate) fn viterbi(
    n: usize,
    mut emit: impl FnMut(usize, &mut [f32; NT]),
    trans: &[[f32; NT]; NT],
    start: &[f32; NT],
    out: &mut Vec<u8>,
) {
    let mut back = vec![[0u8; NT]; n];
    let mut e = [0f32; NT];
    emit(0, &mut e);
    let mut prev = [f32::NEG_INFINITY; NT];
    for t in 0..NT {
        if allowed(None, t) {
            prev[t] = start[t] + e[t];
        }
    }
    for (j, bk) in back.iter_mut().enumerate().skip(1) {
        emit(j, &mut e);
        let mut cur = [f32::NEG_INFINITY; NT];
        for t in 0..NT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for a in 0..NT {
                if prev[a] == f32::NEG_INFINITY || !allowed(Some(a), t) {
                    continue;
                }
                let s = prev[a] + trans[a][t];
                if s > best {
                    best = s;
                    arg = a as u8;
                }
            }
            cur[t] = best + e[t];
            bk[t] = arg;
        }
        prev = cur;
    }
    let mut t = (0..NT).max_by(|&a, &b| prev[a].total_cmp(&prev[b])).unwrap_or(0);
    out.resize(n, 0);
    for j in (0..n).rev() {
        out[j] = t as u8;
        t = back[j][t] as usize;
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let s = self.b.get(self.pos..self.pos + N)?;
        self.pos += N;
        s.try_into().ok()
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take::<8>().map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take::<4>().map(f32::from_le_bytes)
    }
}

/// Tags every sentence of a document: one tag index per token.
pub(crate) fn tag_document(model: &Model, d: &features::Doc<'_>) -> Vec<u8> {
    let n = d.tok.tokens.len();
    let cover = features::coverage(n, d.mentions);
    let mut tags = vec![0u8; n];
    let mut feats = Vec::new();
    let mut offs = Vec::new();
    let mut out = Vec::new();
    for s in &d.tok.sentences {
        feats.clear();
        offs.clear();
        features::sentence_features(d, &cover, s.tokens.clone(), &mut feats, &mut offs);
        model.decode(&feats, &offs, &mut out);
        tags[s.tokens.clone()].copy_from_slice(&out);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraint() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(3), 4));
    }

    #[test]
    fn model_round_trips_and_rejects_garbage() {
        let mut m = Model::default();
        m.trans[1][2] = 0.5;
        m.start[3] = -1.0;
        m.weights.insert(42, [0.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -2.0]);
        let b = m.to_bytes();
        let r = Model::from_bytes("x", &b).unwrap();
        assert_eq!(r.trans, m.trans);
        assert_eq!(r.start, m.start);
        assert_eq!(r.weights, m.weights);
        assert_eq!(r.to_bytes(), b);
        assert!(Model::from_bytes("x", b"junk").is_err());
        assert!(Model::from_bytes("x", &b[..b.len() - 3]).unwrap_err().to_string().contains("truncated"));
    }

    #[test]
    fn embedded_model_loads() {
        if let Some(m) = Model::embedded() {
            assert!(!m.is_empty());
        }
    }
}
