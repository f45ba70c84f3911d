//! `newsflow enrich --input FILE`: the enrich stage offline, for measurement.
//!
//! In: JSON lines `{"id","article":{…}}` (the contract's JSON names). Out:
//! the same lines with `article.enrichment` filled in, in input order; a line
//! that cannot be read gives `{"id","error"}`.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use newsflow_contracts::Article;

#[derive(clap::Args)]
pub struct Args {
    /// JSON lines of `{"id","article"}` (`-` for stdin).
    #[arg(long)]
    input: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let reader = crate::input::open(&args.input)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(mut row) => {
                let id = row.get("id").cloned().unwrap_or(serde_json::Value::Null);
                match serde_json::from_value::<Article>(row["article"].take()) {
                    Ok(mut article) => {
                        article.enrichment = Some(newsflow_enrich::enrich(&article));
                        serde_json::json!({"id": id, "article": article})
                    }
                    Err(e) => {
                        serde_json::json!({"id": id, "error": format!("line {}: article: {e}", n + 1)})
                    }
                }
            }
            Err(e) => serde_json::json!({"id": null, "error": format!("line {}: {e}", n + 1)}),
        };
        writeln!(out, "{value}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
