//! How the text presents a trigger (DESIGN.md `status`): reported, background (earlier context),
//! planned (announced, scheduled, future), hypothetical (possible, conditional, threatened,
//! feared); and `negated` apart.

use std::ops::Range;

use super::context::{sets, Ctx};
use crate::document::Status;

/// The presentation of one trigger mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frame {
    pub negated: bool,
    pub status: Status,
}

/// The frame of the trigger at `trig_toks` in sentence `s_toks`; `future` when the trigger itself
/// carries the future prefix ("سيزور").
pub(crate) fn frame(c: &Ctx<'_, '_>, trig_toks: &Range<usize>, s_toks: &Range<usize>, future: bool) -> Frame {
    let s = sets();
    let ti = trig_toks.start;
    let near: Vec<&str> = (s_toks.start.max(ti.saturating_sub(3))..ti).map(|k| c.word(k)).collect();
    let clause_before = c.clause_start(ti, s_toks).max(ti.saturating_sub(12))..ti;
    let after_words = trig_toks.end..s_toks.end.min(trig_toks.end + 3);
    let negated = near.iter().any(|w| s.negation.contains(c.strip_conj(w)));
    let near_has = |set: &crate::lang::WordSet| near.iter().any(|w| set.contains(c.strip_conj(w)));
    let status = if near_has(s.hypothetical_near)
        || after_words.clone().any(|k| s.modal_after.contains(c.word(k)))
        || clause_before.clone().any(|k| s.hypothetical_frame.contains(c.strip_conj(c.word(k))))
    {
        Status::Hypothetical
    } else if future || near_has(s.planned_frame) || after_words.clone().any(|k| s.planned_after.contains(c.word(k))) {
        Status::Planned
    } else if near.iter().rev().take(2).any(|w| s.relative_pronoun.contains(w))
        || (s_toks.start.max(ti.saturating_sub(20))..ti).any(|k| s.background_frame.contains(c.stem(k)))
    {
        // "النائب الذي قتل في تفجير": a relative clause gives background about someone;
        // "في ذكرى", "منذ", "ارتفعت حصيلة": earlier context, over clause breaks.
        Status::Background
    } else {
        Status::Reported
    };
    Frame { negated, status }
}
