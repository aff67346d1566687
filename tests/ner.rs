//! Entity recognition rules on news-style sentences, table-driven: each case lists mentions that
//! must be found (text, type) and surface strings that must not be an entity.

use khabar::{EntityType, Extractor};

struct Case {
    name: &'static str,
    text: &'static str,
    /// (exact span text, type) that must be among the entities.
    found: &'static [(&'static str, EntityType)],
    /// Span texts that must not be entities.
    absent: &'static [&'static str],
    /// (span text, how many entities may have it).
    at_most: &'static [(&'static str, usize)],
}

const CASES: &[Case] = &[
    Case {
        name: "a word that only looks like proclitic + place (no_split.tsv)",
        text: "ونقلت وكالة الأنباء عن مصادر في ولاية كاليفورنيا أن الأمر لايزال قيد البحث.",
        found: &[],
        absent: &["كالة", "لاية", "ايزال"],
        at_most: &[],
    },
    Case {
        name: "a bulk-data place after بن is part of a name",
        text: "وبنى أحمد بن طولون الجامع في مصر.",
        found: &[("أحمد بن طولون", EntityType::PER), ("مصر", EntityType::LOC)],
        absent: &["طولون"],
        at_most: &[],
    },
    Case {
        name: "the preposition على is not the name علي",
        text: "ووافق الرئيس على الاتفاق، وحصل اللاعب على جائزة.",
        found: &[],
        absent: &["على الاتفاق", "على جائزة"],
        at_most: &[],
    },
    Case {
        name: "the name علي after a cue",
        text: "وقال الرئيس علي عبدالله صالح إن الحوار مستمر.",
        found: &[("علي عبدالله صالح", EntityType::PER)],
        absent: &[],
        at_most: &[],
    },
    Case {
        name: "two-word given names",
        text: "وقال عبد الرحمن الراشد إن نور الدين زنكي حكم حلب.",
        found: &[("عبد الرحمن الراشد", EntityType::PER), ("نور الدين زنكي", EntityType::PER)],
        absent: &[],
        at_most: &[],
    },
    Case {
        name: "a club named once does not turn the word into the club behind a preposition",
        text: "وفاز نادي التعاون على ضيفه. وأعلنت الوزارة بالتعاون مع الجامعة عن برنامج جديد.",
        found: &[("نادي التعاون", EntityType::ORG)],
        absent: &["التعاون"],
        at_most: &[],
    },
    Case {
        name: "a place word picks the city over the club seen before",
        text: "وتعادل نادي العين مع الوحدة. وزار الوفد مدينة العين أمس.",
        found: &[("نادي العين", EntityType::ORG), ("العين", EntityType::LOC)],
        absent: &[],
        at_most: &[],
    },
    Case {
        name: "regions, organizations and world figures",
        text: "وقالت قناة الجزيرة إن شركة أرامكو وقعت اتفاقا في الشرق الأوسط، وكتب أينشتاين عن نيوتن.",
        found: &[
            ("قناة الجزيرة", EntityType::ORG),
            ("شركة أرامكو", EntityType::ORG),
            ("الشرق الأوسط", EntityType::LOC),
            ("أينشتاين", EntityType::PER),
            ("نيوتن", EntityType::PER),
        ],
        absent: &[],
        at_most: &[],
    },
];

#[test]
fn entity_rules_on_news_sentences() {
    let ex = Extractor::new();
    for c in CASES {
        let doc = ex.extract(c.text, None);
        let got: Vec<(&str, EntityType)> = doc.entities.iter().map(|e| (e.span.text.as_str(), e.kind)).collect();
        for want in c.found {
            assert!(got.contains(want), "{}: {want:?} not found in {got:?}", c.name);
        }
        for bad in c.absent {
            assert!(got.iter().all(|(t, _)| t != bad), "{}: {bad:?} is an entity in {got:?}", c.name);
        }
        for (text, n) in c.at_most {
            let k = got.iter().filter(|(t, _)| t == text).count();
            assert!(k <= *n, "{}: {text:?} is an entity {k} times in {got:?}", c.name);
        }
        // Spans are exact slices of the original text.
        for e in &doc.entities {
            assert_eq!(&c.text[e.span.bytes.clone()], e.span.text, "{}", c.name);
        }
    }
}
