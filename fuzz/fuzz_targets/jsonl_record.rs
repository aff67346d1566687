//! The JSONL record parser (`Input::from_json_line`, what the CLI calls for every line): no
//! panic; a record it accepts round-trips; errors name the record id when there is one; an
//! accepted record extracts to a valid document.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else { return };
    match khabar::Input::from_json_line(line) {
        Ok(input) => {
            let v: serde_json::Value = serde_json::from_str(line).expect("accepted line is JSON");
            assert_eq!(v["text"].as_str(), Some(input.text.as_str()));
            let back = serde_json::json!({"id": input.id, "text": input.text, "date": input.date.map(|d| d.to_string())});
            let again = khabar::Input::from_json_line(&back.to_string()).expect("round trip");
            assert_eq!(again, input);
            if input.text.len() <= 4096 {
                static EX: OnceLock<khabar::Extractor> = OnceLock::new();
                let doc = EX.get_or_init(khabar::Extractor::new).extract_input(&input);
                assert_eq!(doc.id, input.id);
                if let Err(e) = common::check_document(&input.text, &doc) {
                    panic!("{e}\nline: {line:?}");
                }
            }
        }
        Err(e) => {
            assert_eq!(e.kind(), &khabar::ErrorKind::Input);
            assert!(!e.to_string().is_empty());
        }
    }
});
