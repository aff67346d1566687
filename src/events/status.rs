//! How the text presents a trigger: negated, or in a frame (future, modal, hypothetical,
//! relative clause) that does not report it.

use std::ops::Range;

use super::context::{sets, Ctx};

/// The frame of the trigger at `trig_toks`: `None` when the clause does not report the event
/// (future, permission, hypothesis, a relative clause), else whether it is negated.
pub(crate) fn frame(c: &Ctx<'_, '_>, trig_toks: &Range<usize>, s_toks: &Range<usize>) -> Option<bool> {
    let s = sets();
    let ti = trig_toks.start;
    let near: Vec<&str> = (s_toks.start.max(ti.saturating_sub(3))..ti).map(|k| c.word(k)).collect();
    let clause_before = c.clause_start(ti, s_toks)..ti;
    let after_words = trig_toks.end..s_toks.end.min(trig_toks.end + 3);
    if near.iter().any(|w| s.future_frame.contains(c.strip_conj(w)))
        || after_words.clone().any(|k| s.modal_after.contains(c.word(k)))
        || clause_before.clone().any(|k| s.hypothetical_frame.contains(c.strip_conj(c.word(k))))
    {
        return None;
    }
    // "النائب الذي قتل في تفجير": a relative clause gives background about someone, it
    // does not report the event.
    if near.iter().rev().take(2).any(|w| s.relative_pronoun.contains(w)) {
        return None;
    }
    Some(near.iter().any(|w| s.negation.contains(c.strip_conj(w))))
}
