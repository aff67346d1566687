//! The `khabar` command line: extract events from files or JSONL streams, evaluate, check data.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use khabar::{EventFilter, Extractor, Input};
use rayon::prelude::*;

mod cli_eval;
mod cli_train;

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
    /// Train the statistical NER tagger.
    #[command(subcommand)]
    Train(cli_train::TrainCommand),
    /// Print the JSON Schema of one output document (`--format json`/`jsonl`); docs/output.md
    /// explains every field.
    Schema,
}

/// The JSON Schema of a document (draft 2020-12), checked against real output by the tests.
const DOCUMENT_SCHEMA: &str = include_str!("../docs/document.schema.json");

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextEncoding {
    /// UTF-8 (the default; a UTF-8 byte-order mark is dropped).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Arabic Windows code page (cp1256), common in older news archives.
    #[value(name = "windows-1256", alias = "cp1256")]
    Windows1256,
    /// ISO-8859-6 (Arabic Latin/Arabic).
    #[value(name = "iso-8859-6")]
    Iso88596,
    /// UTF-16: the byte-order mark says which byte order; little-endian without one.
    #[value(name = "utf-16", alias = "utf16")]
    Utf16,
    /// UTF-16 little-endian.
    #[value(name = "utf-16le")]
    Utf16Le,
    /// UTF-16 big-endian.
    #[value(name = "utf-16be")]
    Utf16Be,
}

impl TextEncoding {
    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Windows1256 => encoding_rs::WINDOWS_1256,
            TextEncoding::Iso88596 => encoding_rs::ISO_8859_6,
            TextEncoding::Utf16 | TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }
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
    /// Worker threads (default and 0: all cores; capped at 4 × the cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Work budget per document, in characters (0 = no limit): a longer JSONL record gets an
    /// error record naming the limit, a longer file is an error. The default keeps news articles
    /// and long reports whole.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DOC_CHARS)]
    max_doc_chars: usize,
    /// Extra gazetteer/trigger files (TSV as in gazetteers/README.md, or spaCy EntityRuler .jsonl).
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the embedded gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Never show a progress bar or the end-of-stream summary.
    #[arg(long)]
    quiet: bool,
    /// Character encoding of the input (UTF-16 and UTF-8 byte-order marks are always honoured).
    #[arg(long, value_enum, value_name = "ENCODING")]
    encoding: Option<TextEncoding>,
    /// Keep only events whose confidence is at least this (0..1).
    #[arg(long, value_name = "C")]
    min_confidence: Option<f32>,
    /// Keep only events of these PLOVER types, comma-separated (e.g. ASSAULT,PROTEST).
    #[arg(long, value_name = "TYPES")]
    types: Option<String>,
    /// Keep only events with these statuses, comma-separated: reported, background, planned, hypothetical.
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// Exit with status 3 when any JSONL line could not be processed (its error record is still written).
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    ner: NerArgs,
}

/// Entity recognition options (extract, eval ner).
#[derive(clap::Args, Clone, Default)]
pub(crate) struct NerArgs {
    /// Entity recognition: hybrid (gazetteers + statistical tagger) or gazetteer (rules only).
    #[arg(long, value_name = "hybrid|gazetteer", value_parser = parse_ner)]
    ner: Option<khabar::NerMode>,
    /// A tagger model written by `khabar train ner` instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    ner_model: Option<PathBuf>,
}

fn parse_ner(s: &str) -> Result<khabar::NerMode, String> {
    khabar::NerMode::parse(s).ok_or_else(|| format!("expected hybrid or gazetteer, got {s:?}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let strict = matches!(&cli.command, Command::Extract(a) if a.strict);
    let result = match cli.command {
        Command::Extract(args) => match extract(args) {
            // --strict and some JSONL lines failed (the summary on stderr says which).
            Ok(Lines { errors, .. }) if errors > 0 && strict => return ExitCode::from(3),
            r => r.map(drop),
        },
        Command::Eval(cmd) => cli_eval::eval(cmd),
        Command::Gazetteer(cmd) => cli_eval::gazetteer(cmd),
        Command::Train(cmd) => cli_train::train_cmd(cmd),
        Command::Schema => io::stdout().lock().write_all(DOCUMENT_SCHEMA.as_bytes()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            eprintln!("khabar: output closed before all records were written");
            ExitCode::from(1)
        }
        Err(e) if is_output_error(&e) => {
            eprintln!("khabar: {e}");
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
    build_extractor_ner(gazetteers, no_defaults, &NerArgs::default())
}

pub(crate) fn build_extractor_ner(gazetteers: &[PathBuf], no_defaults: bool, ner: &NerArgs) -> io::Result<Extractor> {
    if gazetteers.is_empty() && !no_defaults && ner.ner.is_none() && ner.ner_model.is_none() {
        return Ok(Extractor::new());
    }
    let mut b = Extractor::builder();
    b.defaults(!no_defaults);
    if let Some(m) = ner.ner {
        b.ner(m);
    }
    if let Some(p) = &ner.ner_model {
        b.ner_model(p);
    }
    for g in gazetteers {
        b.gazetteer_file(g);
    }
    b.build().map_err(|e| err(e.to_string()))
}

/// What a JSONL stream did: lines read, lines that became error records, and how many of those
/// were not UTF-8 (a hint that `--encoding` is missing).
#[derive(Default, Clone, Copy)]
struct Lines {
    lines: usize,
    errors: usize,
    not_utf8: usize,
}

fn extract(args: ExtractArgs) -> io::Result<Lines> {
    let limits = Limits { threads: worker_threads(args.threads), max_doc_chars: args.max_doc_chars };
    if args.threads.is_some() {
        rayon::ThreadPoolBuilder::new().num_threads(limits.threads).build_global().map_err(|e| err(e.to_string()))?;
    }
    let date = match &args.date {
        Some(d) => Some(khabar::parse_date(d).map_err(|e| err(format!("--date: {e}")))?),
        None => None,
    };
    let filter = khabar::EventFilter::parse(args.min_confidence, args.types.as_deref(), args.status.as_deref())
        .map_err(|e| err(e.to_string()))?;
    let ex = build_extractor_ner(&args.gazetteers, args.no_default_gazetteers, &args.ner)?;
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
    let mut out = Output(BufWriter::with_capacity(1 << 16, stdout.lock()));
    let mut stats = Lines::default();
    match input {
        InputFormat::Jsonl => {
            let format = args.format.unwrap_or(OutputFormat::Jsonl);
            let mut fw = format.rich().map(khabar::formats::FormatWriter::new);
            let opts = Stream { date, format, quiet: args.quiet, filter: &filter, limits };
            for f in &files {
                let name = f.display().to_string();
                let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
                let raw: Box<dyn Read + Send> = if name == "-" { Box::new(io::stdin()) } else { Box::new(open(f)?) };
                let raw = Counting { inner: raw, read: read.clone() };
                let size = if name == "-" { None } else { std::fs::metadata(f).ok().map(|m| m.len()).filter(|&n| n > 0) };
                let (reader, decoded) =
                    decoding_reader(BufReader::with_capacity(1 << 20, raw), args.encoding).map_err(|e| err(format!("{name}: {e}")))?;
                // Progress: bytes of the lines done when they are the file's bytes, else the
                // file bytes read (a batch ahead of the lines done).
                let s = jsonl(&ex, reader, &name, &opts, size, decoded.then_some(&*read), fw.as_mut(), &mut out)?;
                stats.lines += s.lines;
                stats.errors += s.errors;
                stats.not_utf8 += s.not_utf8;
            }
            if let Some(w) = fw {
                finish_format(w, &mut out)?;
            }
            out.flush()?;
            if !args.quiet || stats.errors > 0 {
                eprintln!("{}", summary(&stats, &files, format));
            }
            return Ok(stats);
        }
        InputFormat::Text | InputFormat::Json => {
            let format = args.format.unwrap_or(OutputFormat::Json);
            let mut inputs = Vec::with_capacity(files.len());
            for f in &files {
                let name = f.display().to_string();
                let mut bytes = Vec::new();
                if name == "-" {
                    io::stdin().lock().read_to_end(&mut bytes).map_err(|e| err(format!("{name}: {e}")))?;
                } else {
                    open(f)?.read_to_end(&mut bytes).map_err(|e| err(format!("{name}: {e}")))?;
                }
                let text = decode_text(bytes, args.encoding).map_err(|e| err(format!("{name}: {e}")))?;
                // The id of a file's document is its file name, without the directory.
                let id = f.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
                let input = if input == InputFormat::Json {
                    let rec = parse_record(&text, date).map_err(|e| err(format!("{name}: {e}")))?;
                    Input { id: rec.id.or(Some(id)), ..rec }
                } else {
                    Input { id: Some(id), text, date }
                };
                check_size(&input.text, limits.max_doc_chars).map_err(|m| err(format!("{name}: {m}")))?;
                inputs.push(input);
            }
            write_docs(&ex, &inputs, &filter, format, &mut out)?;
        }
    }
    out.flush()?;
    Ok(stats)
}

/// The end-of-stream line on stderr: `khabar: 1,300 lines, 557 errors (error records in the output)`.
fn summary(s: &Lines, files: &[PathBuf], format: OutputFormat) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut m = format!("khabar: {}, {}", plural(s.lines, "line"), plural(s.errors, "error"));
    if s.errors > 0 {
        m.push_str(match format {
            OutputFormat::Tsv | OutputFormat::Conll => " (listed above: this format has no place for error records)",
            OutputFormat::Html => " (each has an error section in the page)",
            _ => " (each bad line has an error record in the output, with its line number)",
        });
    }
    if s.not_utf8 > 0 {
        let f = files.iter().find(|f| f.as_os_str() != "-").map_or("FILE".into(), |f| f.display().to_string());
        m.push_str(&format!(
            "; {} not UTF-8: if the input is a legacy Arabic encoding, rerun with --encoding windows-1256 (or iso-8859-6, utf-16), e.g. khabar extract --encoding windows-1256 --input jsonl {f}",
            plural(s.not_utf8, "line")
        ));
    }
    m
}

/// Decodes a whole input file to text. A byte-order mark selects UTF-8 or UTF-16 and is dropped
/// (offsets count from the first character after it); otherwise `enc` (default UTF-8) applies.
fn decode_text(bytes: Vec<u8>, enc: Option<TextEncoding>) -> Result<String, String> {
    let bom = encoding_rs::Encoding::for_bom(&bytes);
    let enc = match (bom, enc) {
        (Some((e, _)), _) => e,
        (None, Some(TextEncoding::Utf8) | None) => {
            return String::from_utf8(bytes).map_err(|e| {
                let off = e.utf8_error().valid_up_to();
                let b = e.as_bytes();
                let line = b[..off].iter().filter(|&&c| c == b'\n').count() + 1;
                format!("invalid UTF-8 at byte offset {off} (line {line}){}", legacy_hint(b))
            });
        }
        (None, Some(e)) => e.encoding(),
    };
    let (text, name, malformed) = enc.decode(&bytes);
    if malformed {
        // The first bad position, for the message.
        let mut dec = enc.new_decoder();
        let mut buf = String::with_capacity(dec.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3 + 16));
        let at = match dec.decode_to_string_without_replacement(&bytes, &mut buf, true) {
            (encoding_rs::DecoderResult::Malformed(bad, after), read) => {
                format!(" at byte offset {}", read.saturating_sub(bad as usize + after as usize))
            }
            _ => String::new(),
        };
        return Err(format!("not valid {}{at}", name.name()));
    }
    Ok(text.into_owned())
}

/// When bytes are not UTF-8 but read as mostly Arabic letters in windows-1256, says so.
fn legacy_hint(bytes: &[u8]) -> &'static str {
    let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(&bytes[..bytes.len().min(1 << 16)]);
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    let arabic = text.chars().filter(|c| ('\u{0621}'..='\u{064A}').contains(c)).count();
    if non_ascii > 0 && arabic * 10 >= non_ascii * 7 {
        ": the bytes read as Arabic in the Windows code page; rerun with --encoding windows-1256"
    } else {
        ": if the file is in a legacy encoding, pass --encoding (windows-1256, iso-8859-6, utf-16)"
    }
}

/// Counts the bytes read from a file (for the progress bar: raw bytes, whatever the encoding).
struct Counting<R> {
    inner: R,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// A JSONL stream as UTF-8: passed through when it is UTF-8 (a UTF-8 byte-order mark is left to
/// the record parser), decoded on the fly when `enc` is another encoding or the stream starts
/// with a UTF-16 byte-order mark. The flag says whether it decodes.
fn decoding_reader<R: BufRead + Send + 'static>(mut r: R, enc: Option<TextEncoding>) -> io::Result<(Box<dyn BufRead + Send>, bool)> {
    let head = r.fill_buf()?;
    let utf16_bom = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    let enc = match enc {
        None | Some(TextEncoding::Utf8) if !utf16_bom => return Ok((Box::new(r), false)),
        None | Some(TextEncoding::Utf8) => encoding_rs::UTF_16LE,
        Some(e) => e.encoding(),
    };
    // new_decoder() honours a byte-order mark, which overrides `enc`.
    let d = Decoding { inner: r, dec: enc.new_decoder(), out: vec![0; 1 << 16], pos: 0, len: 0, done: false };
    Ok((Box::new(BufReader::with_capacity(1 << 20, d)), true))
}

/// Decodes a byte stream to UTF-8 with `encoding_rs` (malformed sequences become U+FFFD).
struct Decoding<R> {
    inner: R,
    dec: encoding_rs::Decoder,
    out: Vec<u8>,
    pos: usize,
    len: usize,
    done: bool,
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.len {
            if self.done {
                return Ok(0);
            }
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let (_, read, written, _) = self.dec.decode_to_utf8(src, &mut self.out, last);
            self.inner.consume(read);
            self.pos = 0;
            self.len = written;
            self.done = last;
        }
        let n = buf.len().min(self.len - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn open(f: &PathBuf) -> io::Result<File> {
    File::open(f).map_err(|e| err(format!("{}: {e}", f.display())))
}

fn write_docs(
    ex: &Extractor,
    inputs: &[Input],
    filter: &EventFilter,
    format: OutputFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    if let Some(f) = format.rich() {
        let pieces: Vec<_> = inputs.par_iter().map(|i| ex.extract_rendered(i, f, |d| filter.apply(d)).1).collect();
        let mut w = khabar::formats::FormatWriter::new(f);
        for p in &pieces {
            w.write(out, p)?;
        }
        return finish_format(w, out);
    }
    let mut docs = ex.extract_batch(inputs);
    docs.iter_mut().for_each(|d| filter.apply(d));
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

/// Lines the JSONL reader may run ahead of the writer (bounds memory behind a slow record).
const WINDOW_LINES: usize = 4096;
/// Bytes of input lines in flight at most (a single longer line is still taken alone).
const WINDOW_BYTES: usize = 64 << 20;

/// How far the JSONL reader is ahead of the writer.
#[derive(Default)]
struct Window {
    /// Records read (and handed to the workers).
    read: usize,
    /// Records written.
    written: usize,
    /// Bytes of the records read but not yet written.
    bytes: usize,
    /// The writer failed: stop reading.
    stop: bool,
}

/// One record's result: its sequence number, the output piece and how it went, and the input
/// line's size.
type Done = (usize, (Piece, Status), usize);

/// Streams JSONL: a reader thread hands lines to `threads` workers; the writer (this thread)
/// writes each record as soon as it and every record before it are done, and flushes whenever it
/// has nothing more to write, so a slow record holds back only the records after it, never the
/// ones already finished. Memory stays bounded by the reader's window ([`WINDOW_LINES`],
/// [`WINDOW_BYTES`]) whatever the input size.
#[allow(clippy::too_many_arguments)]
fn jsonl(
    ex: &Extractor,
    mut reader: impl BufRead + Send,
    name: &str,
    opts: &Stream,
    size: Option<u64>,
    read: Option<&std::sync::atomic::AtomicU64>,
    mut fw: Option<&mut khabar::formats::FormatWriter>,
    out: &mut Output<impl Write>,
) -> io::Result<Lines> {
    let Stream { date, format, quiet, filter, limits } = *opts;
    let bar = (!quiet && io::stderr().is_terminal()).then(|| progress_bar(size));
    let window = std::sync::Mutex::new(Window::default());
    let moved = std::sync::Condvar::new();
    let read_error: std::sync::Mutex<Option<io::Error>> = std::sync::Mutex::new(None);
    let (work_tx, work_rx) = std::sync::mpsc::channel::<(usize, usize, Vec<u8>)>();
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Done>();
    let result = std::thread::scope(|scope| -> io::Result<Lines> {
        let (window, moved, read_error) = (&window, &moved, &read_error);
        scope.spawn(move || {
            let mut line_no = 0usize;
            loop {
                let mut buf = Vec::new();
                let n = match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => return,
                    Ok(n) => n,
                    Err(e) => {
                        *read_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(err(format!("{name}: {e}")));
                        return;
                    }
                };
                line_no += 1;
                if buf.ends_with(b"\n") {
                    buf.pop();
                    if buf.ends_with(b"\r") {
                        buf.pop();
                    }
                }
                let mut w = window.lock().unwrap_or_else(|p| p.into_inner());
                while !w.stop && w.read > w.written && (w.read - w.written >= WINDOW_LINES || w.bytes + n > WINDOW_BYTES) {
                    w = moved.wait(w).unwrap_or_else(|p| p.into_inner());
                }
                if w.stop {
                    return;
                }
                let seq = w.read;
                w.read += 1;
                w.bytes += n;
                drop(w);
                // An empty line is still a line: it gets an error record, never silence.
                if work_tx.send((seq, line_no, buf)).is_err() {
                    return;
                }
            }
        });
        for _ in 0..limits.threads {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = work_rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                let Ok((seq, ln, raw)) = job else { return };
                let bytes = raw.len() + 1;
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    record(ex, &raw, ln, name, date, format, filter, limits.max_doc_chars)
                }))
                .unwrap_or_else(|_| {
                    let msg = "internal error while extracting this record (please report it)".into();
                    (fail_piece(format, name, ln, id_of(&String::from_utf8_lossy(&raw)), msg), Status::Error)
                });
                if done_tx.send((seq, done, bytes)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let written = write_in_order(&done_rx, window, moved, bar.as_ref(), read, &mut fw, out);
        if written.is_err() {
            window.lock().unwrap_or_else(|p| p.into_inner()).stop = true;
            moved.notify_all();
        }
        drop(done_rx);
        written
    });
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let stats = result?;
    match read_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(stats),
    }
}

/// The writer of [`jsonl`]: writes the finished records in input order as soon as the ordered
/// prefix grows, flushing whenever no further record is ready.
fn write_in_order(
    done: &std::sync::mpsc::Receiver<Done>,
    window: &std::sync::Mutex<Window>,
    moved: &std::sync::Condvar,
    bar: Option<&indicatif::ProgressBar>,
    read: Option<&std::sync::atomic::AtomicU64>,
    fw: &mut Option<&mut khabar::formats::FormatWriter>,
    out: &mut Output<impl Write>,
) -> io::Result<Lines> {
    let mut stats = Lines::default();
    let mut pending: std::collections::BTreeMap<usize, ((Piece, Status), usize)> = std::collections::BTreeMap::new();
    let mut next = 0usize;
    let mut unflushed = false;
    // Bytes of the lines written, for the progress bar when no decoded byte count is shared.
    let mut done_bytes = 0u64;
    loop {
        let (seq, piece, bytes) = match done.try_recv() {
            Ok(d) => d,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                if unflushed {
                    out.flush()?;
                    unflushed = false;
                }
                match done.recv() {
                    Ok(d) => d,
                    Err(_) => break,
                }
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
        };
        pending.insert(seq, (piece, bytes));
        let mut freed = 0;
        let start = next;
        while let Some(((piece, status), bytes)) = pending.remove(&next) {
            match status {
                Status::Ok => {}
                Status::Error => stats.errors += 1,
                Status::NotUtf8 => {
                    stats.errors += 1;
                    stats.not_utf8 += 1;
                }
            }
            stats.lines += 1;
            match (piece, fw.as_deref_mut()) {
                (Piece::Rendered(p), Some(w)) => w.write(out, &p)?,
                (Piece::Line(l), _) => {
                    out.write_all(l.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                (Piece::Rendered(_), None) => unreachable!("a format writer exists for rendered pieces"),
            }
            next += 1;
            freed += bytes;
            done_bytes += bytes as u64;
            unflushed = true;
        }
        if next > start {
            let mut w = window.lock().unwrap_or_else(|p| p.into_inner());
            w.written = next;
            w.bytes -= freed;
            drop(w);
            moved.notify_all();
            if let Some(pb) = bar {
                pb.set_position(read.map_or(done_bytes, |r| r.load(std::sync::atomic::Ordering::Relaxed)));
                pb.set_message(format!("{next} docs"));
            }
        }
    }
    out.flush()?;
    Ok(stats)
}

/// An error record of one JSONL line, in the output format.
fn fail_piece(format: OutputFormat, name: &str, ln: usize, id: serde_json::Value, msg: String) -> Piece {
    let rec = serde_json::json!({"id": id, "error": format!("{name}:{ln}: {msg}"), "line": ln});
    match format.rich() {
        Some(f) => Piece::Rendered(khabar::formats::render_error(f, &rec)),
        None => Piece::Line(rec.to_string()),
    }
}

/// The output of one JSONL line: its document, or an error record naming the line.
fn record(
    ex: &Extractor,
    raw: &[u8],
    ln: usize,
    name: &str,
    date: Option<chrono::NaiveDate>,
    format: OutputFormat,
    filter: &khabar::EventFilter,
    max_doc_chars: usize,
) -> (Piece, Status) {
    let fail = |id, msg| (fail_piece(format, name, ln, id, msg), Status::Error);
    let line = match std::str::from_utf8(raw) {
        Ok(l) => l,
        Err(e) => {
            let id = id_of(&String::from_utf8_lossy(raw));
            let piece = fail_piece(format, name, ln, id, format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()));
            return (piece, Status::NotUtf8);
        }
    };
    if line.trim().is_empty() {
        return fail(serde_json::Value::Null, "empty line".into());
    }
    match parse_record(line, date) {
        Ok(input) => {
            if let Err(msg) = check_size(&input.text, max_doc_chars) {
                return fail(input.id.map_or(serde_json::Value::Null, serde_json::Value::String), msg);
            }
            let extract = || {
                let mut doc = ex.extract_input(&input);
                filter.apply(&mut doc);
                doc
            };
            // Rich formats render from the extractor's own analysis (no second tokenization).
            let piece = match format.rich() {
                Some(f) => Piece::Rendered(ex.extract_rendered(&input, f, |d| filter.apply(d)).1),
                None if format == OutputFormat::Json => Piece::Line(extract().to_json_pretty()),
                None => Piece::Line(extract().to_json()),
            };
            (piece, Status::Ok)
        }
        Err(msg) => fail(id_of(line), msg),
    }
}

/// The work budget of one document: at most `max` characters (0 = no limit).
fn check_size(text: &str, max: usize) -> Result<(), String> {
    // Byte length bounds the character count from above: count only when it may exceed.
    if max == 0 || text.len() <= max {
        return Ok(());
    }
    let n = text.chars().count();
    if n <= max {
        return Ok(());
    }
    Err(format!(
        "the document has {n} characters, more than the limit of {max} (--max-doc-chars; 0 = no limit): \
         split it or raise the limit"
    ))
}

/// Per-run limits of `extract`.
#[derive(Clone, Copy)]
struct Limits {
    /// Worker threads.
    threads: usize,
    /// The largest document, in characters (0 = no limit).
    max_doc_chars: usize,
}

/// The default of `--max-doc-chars`: 100 times the longest of the 31,030 SaudiNewsNet articles
/// (about 50,000 characters), so news articles and long reports stay whole, while a runaway
/// record (a whole archive in one line) gets an error record instead of minutes of work.
const DEFAULT_MAX_DOC_CHARS: usize = 5_000_000;

/// The number of worker threads for `--threads n`: 0 means all cores; more than
/// [`THREADS_PER_CORE`] × the cores is capped there, with a message.
fn worker_threads(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match requested {
        None | Some(0) => cores,
        Some(n) if n > THREADS_PER_CORE * cores => {
            let cap = THREADS_PER_CORE * cores;
            eprintln!("khabar: --threads {n} capped at {cap} ({THREADS_PER_CORE} × {cores} cores)");
            cap
        }
        Some(n) => n,
    }
}

/// The most worker threads per core `--threads` gives (more only adds memory and switching).
const THREADS_PER_CORE: usize = 4;

/// Marks an error as one of writing the output (exit code 1), not of the input (exit code 2).
#[derive(Debug)]
struct OutputFailed(io::Error);

impl std::fmt::Display for OutputFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write the output: {}", self.0)
    }
}

impl std::error::Error for OutputFailed {}

/// Whether `e` is (or wraps, e.g. inside a serde_json error) a failure to write the output.
fn is_output_error(e: &io::Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|r| r as _);
    while let Some(c) = cur {
        if c.is::<OutputFailed>() {
            return true;
        }
        cur = match c.downcast_ref::<io::Error>() {
            Some(inner) => inner.get_ref().map(|r| r as _),
            None => c.source(),
        };
    }
    false
}

/// The output stream: every write error becomes an [`OutputFailed`].
struct Output<W: Write>(W);

impl<W: Write> Output<W> {
    fn tag(e: io::Error) -> io::Error {
        if e.get_ref().is_some_and(|r| r.is::<OutputFailed>()) {
            return e;
        }
        io::Error::new(e.kind(), OutputFailed(e))
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Self::tag)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf).map_err(Self::tag)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Self::tag)
    }
}

/// The options of a JSONL stream that are the same for every file.
struct Stream<'a> {
    date: Option<chrono::NaiveDate>,
    format: OutputFormat,
    quiet: bool,
    filter: &'a khabar::EventFilter,
    limits: Limits,
}

/// How one JSONL line went.
#[derive(Clone, Copy)]
enum Status {
    Ok,
    Error,
    NotUtf8,
}

/// A progress bar on stderr: bytes with rate and ETA when the input size is known; documents,
/// bytes read and the rate when reading a pipe.
fn progress_bar(size: Option<u64>) -> indicatif::ProgressBar {
    let (pb, template) = match size {
        Some(n) => (
            indicatif::ProgressBar::new(n),
            "[{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (indicatif::ProgressBar::new_spinner(), "{spinner} [{elapsed_precise}] {msg}, {bytes} read, {binary_bytes_per_sec}"),
    };
    pb.set_style(indicatif::ProgressStyle::with_template(template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()));
    pb.set_message("0 docs");
    if size.is_none() {
        pb.enable_steady_tick(std::time::Duration::from_millis(200));
    }
    pb
}
