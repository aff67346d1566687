//! Lexical vetoes of a trigger row: the next word, the previous word (over a number), any word
//! of the sentence (`not_next`, `not_prev`, `not_in_sentence` in `triggers.tsv`).

use std::ops::Range;

use super::context::Ctx;
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
        || (!k.not_in_sentence.is_empty() && s_toks.clone().any(|j| k.not_in_sentence.contains(c.stem(j))))
}
