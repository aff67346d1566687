//! Who did what to whom, where: the actor, recipient and location of a trigger, by Arabic word
//! order — verb–subject–object ("استهدف الجيش الأميركي اجتماعا"), subject–verb ("إسرائيل شنت
//! غارات"), the إضافة construct of verbal nouns ("غارات التحالف على ..."), prepositions that mark
//! the recipient (على، ضد، ل، بحق، مع) or the place (في، ب، قرب ...), and "بين X و Y" for meetings.

use std::ops::Range;

use super::context::{k_end, sets, Ctx};
use super::lexicon::{Construction, Pos, Trigger};
use crate::document::PloverType;
use crate::gazetteer::EntityType;

/// The participants found for one trigger.
pub(crate) struct Roles {
    pub actors: Vec<usize>,
    pub recipients: Vec<usize>,
    pub construction: Construction,
    /// Mentions of the clause before the trigger (or its light verb), in text order.
    pub before: Vec<usize>,
    /// Mentions of the clause after the trigger, in text order.
    pub after: Vec<usize>,
}

/// The light verb (or its verbal noun) just before a noun trigger: "شنت غارات", "أعلنت شنّ غارة".
/// Returns the anchor token for the subject search and whether it is a light verb.
fn light_anchor(c: &Ctx<'_, '_>, trig: &Trigger, ti: usize, left: usize) -> (usize, bool) {
    if trig.pos == Pos::Noun {
        let s = sets();
        for k in (left.max(ti.saturating_sub(2))..ti).rev() {
            let w = c.strip_conj(c.word(k));
            if s.light_verb.contains(w) || s.light_noun.contains(c.stem(k)) {
                return (k, true);
            }
        }
    }
    (ti, false)
}

/// The roles of the trigger `trig` at `trig_toks` in the clause `left..right`; `None` when the
/// trigger states a purpose ("لشن غارات").
pub(crate) fn roles(c: &Ctx<'_, '_>, trig: &Trigger, trig_toks: &Range<usize>, left: usize, right: usize) -> Option<Roles> {
    let ti = trig_toks.start;
    let (anchor, light) = light_anchor(c, trig, ti, left);
    // "لشن غارات": a light verbal noun with purpose ل.
    if light && anchor < ti && c.word(anchor).starts_with('ل') && sets().light_noun.contains(c.stem(anchor)) {
        return None;
    }
    let mut r = Roles {
        actors: Vec::new(),
        recipients: Vec::new(),
        construction: Construction::Bare,
        before: c.mentions_in(left..anchor),
        after: c.mentions_in(trig_toks.end..right),
    };
    let mut found = matches!(trig.kind, PloverType::Consult | PloverType::Assault | PloverType::Cooperate | PloverType::Agree)
        && trig.pos == Pos::Noun
        && between(c, trig, trig_toks, right, &mut r);
    if !found {
        found = actor(c, trig, trig_toks, anchor, light, left, right, &mut r);
        recipient(c, trig, trig_toks, right, &mut r);
        if r.recipients.is_empty() && trig.kind == PloverType::Assault && trig.pos == Pos::Noun {
            r.recipients.extend(partitive_victims(c, trig_toks, right, &r.actors));
        }
        // CONSULT with coordinated subjects: "بوتين وترامب اجتمعا" — the co-subjects are the
        // two sides; anything after is context ("على هامش قمة العشرين").
        if trig.kind == PloverType::Consult && r.actors.len() >= 2 {
            r.recipients = r.actors.split_off(1);
        }
        if !found {
            r.construction = if r.recipients.is_empty() { Construction::Bare } else { Construction::Object };
        }
    }
    let eid = |m: &usize| c.a.mentions[*m].entity;
    let actors = r.actors.clone();
    r.recipients.retain(|x| !actors.contains(x) && !actors.iter().any(|a| eid(a).is_some() && eid(a) == eid(x)));
    // "عناصر من العمال الكردستاني", "مسلحون من داعش": the named group after a partitive من
    // is the real argument.
    for list in [&mut r.actors, &mut r.recipients] {
        for m in list.iter_mut() {
            if let Some(named) = c.partitive(*m) {
                *m = named;
            }
        }
    }
    Some(r)
}

/// "محادثات بين X و Y": the first side acts, the others receive.
/// For clashes one named side is enough ("اشتباكات بين الحوثيين وقوات المقاومة", where the second
/// side is no name): it is the actor.
fn between(c: &Ctx<'_, '_>, trig: &Trigger, trig_toks: &Range<usize>, right: usize, r: &mut Roles) -> bool {
    let Some(k) = (trig_toks.end..right.min(trig_toks.end + 4)).find(|&k| c.word(k) == "بين") else { return false };
    let first = c.mentions_in(k + 1..right).first().copied().filter(|&m| c.a.mentions[m].tokens.start == k + 1);
    let group = c.coordinated(first, right, true);
    let needed = if trig.kind == PloverType::Assault { 1 } else { 2 };
    if group.len() < needed {
        return false;
    }
    r.actors.push(group[0]);
    r.recipients.extend(&group[1..]);
    r.construction = Construction::Between;
    true
}

/// The actor: the subject before the verb, the idafa genitive of a verbal noun, the subject after
/// the verb, "ل" + agent after a violent noun, the nearest agent before. Sets `r.construction`
/// and returns true when a construction fired (the idafa-object one fills recipients instead).
#[allow(clippy::too_many_arguments)]
fn actor(c: &Ctx<'_, '_>, trig: &Trigger, trig_toks: &Range<usize>, anchor: usize, light: bool, left: usize, right: usize, r: &mut Roles) -> bool {
    let ti = trig_toks.start;
    let mut found = None;
    let first_after = r.after.first().copied();
    let adjacent_after = first_after.filter(|&m| c.a.mentions[m].tokens.start == trig_toks.end && !c.has_prep(m));
    let violent = trig.kind.is_violent();
    // SVO with the subject right before the verb ("إسرائيل شنت", "بوتين وترامب اجتمعا").
    let subject_before = (trig.pos == Pos::Verb || light)
        .then(|| anchor.checked_sub(1).and_then(|k| c.owner[k]))
        .flatten()
        .filter(|&m| {
            k_end(c, m) == anchor && c.gap_is_space(anchor - 1, anchor) && !c.has_prep(m) && c.is_agent(m, true) && !c.is_reporter_subject(m)
        });
    if let Some(m) = subject_before {
        r.actors = c.coordinated_back(m, left);
        found = Some(Construction::Svo);
    } else if trig.pos == Pos::Noun
        && adjacent_after.is_some_and(|m| {
            (violent && (c.is_victim(m) || c.is_generic(m) || trig.constraints.patient_genitive)) || trig.kind == PloverType::Sanction
        })
    {
        // The genitive of a violent or sanctioning verbal noun is usually its object:
        // "تحييد عناصر", "مقتل مدنيين", "تعليق عضوية روسيا".
        r.recipients = c.coordinated(adjacent_after, right, false);
        found = Some(Construction::IdafaObject);
    } else if trig.pos == Pos::Noun && adjacent_after.is_some_and(|m| c.is_agent(m, true)) {
        // إضافة: "غارات التحالف", "محادثات جيفري"
        r.actors = c.coordinated(adjacent_after, right, true);
        found = Some(Construction::Idafa);
    } else if trig.pos == Pos::Verb || light {
        // VSO: the first agent after the verb without a preposition, unless it is a victim.
        let from = if light { anchor + 1 } else { trig_toks.end };
        // The subject follows the verb directly, or after adverbs of time ("أمس").
        let mut k = from;
        while k < right && c.owner[k].is_none() && (c.in_list(c.word(k), sets().adverb_after_verb) || c.in_bare_title(k)) {
            k += 1;
        }
        let subject = (k < right).then(|| c.owner[k]).flatten().filter(|&m| c.a.mentions[m].tokens.start == k);
        if let Some(m) = subject.filter(|&m| !c.has_prep(m) && c.is_agent(m, true) && !c.is_victim(m)) {
            if c.a.mentions[m].tokens.start < ti || trig.pos == Pos::Verb {
                r.actors = c.coordinated(Some(m), right, true);
                found = Some(Construction::Vso);
            }
        }
    }
    if r.actors.is_empty() && trig.pos == Pos::Noun && matches!(trig.kind, PloverType::Assault | PloverType::Coerce | PloverType::Mobilize) {
        // "غارات للتحالف": ل after a violent verbal noun without an idafa agent marks the
        // agent (after "مساعدات" it marks the beneficiary).
        if let Some(m) = r.after.iter().copied().take(1).find(|&m| {
            c.prep_before(m) == Some("ل") && c.a.mentions[m].tokens.start <= trig_toks.end + 2 && c.is_agent(m, true) && !c.is_victim(m)
        }) {
            r.actors = vec![m];
            found = Some(Construction::LamAgent);
        }
    }
    if r.actors.is_empty() {
        // SVO (or the subject of the light verb): the nearest agent before, not after a
        // preposition, and not the subject of a reporting verb (that one reports).
        // A participle's actor is the subject of the main clause: the first agent of the sentence.
        let subject = |m: &&usize| !c.has_prep(**m) && c.is_agent(**m, true);
        let found_before =
            if trig.constraints.participle { r.before.iter().find(subject) } else { r.before.iter().rev().find(subject) };
        if let Some(&m) = found_before {
            let reports = c.is_reporter_subject(m);
            if !reports || light || trig.constraints.participle {
                r.actors = c.coordinated_back(m, left);
                found = Some(Construction::Svo);
            }
        }
    }
    if let Some(f) = found {
        r.construction = f;
    }
    found.is_some()
}

/// Recipient: after the trigger (and after the actor), marked by a preposition or a direct
/// object; for passives, the victim right after the verb.
fn recipient(c: &Ctx<'_, '_>, trig: &Trigger, trig_toks: &Range<usize>, right: usize, r: &mut Roles) {
    let after_actor =
        r.actors.iter().map(|&m| c.a.mentions[m].tokens.end).max().unwrap_or(trig_toks.end).max(trig_toks.end);
    let violent = matches!(trig.kind, PloverType::Assault | PloverType::Coerce | PloverType::Threaten | PloverType::Sanction);
    for &m in r.after.iter().filter(|&&m| c.a.mentions[m].tokens.start >= after_actor && !r.actors.contains(&m)) {
        if !r.recipients.is_empty() {
            break;
        }
        let prep = c.prep_before(m);
        let target = match prep {
            Some("مع") => matches!(trig.kind, PloverType::Consult | PloverType::Cooperate | PloverType::Agree),
            Some("ب") => violent && matches!(c.a.mentions[m].kind, EntityType::PER | EntityType::ORG),
            Some(p) => sets().recipient_prep.contains(p),
            // A direct object follows the verb (and its subject) closely; after a verb of
            // meeting, asking or blaming, also over a place or time phrase ("استقبل الأمير في
            // مكتبه بجدة أمس رئيس الوزراء").
            None => c.a.mentions[m].tokens.start <= after_actor + 1 || (trig.pos == Pos::Verb && !violent && !r.actors.is_empty()),
        };
        if target && (c.is_agent(m, false) || c.is_victim(m)) {
            r.recipients = c.coordinated(Some(m), right, false);
            break;
        }
    }
}

/// Victims named after a casualty count: "مقتل 33 مسلحا من داعش", "قتلى من الحوثيين" — the
/// group after من within a few words of the trigger.
fn partitive_victims(c: &Ctx<'_, '_>, trig_toks: &Range<usize>, right: usize, actors: &[usize]) -> Option<usize> {
    let end = right.min(trig_toks.end + 4);
    let k = (trig_toks.end..end).find(|&k| c.word(k) == "من")?;
    let m = c.owner.get(k + 1).copied().flatten()?;
    let ok = c.a.mentions[m].tokens.start == k + 1
        && !actors.contains(&m)
        && (c.is_agent(m, false) || c.a.mentions[m].kind == EntityType::NORP);
    ok.then_some(m)
}

/// Location: a place in the clause introduced by a place preposition or cue, after the trigger
/// first, then before it; not one already used as actor or recipient.
///
/// Without one in the clause, the first marked named place after the trigger in its sentence
/// (within 25 tokens): "استقبل الأمير ... في مكتبه بجدة اليوم ..." names the place far from the verb.
pub(crate) fn location(c: &Ctx<'_, '_>, r: &Roles, ti: usize, s_toks: &Range<usize>) -> Option<usize> {
    let used: Vec<usize> = r.actors.iter().chain(&r.recipients).copied().collect();
    let is_place = |m: usize| matches!(c.a.mentions[m].kind, EntityType::LOC | EntityType::FAC) && !used.contains(&m);
    let in_clause = r.after.iter().chain(r.before.iter().rev()).copied().find(|&m| is_place(m) && c.place_marked(m));
    let found = in_clause.or_else(|| {
        const WINDOW: usize = 25;
        let after = c.mentions_in(ti + 1..s_toks.end.min(ti + 1 + WINDOW));
        after.into_iter().find(|&m| is_place(m) && c.place_marked(m) && c.a.mentions[m].kind == EntityType::LOC)
    });
    found.map(|m| c.most_specific_place(m))
}
