//! Every data-file parser through `ExtractorBuilder::defaults(false).gazetteer_data(name, ..)`:
//! entity TSV, nationalities, titles, roles, triggers and spaCy EntityRuler JSONL. The first byte
//! picks the file kind, the rest is the file. No panic; errors are data errors that name the file
//! (and a line inside it); a file that loads yields valid documents when its own text (full of
//! its aliases) and a fixed sentence are extracted.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

const NAMES: [&str; 6] = ["user.tsv", "nationalities.tsv", "titles.tsv", "roles.tsv", "triggers.tsv", "ruler.jsonl"];

/// Fixed companions so that titles/roles/triggers have something to refer to.
const BASE_ENTITIES: &str = "id\ttype\tname\taliases\tcountry\nQ1\tPER\tVladimir Putin\tبوتين|فلاديمير بوتين\tRUS\nkh:isr\tLOC\tIsrael\tإسرائيل\tISR\nkh:syr\tLOC\tSyria\tسوريا\tSYR\n";
const BASE_NATIONALITIES: &str = "country\tname\tadj\tplural\nRUS\tRussia\tروسي\tروس\n";
const BASE_TITLES: &str = "title\trole\tcountry\nالرئيس\tpresident\t\n";
const BASE_TRIGGERS: &str = "id\ttype\tpos\tlemma\timperfect\tforms\tcameo\nattack\tASSAULT\tverb\tقصف\tيقصف\t\t195\nraids\tASSAULT\tnoun\t\t\tغارات|غاره\t195\n";
const SENTENCE: &str = "وقال الرئيس الروسي إن إسرائيل قصفت سوريا، وشنت غارات على مواقع في سوريا أمس.";

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let Ok(content) = std::str::from_utf8(rest) else { return };
    let name = NAMES[sel as usize % NAMES.len()];
    let mut b = khabar::Extractor::builder();
    b.defaults(false);
    if name != "user.tsv" {
        b.gazetteer_data("base.tsv", BASE_ENTITIES);
    }
    for (n, c) in [("nationalities.tsv", BASE_NATIONALITIES), ("titles.tsv", BASE_TITLES), ("triggers.tsv", BASE_TRIGGERS)] {
        if n != name {
            b.gazetteer_data(n, c);
        }
    }
    b.gazetteer_data(name, content);
    match b.build() {
        Ok(ex) => {
            for text in [content, SENTENCE] {
                let doc = ex.extract(text, khabar::parse_date("2019-07-07").ok());
                if let Err(e) = common::check_document(text, &doc) {
                    panic!("{e}\nfile {name}: {content:?}\ntext: {text:?}");
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            match e.kind() {
                khabar::ErrorKind::Data { file, line } => {
                    let file = file.display().to_string();
                    assert!(file == name, "error blames {file} for a problem in {name}: {msg}");
                    assert!(*line <= content.split('\n').count(), "line {line} past the end of {name}: {msg}");
                    assert!(msg.starts_with(&file), "message does not start with the file: {msg}");
                }
                k => panic!("unexpected error kind {k:?}: {msg}"),
            }
        }
    }
});
