//! Lexical vetoes of a trigger row: the next word, the previous word (over a number), any word
//! of the sentence (`not_next`, `not_prev`, `not_in_sentence` in `triggers.tsv`).

use std::ops::Range;

use super::context::{sets, Ctx};
use crate::gazetteer::EntityType;
use super::lexicon::Trigger;

/// Does a lexical constraint of `trig` veto the trigger at `trig_toks` in sentence `s_toks`?
pub(crate) fn vetoed(c: &Ctx<'_, '_>, trig: &Trigger, trig_toks: &Range<usize>, s_toks: &Range<usize>) -> bool {
    let ti = trig_toks.start;
    let k = &trig.constraints;
    let next = (trig_toks.end < s_toks.end).then(|| c.stem(trig_toks.end));
    // The word before, over a number ("ضبط 22 قذيفة", "حصيلة 30 قتيلا").
    let mut p = ti;
    if p > s_toks.start + 1 && c.word(p - 1).bytes().all(|b| b.is_ascii_digit()) {
        p -= 1;
    }
    let prev = (p > s_toks.start).then(|| c.stem(p - 1));
    next.is_some_and(|n| k.not_next.contains(n))
        || prev.is_some_and(|p| k.not_prev.contains(p))
        || (!k.not_in_sentence.is_empty()
            && s_toks.clone().any(|j| k.not_in_sentence.contains(c.stem(j)) && !place_sense(c, j, s_toks)))
}

/// A veto word used as a place, not in its legal or topical sense: part of a place name, the
/// head of one ("قضاء سنجار" the district of Sinjar), or after a place cue ("قرب محكمة").
fn place_sense(c: &Ctx<'_, '_>, j: usize, s_toks: &Range<usize>) -> bool {
    let is_place = |k: usize| {
        c.owner[k].is_some_and(|m| matches!(c.a.mentions[m].kind, EntityType::LOC | EntityType::FAC) && c.a.mentions[m].tokens.start == k)
    };
    c.owner[j].is_some_and(|m| matches!(c.a.mentions[m].kind, EntityType::LOC | EntityType::FAC))
        || (j + 1 < s_toks.end && is_place(j + 1))
        || (j > s_toks.start && sets().place_sense_cue.contains(c.strip_conj(c.word(j - 1))))
}
