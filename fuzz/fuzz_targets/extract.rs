//! The full `extract` with the shipped gazetteers on arbitrary UTF-8: no panic, every span valid
//! (inside the text, on char boundaries, text == slice, code points agree), event arguments are
//! entity spans, JSON offsets index the text in code points.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    static EX: OnceLock<khabar::Extractor> = OnceLock::new();
    let ex = EX.get_or_init(khabar::Extractor::new);
    // Invalid UTF-8 is repaired (U+FFFD) rather than skipped, so byte-level mutations still
    // reach the extractor.
    let text = String::from_utf8_lossy(data);
    let date = khabar::parse_date("2019-07-07").ok();
    let doc = ex.extract(&text, date);
    if let Err(e) = common::check_document(&text, &doc) {
        panic!("{e}\ninput: {text:?}");
    }
});
