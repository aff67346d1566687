//! The `khabar` command line: extract events from files or JSONL streams, evaluate, check data.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use khabar::{Extractor, Input};
use rayon::prelude::*;

mod cli_eval;

#[derive(Parser)]
#[command(name = "khabar", version, about = "Arabic news → structured event records (PLOVER/CAMEO)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and events. Plain-text files become one document each; `--input jsonl`
    /// reads one {"id","text","date"?} object per line from the files or stdin.
    Extract(ExtractArgs),
    /// Evaluate against gold data.
    #[command(subcommand)]
    Eval(cli_eval::EvalCommand),
    /// Inspect and check the gazetteers.
    #[command(subcommand)]
    Gazetteer(cli_eval::GazetteerCommand),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Plain text: each file is one document (default, except for .jsonl/.json files).
    Text,
    /// One JSON object per file: {"id","text","date"?}.
    Json,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Pretty JSON (one object per document; an array for several files).
    Json,
    /// One JSON document per line.
    Jsonl,
    /// PLOVER event records: one JSON object per event and line.
    Plover,
    /// POLECAT-like TSV: a header line, then one row per event.
    Tsv,
    /// CoNLL: `token LABEL` lines (BIO, ANERcorp types), a blank line after each sentence.
    Conll,
    /// One self-contained right-to-left HTML page (entities, event cards, map).
    Html,
}

impl OutputFormat {
    /// The formats of `khabar::formats` (everything but JSON).
    fn rich(self) -> Option<khabar::formats::Format> {
        use khabar::formats::Format;
        match self {
            OutputFormat::Json | OutputFormat::Jsonl => None,
            OutputFormat::Plover => Some(Format::Plover),
            OutputFormat::Tsv => Some(Format::Tsv),
            OutputFormat::Conll => Some(Format::Conll),
            OutputFormat::Html => Some(Format::Html),
        }
    }
}

/// Finishes a `khabar::formats` stream; reports the bad inputs the format had no place for.
fn finish_format(w: khabar::formats::FormatWriter, out: &mut impl Write) -> io::Result<()> {
    for m in w.finish(out)? {
        eprintln!("khabar: {m}");
    }
    Ok(())
}

/// One output piece of the JSONL stream: a JSON line or a piece of a `khabar::formats` format.
enum Piece {
    Line(String),
    Rendered(khabar::formats::Rendered),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Input files ("-" or none = stdin).
    files: Vec<PathBuf>,
    /// Input format (default: by extension, text otherwise).
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    /// Output format (default: json for text input, jsonl for jsonl input).
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Document date YYYY-MM-DD (for relative times and role holders); JSONL records may carry their own.
    #[arg(long)]
    date: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Extra gazetteer/trigger files (TSV as in gazetteers/README.md, or spaCy EntityRuler .jsonl).
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the embedded gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Never show a progress bar.
    #[arg(long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(cmd) => cli_eval::eval(cmd),
        Command::Gazetteer(cmd) => cli_eval::gazetteer(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            eprintln!("khabar: output closed before all records were written");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("khabar: {e}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn err(msg: impl Into<String>) -> io::Error {
    io::Error::other(msg.into())
}

pub(crate) fn build_extractor(gazetteers: &[PathBuf], no_defaults: bool) -> io::Result<Extractor> {
    if gazetteers.is_empty() && !no_defaults {
        return Ok(Extractor::new());
    }
    let mut b = Extractor::builder();
    b.defaults(!no_defaults);
    for g in gazetteers {
        b.gazetteer_file(g);
    }
    b.build().map_err(|e| err(e.to_string()))
}

fn extract(args: ExtractArgs) -> io::Result<()> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().map_err(|e| err(e.to_string()))?;
    }
    let date = match &args.date {
        Some(d) => Some(khabar::parse_date(d).map_err(|e| err(format!("--date: {e}")))?),
        None => None,
    };
    let ex = build_extractor(&args.gazetteers, args.no_default_gazetteers)?;
    let files: Vec<PathBuf> = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    let input = args.input.unwrap_or_else(|| {
        let ext = |e: &str| files.iter().all(|f| f.extension().is_some_and(|x| x == e));
        if ext("jsonl") {
            InputFormat::Jsonl
        } else if ext("json") {
            InputFormat::Json
        } else {
            InputFormat::Text
        }
    });
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    match input {
        InputFormat::Jsonl => {
            let format = args.format.unwrap_or(OutputFormat::Jsonl);
            let mut fw = format.rich().map(khabar::formats::FormatWriter::new);
            for f in &files {
                let name = f.display().to_string();
                let reader: Box<dyn Read + Send> = if name == "-" { Box::new(io::stdin()) } else { Box::new(open(f)?) };
                let size = if name == "-" { None } else { std::fs::metadata(f).ok().map(|m| m.len()) };
                jsonl(&ex, BufReader::with_capacity(1 << 20, reader), &name, date, format, size, args.quiet, fw.as_mut(), &mut out)?;
            }
            if let Some(w) = fw {
                finish_format(w, &mut out)?;
            }
        }
        InputFormat::Text | InputFormat::Json => {
            let format = args.format.unwrap_or(OutputFormat::Json);
            let mut inputs = Vec::with_capacity(files.len());
            for f in &files {
                let name = f.display().to_string();
                let bytes = if name == "-" {
                    let mut b = Vec::new();
                    io::stdin().lock().read_to_end(&mut b).map_err(|e| err(format!("{name}: {e}")))?;
                    b
                } else {
                    let mut b = Vec::new();
                    open(f)?.read_to_end(&mut b).map_err(|e| err(format!("{name}: {e}")))?;
                    b
                };
                let text = String::from_utf8(bytes).map_err(|e| {
                    let off = e.utf8_error().valid_up_to();
                    let line = e.as_bytes()[..off].iter().filter(|&&b| b == b'\n').count() + 1;
                    err(format!("{name}: invalid UTF-8 at byte offset {off} (line {line})"))
                })?;
                if input == InputFormat::Json {
                    let rec = parse_record(&text, date).map_err(|e| err(format!("{name}: {e}")))?;
                    inputs.push(Input { id: rec.id.or(Some(name)), ..rec });
                } else {
                    inputs.push(Input { id: Some(name), text, date });
                }
            }
            write_docs(&ex, &inputs, format, &mut out)?;
        }
    }
    out.flush()
}

fn open(f: &PathBuf) -> io::Result<File> {
    File::open(f).map_err(|e| err(format!("{}: {e}", f.display())))
}

fn write_docs(ex: &Extractor, inputs: &[Input], format: OutputFormat, out: &mut impl Write) -> io::Result<()> {
    if let Some(f) = format.rich() {
        let pieces: Vec<_> = inputs.par_iter().map(|i| ex.extract_rendered(i, f).1).collect();
        let mut w = khabar::formats::FormatWriter::new(f);
        for p in &pieces {
            w.write(out, p)?;
        }
        return finish_format(w, out);
    }
    let docs = ex.extract_batch(inputs);
    match format {
        OutputFormat::Json if docs.len() == 1 => {
            docs[0].write_json(&mut *out, true)?;
            writeln!(out)
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &docs).map_err(io::Error::other)?;
            writeln!(out)
        }
        OutputFormat::Jsonl => {
            for d in &docs {
                d.write_json(&mut *out, false)?;
                writeln!(out)?;
            }
            Ok(())
        }
        _ => unreachable!("handled by khabar::formats"),
    }
}

/// Parses one input record {"id","text","date"?}; a record without a date gets `default_date`.
fn parse_record(line: &str, default_date: Option<chrono::NaiveDate>) -> Result<Input, String> {
    let mut input = Input::from_json_line(line).map_err(|e| e.to_string())?;
    input.date = input.date.or(default_date);
    Ok(input)
}

/// Best-effort id of a bad line, for its error record (null when there is none).
fn id_of(line: &str) -> serde_json::Value {
    Input::id_of_line(line).map_or(serde_json::Value::Null, serde_json::Value::String)
}

/// Streams JSONL: reads a batch of lines, extracts it in parallel, writes it in order; memory
/// stays bounded by the batch size whatever the input size.
#[allow(clippy::too_many_arguments)]
fn jsonl(
    ex: &Extractor,
    mut reader: impl BufRead + Send,
    name: &str,
    date: Option<chrono::NaiveDate>,
    format: OutputFormat,
    size: Option<u64>,
    quiet: bool,
    mut fw: Option<&mut khabar::formats::FormatWriter>,
    out: &mut impl Write,
) -> io::Result<()> {
    const BATCH_LINES: usize = 512;
    const BATCH_BYTES: usize = 16 << 20;
    let bar = (!quiet && io::stderr().is_terminal()).then(|| {
        let pb = match size {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let mut docs_done = 0usize;
    // A reader thread fills the next batch while the pool extracts the current one.
    let (tx, rx) = std::sync::mpsc::sync_channel::<io::Result<(Vec<(usize, Vec<u8>)>, usize)>>(1);
    std::thread::scope(|scope| -> io::Result<()> {
        scope.spawn(move || {
            let mut line_no = 0usize;
            loop {
                let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH_LINES);
                let mut bytes = 0;
                while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
                    let mut buf = Vec::new();
                    let n = match reader.read_until(b'\n', &mut buf) {
                        Ok(n) => n,
                        Err(e) => {
                            let _ = tx.send(Err(err(format!("{name}: {e}"))));
                            return;
                        }
                    };
                    if n == 0 {
                        break;
                    }
                    line_no += 1;
                    bytes += n;
                    if buf.ends_with(b"\n") {
                        buf.pop();
                        if buf.ends_with(b"\r") {
                            buf.pop();
                        }
                    }
                    // An empty line is still a line: it gets an error record, never silence.
                    batch.push((line_no, buf));
                }
                let last = batch.is_empty();
                // The receiver is gone only when writing failed; its error is reported there.
                if last || tx.send(Ok((batch, bytes))).is_err() {
                    return;
                }
            }
        });
        for received in rx {
            let (batch, bytes) = received?;
            let results: Vec<Piece> = batch
                .par_iter()
                .map(|(ln, raw)| {
                    let fail = |id: serde_json::Value, msg: String| {
                        let rec = serde_json::json!({"id": id, "error": format!("{name}:{ln}: {msg}"), "line": ln});
                        match format.rich() {
                            Some(f) => Piece::Rendered(khabar::formats::render_error(f, &rec)),
                            None => Piece::Line(rec.to_string()),
                        }
                    };
                    let line = match std::str::from_utf8(raw) {
                        Ok(l) => l,
                        Err(e) => {
                            let id = id_of(&String::from_utf8_lossy(raw));
                            return fail(id, format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()));
                        }
                    };
                    if line.trim().is_empty() {
                        return fail(serde_json::Value::Null, "empty line".into());
                    }
                    match parse_record(line, date) {
                        Ok(input) => {
                            match format.rich() {
                                Some(f) => Piece::Rendered(ex.extract_rendered(&input, f).1),
                                None if format == OutputFormat::Json => Piece::Line(ex.extract_input(&input).to_json_pretty()),
                                None => Piece::Line(ex.extract_input(&input).to_json()),
                            }
                        }
                        Err(msg) => fail(id_of(line), msg),
                    }
                })
                .collect();
            for r in &results {
                match (r, fw.as_deref_mut()) {
                    (Piece::Rendered(p), Some(w)) => w.write(out, p)?,
                    (Piece::Line(l), _) => {
                        out.write_all(l.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    (Piece::Rendered(_), None) => unreachable!("a format writer exists for rendered pieces"),
                }
            }
            docs_done += results.len();
            if let Some(pb) = &bar {
                pb.inc(bytes as u64);
                pb.set_message(format!("{docs_done} docs"));
            }
        }
        Ok(())
    })?;
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    Ok(())
}
