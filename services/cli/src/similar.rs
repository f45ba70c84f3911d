//! `newsflow similar --pairs FILE`: the dedup stage's similarity rules over
//! pairs of texts, for measurement.
//!
//! In: JSON lines `{"id","a":{"title","bodyText","url","language"},"b":{…}}`.
//! Out: JSON lines `{"id","nearDuplicate","sameStory","score",…}` in input
//! order (lines that cannot be read give `{"id","error"}`).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use newsflow_contracts::Article;
use newsflow_dedup::decide::compare;
use newsflow_dedup::DedupSettings;
use newsflow_runtime::config::Settings;
use serde::Deserialize;

#[derive(clap::Args)]
pub struct Args {
    /// JSON lines of pairs (`-` for stdin).
    #[arg(long)]
    pairs: PathBuf,
}

#[derive(Deserialize)]
struct Side {
    #[serde(default)]
    title: String,
    #[serde(default, rename = "bodyText")]
    body_text: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    language: String,
}

#[derive(Deserialize)]
struct Pair {
    id: serde_json::Value,
    a: Side,
    b: Side,
}

impl Side {
    fn article(self, fallback_url: &str) -> Article {
        let url = if self.url.is_empty() {
            fallback_url.to_string()
        } else {
            self.url
        };
        Article {
            id: newsflow_contracts::ids::stable_id(&url),
            url,
            title: self.title,
            body_text: self.body_text,
            language: self.language,
            ..Default::default()
        }
    }
}

pub fn run(settings: &Settings, args: Args) -> anyhow::Result<ExitCode> {
    let dedup: DedupSettings = settings.stage("dedup")?;
    let reader = crate::input::open(&args.pairs)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<Pair>(&line) {
            Ok(pair) => {
                // Distinct placeholder URLs: without URLs the two sides are
                // different pages of no particular site.
                let a = pair.a.article(&format!("urn:pair:{n}:a"));
                let b = pair.b.article(&format!("urn:pair:{n}:b"));
                let c = compare(&a, &b, &dedup);
                let mut v = serde_json::to_value(c)?;
                v["id"] = pair.id;
                v
            }
            Err(e) => {
                let id = serde_json::from_str::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                serde_json::json!({"id": id, "error": format!("line {}: {e}", n + 1)})
            }
        };
        writeln!(out, "{value}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
