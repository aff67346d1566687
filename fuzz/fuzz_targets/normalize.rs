//! Normalization + alignment map + tokenizer on arbitrary UTF-8: no panic, every normalized
//! character and token maps back to an in-bounds, char-aligned original span whose
//! normalization is the token, sentences partition the tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = common::check_normalization(text) {
        panic!("{e}\ninput: {text:?}");
    }
});
