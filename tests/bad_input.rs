//! Bad input through the CLI: every problem is reported with its exact message (file and byte
//! offset, or file:line), bad JSONL lines become error records in place, nothing panics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

const KHABAR: &str = env!("CARGO_BIN_EXE_khabar");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(KHABAR)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Write from a thread so a large input cannot deadlock against a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("khabar finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "khabar panicked: {stderr}");
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}")))
        .collect()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn invalid_utf8_in_a_text_file_names_file_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bad.txt", "سطر أول\nقال \u{0628}".as_bytes());
    let mut bytes = std::fs::read(&p).unwrap();
    bytes.extend_from_slice(b"\xff\xfe rest");
    std::fs::write(&p, &bytes).unwrap();
    let off = "سطر أول\nقال \u{0628}".len();
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(2));
    // The message goes on with a hint about --encoding.
    assert!(stderr(&o).starts_with(&format!("khabar: {}: invalid UTF-8 at byte offset {off} (line 2): ", p.display())), "{}", stderr(&o));
    assert!(stderr(&o).contains("--encoding"));
    assert!(o.stdout.is_empty(), "no partial output");
    // A good file next to the bad one does not hide the error.
    let good = write(dir.path(), "good.txt", "نص".as_bytes());
    let o = run(&["extract", s(&good), s(&p)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("{}: invalid UTF-8 at byte offset {off}", p.display())));
}

#[test]
fn invalid_utf8_in_one_jsonl_line_is_an_error_record_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend_from_slice("{\"id\":\"a\",\"text\":\"شنت إسرائيل غارات على مواقع في سوريا\"}\n".as_bytes());
    data.extend_from_slice(b"{\"id\":\"b\",\"text\":\"abc\xc3\x28def\"}\n");
    data.extend_from_slice("{\"id\":\"c\",\"text\":\"قال بوتين\"}\n".as_bytes());
    let p = write(dir.path(), "in.jsonl", &data);
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["id"], "a");
    assert!(out[0]["entities"].as_array().unwrap().iter().any(|e| e["text"] == "إسرائيل"));
    assert_eq!(
        out[1],
        json!({"id": "b", "line": 2, "error": format!("{}:2: invalid UTF-8 at byte 21 of the line", p.display())})
    );
    assert_eq!(out[2]["id"], "c");
    assert!(out[2].get("error").is_none());
    // The same through stdin: the file name is "-".
    let o = run(&["extract", "--input", "jsonl"], Some(&data));
    let out = lines(&o);
    assert_eq!(out[1], json!({"id": "b", "line": 2, "error": "-:2: invalid UTF-8 at byte 21 of the line"}));
}

#[test]
fn bad_records_have_exact_errors() {
    let input = concat!(
        "{\"id\":\"m\",\"date\":\"2019-07-07\"}\n",
        "{\"id\":\"n\",\"text\":42}\n",
        "{\"id\":7,\"text\":\"قال\",\"date\":\"2019-02-30\"}\n",
        "{\"text\":\"قال\",\"date\":\"07/07/2019\"}\n",
        "{\"id\":\"d\",\"text\":\"قال\",\"date\":20190707}\n",
        "{\"id\":[1],\"text\":\"قال\"}\n",
        "[\"text\"]\n",
        "\n",
        "   \n",
        "{\"id\":\"ok\",\"text\":\"قال\",\"date\":\"\"}\n",
    );
    let o = run(&["extract", "--input", "jsonl", "--date", "2015-01-02"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    let out = lines(&o);
    let want = [
        json!({"id": "m", "line": 1, "error": "-:1: record \"m\": missing \"text\""}),
        json!({"id": "n", "line": 2, "error": "-:2: record \"n\": \"text\" must be a string"}),
        json!({"id": "7", "line": 3, "error": "-:3: record \"7\": \"date\": invalid date \"2019-02-30\": expected YYYY-MM-DD"}),
        json!({"id": null, "line": 4, "error": "-:4: \"date\": invalid date \"07/07/2019\": expected YYYY-MM-DD"}),
        json!({"id": "d", "line": 5, "error": "-:5: record \"d\": \"date\" must be a string YYYY-MM-DD"}),
        json!({"id": null, "line": 6, "error": "-:6: \"id\" must be a string or a number"}),
        json!({"id": null, "line": 7, "error": "-:7: expected a JSON object"}),
        json!({"id": null, "line": 8, "error": "-:8: empty line"}),
        json!({"id": null, "line": 9, "error": "-:9: empty line"}),
    ];
    assert_eq!(out.len(), want.len() + 1);
    for (got, want) in out.iter().zip(&want) {
        assert_eq!(got, want);
    }
    // An empty date falls back to --date.
    assert_eq!(out[9]["id"], "ok");
    assert_eq!(out[9]["date"], "2015-01-02");
}

#[test]
fn one_invalid_json_line_of_three_keeps_three_lines_in_order() {
    let input = "{\"id\":\"1\",\"text\":\"قصفت الطائرات إدلب\"}\n{\"id\":\"2\",\"text\":\"unterminated}\n{\"id\":\"3\",\"text\":\"قال\"}";
    let o = run(&["extract", "--input", "jsonl"], Some(input.as_bytes()));
    let out = lines(&o);
    assert_eq!(out.len(), 3, "the last line has no newline and still counts");
    assert_eq!(out[0]["id"], "1");
    assert_eq!(out[1], json!({"id": null, "line": 2, "error": "-:2: invalid JSON: EOF while parsing a string at line 1 column 31"}));
    assert_eq!(out[2]["id"], "3");
}

#[test]
fn empty_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "empty.txt", b"");
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(doc, json!({"khabar": version, "id": "empty.txt", "date": null, "entities": [], "events": []}));
    // An empty JSONL file has no lines, so no output lines.
    let p = write(dir.path(), "empty.jsonl", b"");
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let o = run(&["extract", "--input", "jsonl"], Some(b""));
    assert!(o.stdout.is_empty());
    // A .json record file without text.
    let p = write(dir.path(), "rec.json", b"{\"id\": \"r\"}");
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), format!("khabar: {}: record \"r\": missing \"text\"\n", p.display()));
}

#[test]
fn only_diacritics_or_only_controls() {
    let cases = [
        "\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{064B}\u{0670}".repeat(50),
        "ـــــــ\u{0651}ـــ".to_string(),
        "\u{200F}\u{200E}\u{202B}\u{202C}\u{2067}\u{2069}\u{FEFF}\u{061C}\u{200B}\u{00AD}".repeat(20),
        "\u{0001}\u{0002}\u{0007}\u{001B}\u{007F}\u{0085}\u{009C}".repeat(20),
        "\n\r\n\t \u{2029}\u{2028}...؟!".to_string(),
    ];
    for text in &cases {
        let doc = khabar::Extractor::new().extract(text, None);
        assert!(doc.entities.is_empty() && doc.events.is_empty(), "{text:?}");
        let line = json!({"id": "x", "text": text}).to_string() + "\n";
        let o = run(&["extract", "--input", "jsonl"], Some(line.as_bytes()));
        assert_eq!(lines(&o), vec![json!({"id": "x", "date": null, "entities": [], "events": [], "khabar": env!("CARGO_PKG_VERSION")})], "{text:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "marks.txt", cases[0].as_bytes());
    let o = run(&["extract", "--format", "jsonl", s(&p)], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(lines(&o).len(), 1);
}

#[test]
fn bad_gazetteer_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "a.txt", "قال بوتين".as_bytes());
    let header = "# user gazetteer\nid\ttype\tname\taliases\n";
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        ("missing_column.tsv", format!("{header}Q1\tPER\tVladimir Putin\n"), "3: missing column \"aliases\" (row has 3 cells)"),
        ("bad_id.tsv", format!("{header}Q1\tPER\tA\tبوتين\nputin\tPER\tB\tبوتن\n"), "4: bad id \"putin\": expected a Wikidata QID (Q123), geonames:N or kh:slug"),
        ("unknown_type.tsv", format!("{header}Q1\tPERSONA\tA\tبوتين\n"), "3: unknown type \"PERSONA\" (expected PER, ORG, LOC, FAC, NORP or MISC)"),
        ("duplicate.tsv", format!("{header}Q1\tPER\tA\tبوتين\nkh:x\tORG\tX\tاكس\nQ1\tPER\tB\tترامب\n"), "5: duplicate id \"Q1\""),
        ("no_header.tsv", "# only comments\n\n".to_string(), ": no header line (expected tab-separated column names)"),
        ("bad_header.tsv", "id\ttype\tname\n".to_string(), "1: header lacks required column \"aliases\" (has: id, type, name)"),
        ("too_many.tsv", format!("{header}Q1\tPER\tA\tبوتين\textra\n"), "3: 5 cells but the header has 4 columns"),
        ("bad_date.tsv", "id\ttype\tname\taliases\tstart\nQ1\tPER\tA\tبوتين\t2019-13-01\n".to_string(), "2: column \"start\": invalid date \"2019-13-01\": expected YYYY-MM-DD"),
        ("ruler.jsonl", "{\"label\":\"ORG\",\"pattern\":\"حراس الدين\"}\n{\"label\":\"ORG\"\n".to_string(), "2: invalid JSON: EOF while parsing an object at line 1 column 14"),
    ]
    .into_iter()
    .map(|(n, c, m)| (n, c.into_bytes(), m.to_string()))
    .collect();
    let mut cases = cases;
    // A non-UTF-8 byte on line 3, at byte offset len(header)+5.
    let mut bytes = format!("{header}Q1\tPER\t").into_bytes();
    let off = bytes.len();
    bytes.extend_from_slice(b"Put\xe9n\t\xd8\xa8\xd9\x88\n");
    cases.push(("latin1.tsv", bytes, format!("3: invalid UTF-8 at byte offset {}", off + 3)));
    for (name, content, want) in &cases {
        let p = write(dir.path(), name, content);
        let o = run(&["extract", "--gazetteer", s(&p), s(&article)], None);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let sep = if want.starts_with(':') { "" } else { ":" };
        assert_eq!(stderr(&o), format!("khabar: {}{sep}{want}\n", p.display()), "{name}");
        assert!(o.stdout.is_empty(), "{name}: no output with bad data");
    }
    // The same errors through the library, without the defaults.
    let err = khabar::Extractor::builder()
        .defaults(false)
        .gazetteer_data("mem.tsv", format!("{header}Q1\tPER\tA\tبوتين\nQ1\tPER\tB\tترامب\n"))
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "mem.tsv:4: duplicate id \"Q1\"");
    assert!(matches!(err.kind(), khabar::ErrorKind::Data { line: 4, .. }));
    // A missing file.
    let o = run(&["extract", "--gazetteer", "/nonexistent/x.tsv", s(&article)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("khabar: /nonexistent/x.tsv: "), "{}", stderr(&o));
}

#[test]
fn bad_arguments_and_missing_files() {
    let o = run(&["extract", "--date", "2019-7-7", "--input", "jsonl"], Some(b""));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "khabar: --date: invalid date \"2019-7-7\": expected YYYY-MM-DD\n");
    let o = run(&["extract", "/nonexistent/article.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("khabar: /nonexistent/article.txt: "), "{}", stderr(&o));
    let o = run(&["extract", "--input", "jsonl", "/nonexistent/in.jsonl"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("khabar: /nonexistent/in.jsonl: "), "{}", stderr(&o));
    // A directory opens but cannot be read: the message still names it.
    let dir = tempfile::tempdir().unwrap();
    for input in ["text", "jsonl"] {
        let o = run(&["extract", "--input", input, s(dir.path())], None);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).starts_with(&format!("khabar: {}: ", dir.path().display())), "{input}: {}", stderr(&o));
    }
}

/// Runs the CLI on `path` with a deadline, so that a superlinear regression fails the test
/// instead of hanging the suite.
fn run_with_deadline(args: &[&str], limit: std::time::Duration) -> (Output, f64) {
    let t = std::time::Instant::now();
    let mut child = Command::new(KHABAR).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut b).map(|_| b)
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut b).map(|_| b)
    });
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if t.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("khabar {args:?} still running after {limit:?}: extraction time is superlinear in the document size");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let o = Output { status, stdout: out.join().unwrap().unwrap(), stderr: err.join().unwrap().unwrap() };
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&o.stderr));
    (o, t.elapsed().as_secs_f64())
}

/// The size of the huge single-line documents below: large enough that anything superlinear
/// shows (a quadratic step takes minutes), small enough that the test suite stays under 2 GB
/// of memory (one such document peaks at about 17 bytes of RSS per input byte, with the output).
const HUGE: usize = 10_000_000;

/// The huge-document tests run one at a time: two in parallel doubled the suite's peak memory.
static HUGE_ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Writes a JSONL file: one line of `sentence` repeated to just over [`HUGE`] bytes, then one line
/// with the sentence once (the reference for what each repetition must yield). Returns (path,
/// repetitions).
fn fifty_mb_file(dir: &Path, sentence: &str) -> (PathBuf, usize) {
    let n = HUGE / sentence.len() + 1;
    let path = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(b"{\"id\":\"big\",\"date\":\"2019-07-07\",\"text\":\"").unwrap();
    for _ in 0..n {
        f.write_all(sentence.as_bytes()).unwrap();
    }
    f.write_all(b"\"}\n{\"id\":\"small\",\"date\":\"2019-07-07\",\"text\":\"").unwrap();
    f.write_all(sentence.as_bytes()).unwrap();
    f.write_all(b"\"}\n").unwrap();
    f.into_inner().unwrap().sync_all().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > HUGE as u64);
    (path, n)
}

/// Checks the two output lines of [`fifty_mb_file`]: every repetition yields the small line's
/// entities at offsets shifted by the sentence length.
fn check_fifty_mb_output(o: &Output, sentence: &str, n: usize) {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let text = std::str::from_utf8(&o.stdout).unwrap();
    let out: Vec<&str> = text.lines().collect();
    assert_eq!(out.len(), 2);
    let small: Value = serde_json::from_str(out[1]).unwrap();
    let big: Value = serde_json::from_str(out[0]).unwrap();
    assert_eq!(big["id"], "big");
    let per_sentence = small["entities"].as_array().unwrap().len();
    assert!(per_sentence >= 3, "{small}");
    let ents = big["entities"].as_array().unwrap();
    assert_eq!(ents.len(), per_sentence * n);
    let chars = sentence.chars().count() as u64;
    let (last, last_small) = (&ents[ents.len() - 1], &small["entities"][per_sentence - 1]);
    assert_eq!(last["start"].as_u64().unwrap(), last_small["start"].as_u64().unwrap() + chars * (n as u64 - 1));
    assert_eq!(last["text"], last_small["text"]);
}

/// One 10 MB line through the CLI, once (reading, parsing, extracting and writing a single huge
/// record). Release builds only: a debug build takes minutes. The sentence has entities of every
/// kind but no event trigger and no multi-word person name (those are in
/// `a_10_mb_line_of_news_with_events`).
#[test]
#[cfg_attr(debug_assertions, ignore = "10 MB through the CLI: run with --release")]
fn a_10_mb_single_line() {
    let sentence = "وقال بوتين إن موسكو ودمشق وأنقرة تراقب الوضع في سوريا وإدلب مع الأمم المتحدة. ";
    let _one = HUGE_ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let (path, n) = fifty_mb_file(dir.path(), sentence);
    let (o, secs) = run_with_deadline(&["extract", "--quiet", "--max-doc-chars", "0", s(&path)], std::time::Duration::from_secs(300));
    eprintln!("10 MB line: {secs:.1} s, {} MB of output", o.stdout.len() >> 20);
    check_fifty_mb_output(&o, sentence, n);
}

/// The same with a sentence that has an event and a two-word person name: the paths that were
/// quadratic once (given-name persons looked up their neighbours by scanning every mention,
/// evidence was deduplicated with a linear `contains`; 4 MB took 28 s). About 6 s in release.
#[test]
#[cfg_attr(debug_assertions, ignore = "10 MB through the CLI: run with --release")]
fn a_10_mb_line_of_news_with_events() {
    let sentence = "وشنت إسرائيل غارات على مواقع إيران في سوريا، وقال الرئيس الروسي فلاديمير بوتين إن موسكو تراقب. ";
    let _one = HUGE_ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let (path, n) = fifty_mb_file(dir.path(), sentence);
    let (o, secs) = run_with_deadline(&["extract", "--quiet", "--max-doc-chars", "0", s(&path)], std::time::Duration::from_secs(300));
    eprintln!("10 MB line of news: {secs:.1} s");
    check_fifty_mb_output(&o, sentence, n);
}

/// A news sentence of the corpus style, as a JSONL record.
fn quick_line(id: usize) -> String {
    json!({"id": format!("q{id}"), "text": "وشنت إسرائيل غارات على مواقع إيران في سوريا، وقال المرصد إن الغارات استهدفت مخازن."}).to_string()
}

/// Finished records are written at once, not held until a batch or the input ends: with the
/// input still open after 30 lines, all 30 output lines arrive (before, none did: the batch
/// waited for 512 lines and the output sat in a buffer). No timing: the process blocks on
/// its input while the test reads.
#[test]
fn finished_records_are_written_while_the_input_is_still_open() {
    use std::io::BufRead;
    let mut child = Command::new(KHABAR)
        .args(["extract", "--input", "jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..30 {
        writeln!(stdin, "{}", quick_line(i)).unwrap();
    }
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    for i in 0..30 {
        // A generous bound so that a regression fails instead of hanging the suite.
        let line = rx.recv_timeout(std::time::Duration::from_secs(120)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("only {i} of 30 finished records written while the input stays open")
        });
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], format!("q{i}"));
        assert!(!v["events"].as_array().unwrap().is_empty(), "{line}");
    }
    // One more record after the wait, then the end of the input.
    writeln!(stdin, "{}", quick_line(30)).unwrap();
    drop(stdin);
    let last = rx.recv_timeout(std::time::Duration::from_secs(120)).unwrap();
    assert!(last.contains("\"q30\""), "{last}");
    assert!(child.wait().unwrap().success());
}

/// A record over the work budget gets an error record naming the limit, in place; the records
/// around it are extracted.
#[test]
fn a_document_over_max_doc_chars_gets_an_error_record_in_place() {
    let big = json!({"id": "big", "text": "شنت غارات والتقى ".repeat(100)}).to_string();
    let input = format!("{}\n{big}\n{}\n", quick_line(0), quick_line(1));
    let o = run(&["extract", "--input", "jsonl", "--max-doc-chars", "1000"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(out.len(), 3);
    assert!(out[0]["events"].is_array() && out[2]["events"].is_array());
    assert_eq!(out[1]["id"], "big");
    assert_eq!(
        out[1]["error"],
        "-:2: the document has 1700 characters, more than the limit of 1000 (--max-doc-chars; 0 = no limit): split it or raise the limit"
    );
    // The same document as a text file is an error naming the file.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "big.txt", "شنت غارات والتقى ".repeat(100).as_bytes());
    let o = run(&["extract", "--max-doc-chars", "1000", s(&p)], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with(&format!("khabar: {}: the document has 1700 characters", p.display())), "{}", stderr(&o));
    // The default keeps it.
    let o = run(&["extract", s(&p)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Writing to a full disk is an output error: exit code 1 and one message.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_exits_1_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.txt", "وشنت إسرائيل غارات على مواقع إيران في سوريا.".as_bytes());
    let jsonl = write(dir.path(), "a.jsonl", format!("{}\n", quick_line(0)).repeat(200).as_bytes());
    for args in [vec!["extract", s(&p)], vec!["extract", "--format", "tsv", s(&p)], vec!["extract", s(&jsonl)]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let o = Command::new(KHABAR).args(&args).stdout(full).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "khabar: cannot write the output: No space left on device (os error 28)\n", "{args:?}");
    }
}

/// `--threads 0` means all cores; an absurd count is capped (it used to hang creating threads).
#[test]
fn thread_counts_zero_and_huge() {
    let input = format!("{}\n{}\n", quick_line(0), quick_line(1));
    let reference = run(&["extract", "--input", "jsonl", "--quiet", "--threads", "1"], Some(input.as_bytes()));
    let o = run(&["extract", "--input", "jsonl", "--quiet", "--threads", "0"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, reference.stdout);
    assert_eq!(stderr(&o), "");
    let o = run(&["extract", "--input", "jsonl", "--quiet", "--threads", "100000"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, reference.stdout);
    let cores = std::thread::available_parallelism().unwrap().get();
    assert_eq!(stderr(&o), format!("khabar: --threads 100000 capped at {} (4 × {cores} cores)\n", 4 * cores));
}

/// Gazetteer data that loaded before but could never match or carried impossible values is an
/// error naming file:line: aliases are length-checked after normalization, coordinates and
/// country codes are range-checked, spaCy patterns that use unsupported features are rejected.
#[test]
fn gazetteer_values_are_validated_with_file_and_line() {
    let build = |name: &str, content: String| {
        khabar::Extractor::builder().defaults(false).gazetteer_data(name, content).build().map(drop).map_err(|e| e.to_string())
    };
    let header = "id\ttype\tname\taliases\tlat\tlon\tcountry\n";
    let ok = "Q1\tLOC\tIdlib\tادلب\t35.9\t36.6\tSYR\n";
    assert_eq!(build("g.tsv", format!("{header}{ok}")), Ok(()));
    let cases = [
        ("Q2\tPER\tX\tوَ\t\t\t\n".into(), format!("g.tsv:3: alias {:?} is shorter than 2 characters once normalized (\"و\")", "وَ")),
        ("Q2\tPER\tX\tـــو\t\t\t\n".into(), format!("g.tsv:3: alias {:?} is shorter than 2 characters once normalized (\"و\")", "ـــو")),
        ("Q2\tPER\tX\t\u{200D}و\t\t\t\n".into(), format!("g.tsv:3: alias {:?} is shorter than 2 characters once normalized (\"و\")", "\u{200D}و")),
        ("Q2\tPER\tX\t\u{064E}\u{064F}\t\t\t\n".into(), format!("g.tsv:3: alias {:?} is empty once normalized (only marks, controls or spaces)", "\u{064E}\u{064F}")),
        ("Q2\tLOC\tX\tاكس\tNaN\t1\t\n".into(), "g.tsv:3: column \"lat\": NaN is not a coordinate in -90..90".into()),
        ("Q2\tLOC\tX\tاكس\t1\tinf\t\n".into(), "g.tsv:3: column \"lon\": inf is not a coordinate in -180..180".into()),
        ("Q2\tLOC\tX\tاكس\t999\t1\t\n".into(), "g.tsv:3: column \"lat\": 999 is not a coordinate in -90..90".into()),
        ("Q2\tLOC\tX\tاكس\t1\t1e308\t\n".into(), "g.tsv:3: column \"lon\": 1e308 is not a coordinate in -180..180".into()),
        ("Q2\tLOC\tX\tاكس\t1\t1\tSyria\n".into(), "g.tsv:3: column \"country\": \"Syria\" is not an ISO 3166 alpha-3 code (e.g. SYR)".into()),
        ("Q2\tLOC\tX\tاكس\t1\t1\tSYX\n".into(), "g.tsv:3: column \"country\": \"SYX\" is not an ISO 3166 alpha-3 code (e.g. SYR)".into()),
    ];
    let cases: Vec<(String, String)> = cases.into_iter().collect();
    for (row, want) in cases {
        assert_eq!(build("g.tsv", format!("{header}{ok}{row}")), Err(want), "{row}");
    }
    let good = r#"{"label": "ORG", "pattern": [{"LOWER": "حراس"}, {"TEXT": "الدين"}], "id": "kh:hurras"}"#;
    assert_eq!(build("r.jsonl", format!("{good}\n")), Ok(()));
    let long = format!(r#"{{"label": "ORG", "pattern": [{}]}}"#, vec![r#"{"TEXT": "كلمة"}"#; 21].join(", "));
    let cases = [
        (r#"{"label": "ORG", "pattern": "حراس الدين", "id": 7}"#.to_string(), "r.jsonl:2: \"id\" must be a string, got 7"),
        (r#"{"label": "ORG", "pattern": [{"TEXT": "حراس"}, {"TEXT": "الدين", "OP": "+"}]}"#.to_string(), "r.jsonl:2: token attribute \"OP\" is not supported (only TEXT, ORTH, LOWER, NORM with a string)"),
        (r#"{"label": "WEAPON", "pattern": "كلاشنكوف"}"#.to_string(), "r.jsonl:2: unknown label \"WEAPON\" (expected PERSON, PER, GPE, LOC, ORG, FAC, NORP or MISC)"),
        (r#"{"label": "ORG", "pattern": "حَ"}"#.to_string(), "r.jsonl:2: pattern \"ح\\u{64e}\" is shorter than 2 characters once normalized (\"ح\")"),
        (long, "r.jsonl:2: a token pattern of 21 tokens (at most 20)"),
    ];
    for (line, want) in cases {
        assert_eq!(build("r.jsonl", format!("{good}\n{line}\n")), Err(want.to_string()), "{line}");
    }
}
