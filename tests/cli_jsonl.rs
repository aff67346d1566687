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
    assert_eq!(arr.iter().map(|d| d["id"].as_str().unwrap()).collect::<Vec<_>>(), paths);
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
