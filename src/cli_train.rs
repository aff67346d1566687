//! `khabar train ner` and `khabar eval ner-cv`: training the NER tagger on CoNLL files and
//! cross-validating it against gazetteer-only recognition.

use std::io;
use std::path::PathBuf;

use clap::Subcommand;
use khabar::tagger::train::{evaluate, examples, micro, read_conll, row, train, ConllDoc, Counts, Example};
use khabar::{Extractor, NerMode};
use rayon::prelude::*;

use crate::err;

#[derive(Subcommand)]
pub enum TrainCommand {
    /// Trains the NER tagger (averaged structured perceptron) on CoNLL files and writes the model
    /// (the shipped one: `khabar train ner --conll ../shared/eval/dev/anercorp_train.conll --out
    /// gazetteers/models/ner.bin`).
    Ner {
        /// CoNLL training files (`token LABEL`, BIO; PERS/LOC/ORG/MISC).
        #[arg(long, num_args = 1.., required = true)]
        conll: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        /// Training passes.
        #[arg(long, default_value_t = EPOCHS)]
        epochs: usize,
    },
}

/// Training passes of the shipped model (chosen on the cross-validation folds).
pub const EPOCHS: usize = 10;

fn gazetteer_only() -> io::Result<Extractor> {
    Extractor::builder().ner(NerMode::Gazetteer).build().map_err(|e| err(e.to_string()))
}

fn all_examples(ex: &Extractor, docs: &[ConllDoc]) -> Vec<Vec<Example>> {
    docs.par_iter().map(|d| examples(ex, d)).collect()
}

pub fn train_cmd(cmd: TrainCommand) -> io::Result<()> {
    match cmd {
        TrainCommand::Ner { conll, out, epochs } => {
            let ex = gazetteer_only()?;
            let mut docs = Vec::new();
            for p in &conll {
                docs.extend(read_conll(p).map_err(|e| err(e.to_string()))?);
            }
            let exs = all_examples(&ex, &docs);
            let flat: Vec<&Example> = exs.iter().flatten().collect();
            let model = train(&flat, epochs);
            std::fs::write(&out, model.to_bytes()).map_err(|e| err(format!("{}: {e}", out.display())))?;
            eprintln!("khabar: {} sentences, {} features -> {}", flat.len(), model.len(), out.display());
            Ok(())
        }
    }
}

fn print_row(label: &str, c: &Counts) {
    println!("{label:<22} {}", row(c));
}

fn add(total: &mut Counts, c: &Counts) {
    for (k, v) in c {
        let e = total.entry(k).or_default();
        e.0 += v.0;
        e.1 += v.1;
        e.2 += v.2;
    }
}

/// k-fold cross-validation over contiguous blocks of documents, gazetteer-only vs hybrid, then
/// AQMAR with the model trained on all of `conll`.
pub fn cross_validate(conll: &PathBuf, folds: usize, epochs: usize, aqmar: Option<&PathBuf>) -> io::Result<()> {
    let ex = gazetteer_only()?;
    let docs = read_conll(conll).map_err(|e| err(e.to_string()))?;
    let folds = folds.clamp(2, docs.len().max(2));
    let exs = all_examples(&ex, &docs);
    println!("{:<22} {:>6} {:>6} {:>6} {:>6}", "F1", "PER", "LOC", "ORG", "micro");
    let (mut gaz_total, mut hyb_total) = (Counts::new(), Counts::new());
    let (mut gaz_mean, mut hyb_mean) = (0.0, 0.0);
    for k in 0..folds {
        let (lo, hi) = (k * docs.len() / folds, (k + 1) * docs.len() / folds);
        let train_set: Vec<&Example> =
            exs[..lo].iter().chain(exs[hi..].iter()).flatten().collect();
        let model = train(&train_set, epochs);
        let test = &docs[lo..hi];
        let gaz = evaluate(&ex, test, None);
        let hyb = evaluate(&ex, test, Some(&model));
        print_row(&format!("fold {} gazetteer", k + 1), &gaz);
        print_row(&format!("fold {} hybrid", k + 1), &hyb);
        gaz_mean += micro(&gaz) / folds as f64;
        hyb_mean += micro(&hyb) / folds as f64;
        add(&mut gaz_total, &gaz);
        add(&mut hyb_total, &hyb);
    }
    print_row("pooled gazetteer", &gaz_total);
    print_row("pooled hybrid", &hyb_total);
    for (name, c) in [("gazetteer", &gaz_total), ("hybrid", &hyb_total)] {
        let pr: Vec<String> = ["PER", "LOC", "ORG"]
            .iter()
            .map(|k| {
                let (tp, fp, fn_) = c.get(k).copied().unwrap_or_default();
                format!("{k} P {:.3} R {:.3}", tp as f64 / (tp + fp).max(1) as f64, tp as f64 / (tp + fn_).max(1) as f64)
            })
            .collect();
        println!("pooled {name}: {}", pr.join(", "));
    }
    println!("mean micro F1 over folds: gazetteer {gaz_mean:.3}, hybrid {hyb_mean:.3}");
    if let Some(a) = aqmar {
        let adocs = read_conll(a).map_err(|e| err(e.to_string()))?;
        let flat: Vec<&Example> = exs.iter().flatten().collect();
        let model = train(&flat, epochs);
        print_row("AQMAR gazetteer", &evaluate(&ex, &adocs, None));
        print_row("AQMAR hybrid", &evaluate(&ex, &adocs, Some(&model)));
    }
    Ok(())
}
