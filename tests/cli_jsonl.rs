//! The JSONL contract of the CLI: every input line yields exactly one output line, in order, across
//! batch boundaries, files and line-ending styles; a closed output pipe ends the process cleanly.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

const KHABAR: &str = env!("CARGO_BIN_EXE_khabar");

const ARTICLE: &str = "شنت إسرائيل غارات على مواقع إيران في سوريا أمس، وقال الرئيس الروسي فلاديمير بوتين إن موسكو تراقب.";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(KHABAR)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = pipe.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn out_lines(o: &Output) -> Vec<Value> {
    std::str::from_utf8(&o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// 1,300 lines (more than two batches of 512) of good, bad, empty and CRLF lines, the last one
/// without a newline: as many output lines, each the answer to its own input line.
#[test]
fn every_line_yields_one_line_in_order() {
    let mut input = String::new();
    let mut want: Vec<(Option<String>, bool)> = Vec::new(); // (id, is_error)
    for i in 0..1300 {
        let (line, expect) = match i % 7 {
            0 => (String::new(), (None, true)),
            1 => (format!("{{\"id\":\"e{i}\",\"txt\":\"x\"}}"), (Some(format!("e{i}")), true)),
            2 => ("{not json".to_string(), (None, true)),
            3 => (json!({"id": i, "text": ARTICLE}).to_string(), (Some(i.to_string()), false)),
            _ => (json!({"id": format!("d{i}"), "text": format!("{ARTICLE} {i}"), "date": "2019-07-07"}).to_string(), (Some(format!("d{i}")), false)),
        };
        input.push_str(&line);
        want.push(expect);
        if i + 1 < 1300 {
            input.push_str(if i % 5 == 0 { "\r\n" } else { "\n" });
        }
    }
    for threads in ["1", "3"] {
        let o = run(&["extract", "--input", "jsonl", "--threads", threads], input.as_bytes());
        assert_eq!(o.status.code(), Some(0));
        let got = out_lines(&o);
        assert_eq!(got.len(), 1300, "one output line per input line");
        for (k, (g, (id, is_err))) in got.iter().zip(&want).enumerate() {
            assert_eq!(g["id"].as_str(), id.as_deref(), "line {}", k + 1);
            assert_eq!(g.get("error").is_some(), *is_err, "line {}: {g}", k + 1);
            if *is_err {
                assert_eq!(g["line"], k + 1);
                assert!(g["error"].as_str().unwrap().starts_with(&format!("-:{}: ", k + 1)), "{g}");
            } else {
                assert!(!g["entities"].as_array().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn several_files_keep_their_own_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    std::fs::write(&a, format!("{}\n{{bad\n", json!({"id": "a1", "text": ARTICLE}))).unwrap();
    std::fs::write(&b, format!("{{bad\n{}\n", json!({"id": "b2", "text": ARTICLE}))).unwrap();
    let o = run(&["extract", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    let got = out_lines(&o);
    assert_eq!(got.len(), 4);
    assert_eq!(got[0]["id"], "a1");
    assert!(got[1]["error"].as_str().unwrap().starts_with(&format!("{}:2: invalid JSON", a.display())));
    assert!(got[2]["error"].as_str().unwrap().starts_with(&format!("{}:1: invalid JSON", b.display())));
    assert_eq!(got[3]["id"], "b2");
}

#[test]
fn text_files_give_one_document_each_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..5 {
        let p = dir.path().join(format!("{i}.txt"));
        std::fs::write(&p, format!("{ARTICLE} {i}")).unwrap();
        paths.push(p.to_str().unwrap().to_string());
    }
    let args: Vec<&str> = ["extract", "--date", "2019-07-07"].into_iter().chain(paths.iter().map(String::as_str)).collect();
    let o = run(&args, b"");
    let arr: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    // The id of a file's document is its file name, without the directory.
    let names: Vec<String> = (0..5).map(|i| format!("{i}.txt")).collect();
    assert_eq!(arr.iter().map(|d| d["id"].as_str().unwrap()).collect::<Vec<_>>(), names);
    assert!(arr.iter().all(|d| d["date"] == "2019-07-07"));
    let mut args = args;
    args.insert(1, "--format");
    args.insert(2, "jsonl");
    let o = run(&args, b"");
    assert_eq!(out_lines(&o).len(), 5);
}

/// Files written by Windows tools start with a byte-order mark: the first record still counts.
#[test]
fn byte_order_mark_before_the_first_record() {
    let input = format!("\u{FEFF}{}\r\n{}\r\n", json!({"id": "a", "text": ARTICLE}), json!({"id": "b", "text": ARTICLE}));
    let o = run(&["extract", "--input", "jsonl"], input.as_bytes());
    let got = out_lines(&o);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|g| g.get("error").is_none()), "{got:?}");
    assert_eq!((got[0]["id"].as_str(), got[1]["id"].as_str()), (Some("a"), Some("b")));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rec.json");
    std::fs::write(&p, format!("\u{FEFF}{}", json!({"id": "r", "text": ARTICLE}))).unwrap();
    let o = run(&["extract", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap()["id"], "r");
}

/// Enough JSONL to overflow any pipe buffer many times over.
fn big_input(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    for i in 0..3000 {
        writeln!(f, "{}", json!({"id": i, "text": ARTICLE.repeat(4)})).unwrap();
    }
    f.flush().unwrap();
    p
}

/// `khabar extract --input jsonl big | head -1`: the reader goes away after one line; khabar
/// stops with a message and exit code 1, without a panic.
#[test]
fn closed_output_pipe_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_input(dir.path());
    let mut child = Command::new(KHABAR)
        .args(["extract", "--input", "jsonl", big.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&first).unwrap()["id"], "0");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err, "khabar: output closed before all records were written\n");

    // The same through a shell pipeline, where SIGPIPE would normally kill a process silently.
    if Command::new("sh").arg("-c").arg("true").status().is_ok() {
        let script = format!("'{KHABAR}' extract --input jsonl '{}' 2>'{}/err' | head -1; echo \"$?\"", big.display(), dir.path().display());
        let o = Command::new("sh").arg("-c").arg(&script).output().unwrap();
        let text = String::from_utf8(o.stdout).unwrap();
        let mut lines = text.lines();
        assert_eq!(serde_json::from_str::<Value>(lines.next().unwrap()).unwrap()["id"], "0");
        let err = std::fs::read_to_string(dir.path().join("err")).unwrap();
        assert_eq!(err, "khabar: output closed before all records were written\n");
    }
}

/// Text mode, pretty JSON, closed pipe: same clean exit.
#[test]
fn closed_output_pipe_in_text_mode() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.txt");
    std::fs::write(&p, ARTICLE.repeat(2000)).unwrap();
    let mut child = Command::new(KHABAR).args(["extract", p.to_str().unwrap()]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "{\n");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "khabar: output closed before all records were written\n");
}

/// Real news sentences (SaudiNewsNet snn-01645, snn-00028, snn-00111): an airstrike report, a riot
/// and a remark about fighting, i.e. events of several types and confidences.
const NEWS: &str = "وفي بيان منفصل قال الجيش الأمريكي إن قوات التحالف شنت ثماني غارات في سوريا بينها خمس استهدفت مواقع قريبة من الحسكة. واندلعت اعمال شغب في القدس اعقبها سلسلة اعتقالات واسعة بالاضافة الى هجمات بالسيارات. ونحن نعرف أن القتال مستمر.";

fn events_of(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["extract", "--input", "jsonl", "--quiet"];
    all.extend_from_slice(args);
    let o = run(&all, json!({"id": "n", "text": NEWS, "date": "2015-06-01"}).to_string().as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    out_lines(&o)[0]["events"].as_array().unwrap().clone()
}

/// `--types`, `--min-confidence` and `--status` keep exactly the events that pass, in order.
#[test]
fn event_filters_keep_exactly_the_matching_events() {
    let all = events_of(&[]);
    assert!(all.len() >= 2, "the sentences state several events: {all:?}");
    let status = |e: &Value| e["status"].as_str().unwrap_or("reported").to_string();
    let same = |got: Vec<Value>, keep: &dyn Fn(&Value) -> bool| {
        let want: Vec<&Value> = all.iter().filter(|e| keep(e)).collect();
        assert_eq!(got.iter().collect::<Vec<_>>(), want);
    };
    same(events_of(&["--types", "assault"]), &|e| e["type"] == "ASSAULT");
    same(events_of(&["--types", "PROTEST, ASSAULT"]), &|e| e["type"] == "ASSAULT" || e["type"] == "PROTEST");
    let mid = all.iter().map(|e| e["confidence"].as_f64().unwrap()).fold(0.0, f64::max);
    same(events_of(&["--min-confidence", &mid.to_string()]), &|e| e["confidence"].as_f64().unwrap() >= mid);
    assert!(!events_of(&["--min-confidence", &mid.to_string()]).is_empty());
    for st in ["reported", "background,planned", "hypothetical"] {
        same(events_of(&["--status", st]), &|e| st.split(',').any(|s| s == status(e)));
    }
    same(events_of(&["--types", "ASSAULT", "--min-confidence", "0.9"]), &|e| {
        e["type"] == "ASSAULT" && e["confidence"].as_f64().unwrap() >= 0.9
    });
    // Entities are never filtered.
    let o = run(&["extract", "--input", "jsonl", "--types", "AID"], json!({"text": NEWS}).to_string().as_bytes());
    assert!(!out_lines(&o)[0]["entities"].as_array().unwrap().is_empty());
    // Bad values name what is admissible.
    for (args, msg) in [
        (["--types", "ATTACK"], "unknown event type \"ATTACK\" (PLOVER types: AGREE,"),
        (["--status", "happened"], "unknown event status \"happened\" (statuses: reported,background,planned,hypothetical)"),
        (["--min-confidence", "2"], "minimum confidence 2 is outside 0..1"),
    ] {
        let o = run(&["extract", "--input", "jsonl", args[0], args[1]], b"");
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains(msg), "{}", String::from_utf8_lossy(&o.stderr));
    }
}

/// Bad JSONL lines: error records in the output, a summary on stderr, exit 3 with `--strict`;
/// with TSV/CoNLL the errors themselves are on stderr above the summary.
#[test]
fn bad_lines_are_summed_up_and_strict_fails() {
    let input = format!("{}\n{{oops\n\n{}\n", json!({"id": "a", "text": NEWS}), json!({"id": "b", "text": NEWS}));
    let o = run(&["extract", "--input", "jsonl"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out_lines(&o).iter().filter(|l| l.get("error").is_some()).count(), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("khabar: 4 lines, 2 errors (each bad line has an error record"), "{err}");
    let o = run(&["extract", "--input", "jsonl", "--strict"], input.as_bytes());
    assert_eq!(o.status.code(), Some(3), "--strict fails when a line failed");
    assert_eq!(out_lines(&o).len(), 4, "--strict still writes every record");
    for format in ["tsv", "conll"] {
        let o = run(&["extract", "--input", "jsonl", "--format", format, "--strict"], input.as_bytes());
        assert_eq!(o.status.code(), Some(3));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("-:2: invalid JSON") && err.contains("-:3: empty line"), "{err}");
        assert!(err.contains("4 lines, 2 errors (listed above"), "{err}");
    }
    // A clean stream: a summary without errors, none with --quiet, exit 0 with --strict.
    let good = format!("{}\n", json!({"id": "a", "text": NEWS}));
    let o = run(&["extract", "--input", "jsonl", "--strict"], good.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "khabar: 1 line, 0 errors\n");
    let o = run(&["extract", "--input", "jsonl", "--quiet"], good.as_bytes());
    assert!(o.stderr.is_empty());
}

fn doc_of_file(dir: &std::path::Path, name: &str, bytes: &[u8], extra: &[&str]) -> Output {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend_from_slice(extra);
    args.push(p.to_str().unwrap());
    run(&args, b"")
}

/// Legacy encodings give the same document as UTF-8; a UTF-8 or UTF-16 byte-order mark does not
/// shift offsets; a windows-1256 file without the flag gets an error that names the flag.
#[test]
fn encodings_and_byte_order_marks() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = doc_of_file(dir.path(), "a.txt", NEWS.as_bytes(), &[]);
    let want = out_lines(&utf8)[0].clone();
    assert!(!want["entities"].as_array().unwrap().is_empty());
    let (cp1256, _, bad) = encoding_rs::WINDOWS_1256.encode(NEWS);
    assert!(!bad);
    let (iso, _, bad) = encoding_rs::ISO_8859_6.encode("شنت إسرائيل غارات على مواقع إيران في سوريا");
    assert!(!bad);
    let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(NEWS.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(NEWS.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let bom8: Vec<u8> = "\u{FEFF}".bytes().chain(NEWS.bytes()).collect();
    for (bytes, flag) in [
        (cp1256.to_vec(), Some("windows-1256")),
        (utf16le.clone(), None),
        (utf16be, None),
        (utf16le, Some("utf-16")),
        (bom8, None),
    ] {
        let extra: Vec<&str> = flag.map(|f| vec!["--encoding", f]).unwrap_or_default();
        let o = doc_of_file(dir.path(), "a.txt", &bytes, &extra);
        assert_eq!(o.status.code(), Some(0), "{flag:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(out_lines(&o)[0], want, "{flag:?}: same document, same offsets");
    }
    let o = doc_of_file(dir.path(), "iso.txt", &iso, &["--encoding", "iso-8859-6"]);
    assert!(out_lines(&o)[0]["entities"].as_array().unwrap().iter().any(|e| e["text"] == "إسرائيل"));
    // windows-1256 without the flag: an error that says what to do.
    let o = doc_of_file(dir.path(), "old.txt", &cp1256, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("old.txt: invalid UTF-8 at byte offset 0 (line 1)") && err.contains("--encoding windows-1256"), "{err}");
    // JSONL in windows-1256 and UTF-16 is decoded as a stream.
    let line = format!("{}\n{}\n", json!({"id": "a", "text": NEWS}), json!({"id": "b", "text": NEWS}));
    let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(&line);
    let o = run(&["extract", "--input", "jsonl", "--encoding", "windows-1256"], &cp);
    let got = out_lines(&o);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["entities"], want["entities"]);
    let u16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(line.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert_eq!(out_lines(&run(&["extract", "--input", "jsonl"], &u16))[0]["entities"], want["entities"]);
    // Without the flag every line is an error record and the summary suggests the flag.
    let o = run(&["extract", "--input", "jsonl"], &cp);
    assert!(out_lines(&o).iter().all(|l| l["error"].as_str().is_some_and(|e| e.contains("invalid UTF-8"))));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rerun with --encoding windows-1256"));
}

/// Every key of real output is declared by `khabar schema`, in the definition of its record
/// (the full JSON Schema validation runs in the Python suite, python/tests/test_schema.py).
#[test]
fn schema_declares_every_output_field() {
    let o = run(&["schema"], b"");
    let schema: Value = serde_json::from_slice(&o.stdout).unwrap();
    let defs = &schema["$defs"];
    let declared = |def: &str, obj: &Value| {
        let props = defs[def]["properties"].as_object().unwrap_or_else(|| panic!("no $defs/{def}"));
        for (k, _) in obj.as_object().unwrap() {
            assert!(props.contains_key(k), "{def}.{k} is not in the schema");
        }
        for r in defs[def]["required"].as_array().unwrap() {
            assert!(obj.get(r.as_str().unwrap()).is_some(), "{def} lacks required {r}");
        }
    };
    let input = format!("{}\nnot json\n", json!({"id": "n", "text": format!("{NEWS} {ARTICLE}"), "date": "2015-06-01"}));
    let lines = out_lines(&run(&["extract", "--input", "jsonl"], input.as_bytes()));
    let doc = &lines[0];
    declared("Document", doc);
    declared("ErrorRecord", &lines[1]);
    assert_eq!(doc["khabar"], env!("CARGO_PKG_VERSION"));
    for e in doc["entities"].as_array().unwrap() {
        declared("Entity", e);
    }
    let events = doc["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for ev in events {
        declared("Event", ev);
        declared("Span", &ev["trigger"]);
        for k in ["actor", "recipient", "location"] {
            if !ev[k].is_null() {
                declared("Argument", &ev[k]);
            }
        }
        if !ev["time"].is_null() {
            declared("Time", &ev["time"]);
        }
        ev["evidence"].as_array().unwrap().iter().for_each(|s| declared("Span", s));
    }
}
